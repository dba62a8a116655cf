using System.Text.Json;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>The course's date translation through specs: the dates set, the attention_translator zoo model, exact match and the attention map.</summary>
public sealed class TranslationSpecTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_dates_set_has_a_held_out_test_set_and_names_both_vocabularies()
    {
        var spec = SpecReader.Parse("""{ "data": { "dataset": "dates", "count": 50, "test_count": 20, "seed": 4 }, "model": { "zoo": "attention_translator" } }""", "d.json", null);
        var data = SpecData.Load(spec.Data, DType.Float32);
        Assert.Equal([50, 30], data.X.Shape.ToArray());
        Assert.Equal([50, 10], data.Y.Shape.ToArray());
        Assert.Equal([20, 30], data.TestX!.Shape.ToArray());
        Assert.Equal(HumanDates.Generate(50, 4).X.ToArray<int>(), data.X.ToArray<int>());
        Assert.Equal(HumanDates.Generate(20, 5).Y.ToArray<int>(), data.TestY!.ToArray<int>()); // another seed: held out
        Assert.Equal(HumanDates.MachineVocabulary, data.ClassNames);
        Assert.Equal(HumanDates.HumanVocabulary, data.InputVocabulary);
    }

    [Fact]
    public void A_small_translator_trains_reports_exact_match_and_draws_its_attention_map()
    {
        string spec = _dir.File("dates.json", """
            { "name": "dates", "data": { "dataset": "dates", "count": 600, "test_count": 50 },
              "model": { "zoo": "attention_translator", "encoder_size": 8, "decoder_size": 16, "init_seed": 0 },
              "optimizer": { "name": "adam", "learning_rate": 0.01, "clip_norm": 1 },
              "batch_size": 50, "epochs": 4, "seed": 1, "metrics": ["exact_match", "accuracy"] }
            """);
        var r = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "train", spec, "--out", "run", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var test = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "metrics.json"))).RootElement.GetProperty("test");
        double exact = test.GetProperty("exact_match").GetDouble(), perCharacter = test.GetProperty("accuracy").GetDouble();
        Assert.InRange(exact, 0, perCharacter);                   // a date counts only when all of its characters do
        Assert.True(perCharacter > 0.2, test.ToString());        // above chance (1/11): the dashes and the century come first
        Assert.True(test.GetProperty("loss").GetDouble() < Math.Log(11) - 0.3, test.ToString());

        string report = File.ReadAllText(Path.Combine(_dir.Path, "run", "report.html"));
        Assert.Contains("<section id=\"attention-map\">", report);
        var (human, _) = HumanDates.Pairs(50, seed: 1)[0]; // the first test date
        Assert.Contains($"Source: {human} → output: ", report);
        Assert.Equal(10 * human.Length, report.Split("data-output=").Length - 1); // T_y rows × the unpadded source

        var predicted = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "predict", "run", _dir.File("dates.txt", "3 May, 1979\n\n5/2/01 ☃\n"));
        Assert.True(predicted.ExitCode == 0, predicted.ToString());
        var rows = predicted.Output.Trim().Split('\n');
        Assert.Equal(["source", "\"3 May, 1979\"", "\"5/2/01 ☃\""], rows.Select(r => r[..r.LastIndexOf(',')]));
        Assert.All(rows[1..], r => Assert.Matches("^[-0-9]{10}$", r[(r.LastIndexOf(',') + 1)..]));
        var sample = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "sample", "run");
        Assert.Contains("sample needs a model trained on a text data set", sample.Output + sample.Error);
    }

    [Fact]
    public void The_built_in_spec_and_the_summary_describe_the_courses_model()
    {
        var spec = SpecReader.Read("date-translation");
        Assert.Equal("dates", spec.Data.Kind.Name);
        var r = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "summary", "attention_translator");
        Assert.True(r.ExitCode == 0, r.ToString());
        // Bi-LSTM 42 → 32: 2·(128·42 + 128·32 + 2·128); attention 128 → 10 → 1; LSTM cell 64 → 64: 256·64 + 256·64 + 2·256; output 64 → 11
        long expected = 2 * (128 * 42 + 128 * 32 + 2 * 128) + (128 * 10 + 10) + (10 + 1) + (256 * 64 + 256 * 64 + 2 * 256) + (64 * 11 + 11);
        Assert.Contains(expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), r.Output);
    }
}
