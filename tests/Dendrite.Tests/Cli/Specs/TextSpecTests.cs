using Dendrite.Cli;
using Dendrite.Cli.Specs;
using Dendrite.NN;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>Character-level language models through specs: the text data set, embedding and recurrent layers, train, sample and gradcheck.</summary>
public sealed class TextSpecTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Text(string name = "tiny.txt")
    {
        var random = new Random(1);
        string[] words = ["hello", "world", "dendrite", "lstm", "model"];
        return _dir.File(name, string.Join(' ', Enumerable.Range(0, 400).Select(_ => words[random.Next(words.Length)])));
    }

    private string Spec(string name, string layers, string data = "", string extra = "") => _dir.File(name, $$"""
        { "name": "chars", "data": { "dataset": "text", "path": "{{Text()}}", "seq_length": 12, "step": 4 {{data}} },
          "model": { "layers": {{layers}} }, "optimizer": { "name": "adam", "learning_rate": 0.01, "clip_norm": 5 },
          "batch_size": 32, "epochs": 4, "seed": 1 {{extra}} }
        """);

    private const string CharLstm = """[ { "type": "embedding", "dim": 8 }, { "type": "lstm", "hidden": 24 }, { "type": "dense", "units": 16 } ]""";

    [Fact]
    public void The_text_set_is_windows_of_indices_and_the_next_characters()
    {
        string path = _dir.File("abc.txt", "abcabd");
        var spec = SpecReader.Parse($$"""{ "data": { "dataset": "text", "path": "{{path}}", "seq_length": 3, "step": 2 }, "model": { "layers": ["relu"] } }""", "t.json", null);
        var data = SpecData.Load(spec.Data, DType.Float32);
        Assert.Equal(["a", "b", "c", "d"], data.ClassNames!);
        Assert.Equal([2, 3], data.X.Shape.ToArray());              // windows at 0 and 2: (6 − 3 − 1)/2 + 1
        Assert.Equal([0, 1, 2, 2, 0, 1], data.X.ToArray<int>());   // "abc", "cab"
        Assert.Equal([1, 2, 0, 0, 1, 3], data.Y.ToArray<int>());   // "bca", "abd"
    }

    [Fact]
    public void A_character_lstm_trains_and_samples_from_its_prime()
    {
        var r = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "train", Spec("lm.json", CharLstm), "--out", "run", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "metrics.json"))).RootElement;
        Assert.True(metrics.GetProperty("train").GetProperty("accuracy").GetDouble() > 0.6, metrics.ToString()); // next-character accuracy
        var sample = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "sample", "run", "--prime", "hello ", "--length", "40", "--temperature", "0");
        Assert.True(sample.ExitCode == 0, sample.ToString());
        string text = sample.Output.TrimEnd('\n');
        Assert.StartsWith("hello ", text);
        Assert.Equal(6 + 40, text.Length);
        Assert.All(text, c => Assert.Contains(c, " abdehilmnortw"));
        Assert.Equal(text, CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "sample", "run", "--prime", "hello ", "--length", "40", "--temperature", "0", "--seed", "9").Output.TrimEnd('\n'));
        var bad = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "sample", "run", "--prime", "xyz");
        Assert.Contains("--prime: 'x' is not in the model's vocabulary of", bad.Output + bad.Error);
    }

    [Fact]
    public void Gradcheck_passes_on_a_small_character_lstm()
    {
        var r = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "gradcheck", Spec("small.json", """[ { "type": "embedding", "dim": 3 }, { "type": "gru", "hidden": 4, "bidirectional": true }, { "type": "dense", "units": 16 } ]"""),
            "--examples", "2");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("weight_hh_l0_reverse", r.Output);
        Assert.Contains("PASS", r.Output);
    }

    [Theory]
    [InlineData("""[ { "type": "dense", "units": 16 } ]""", "model.layers[0].type: dense needs numbers but the data are token indices; add an \"embedding\" layer first")]
    [InlineData("""[ { "type": "lstm", "hidden": 4 }, { "type": "dense", "units": 16 } ]""", "model.layers[0].type: lstm expects sequences [N, T, features] but one example has shape [12] of token indices; add an \"embedding\" layer first")]
    [InlineData("""[ { "type": "embedding", "dim": 4 }, { "type": "lstm", "hidden": 4, "return_sequences": false }, { "type": "dense", "units": 16 } ]""",
                "model: one example's output has shape [16]; expected scores for each of the 12 steps")]
    public void Sequence_models_that_do_not_fit_say_what_to_add(string layers, string expected)
    {
        var e = Assert.Throws<CliException>(() => RunFactory.Build(SpecReader.Read(Spec("bad.json", layers))));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Return_sequences_false_gives_the_last_layers_final_state()
    {
        var lstm = new Lstm(3, 2, numLayers: 2, bidirectional: true, batchFirst: true, random: new Random(2), dtype: DType.Float64);
        var x = Tensor.Uniform([4, 5, 3], -1, 1, new Random(3), DType.Float64);
        var final = new FinalState(lstm).Forward(x);
        var hidden = lstm.Run(x).Hidden;
        Assert.Equal([4, 4], final.Shape.ToArray());
        Assert.Equal(Tensor.Concat([hidden[2], hidden[3]], axis: 1).ToArray<double>(), final.ToArray<double>());
    }

    [DataFact]
    public void The_built_in_shakespeare_spec_finds_its_text_in_the_shared_data_folder()
    {
        var data = SpecData.Load(SpecReader.Read("shakespeare-char").Data, DType.Float32);
        Assert.Equal(65, data.ClassNames!.Count);          // Tiny Shakespeare's 65 distinct characters
        Assert.Equal(100, data.X.Shape[1]);
        Assert.Equal((1_115_394 - 101) / 100 + 1, data.X.Shape[0]);
    }

    private const string CausalTransformer = """
        [ { "type": "embedding", "dim": 16 }, "positional_encoding",
          { "type": "transformer_encoder", "heads": 2, "feedforward": 32, "dropout": 0, "causal": true },
          { "type": "self_attention", "heads": 4, "causal": true }, "layernorm", { "type": "dense", "units": 16 } ]
        """;

    [Fact]
    public void A_causal_transformer_language_model_trains_and_no_step_sees_a_later_one()
    {
        var r = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "train", Spec("tf.json", CausalTransformer), "--out", "run", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "metrics.json"))).RootElement;
        Assert.True(metrics.GetProperty("train").GetProperty("accuracy").GetDouble() > 0.4, metrics.ToString()); // next-character accuracy

        var setup = RunFactory.Build(SpecReader.Read(Spec("tf2.json", CausalTransformer)));
        var model = setup.Model;
        model.Eval();
        var x = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => i % 10).ToArray(), [2, 12]);
        var changed = x.ToArray<int>();
        changed[11] = 12;                 // the last step of the first sequence
        changed[12 + 6] = 11;             // step 6 of the second
        using var _ = Dendrite.Autograd.GradMode.NoGrad();
        var a = model.Forward(x).ToArray<float>();
        var b = model.Forward(Tensor.FromArray(changed, [2, 12])).ToArray<float>();
        int Offset(int n, int t) => (n * 12 + t) * 16;
        Assert.Equal(a[Offset(0, 0)..Offset(0, 11)], b[Offset(0, 0)..Offset(0, 11)]);   // steps 0–10 of the first are untouched
        Assert.Equal(a[Offset(1, 0)..Offset(1, 6)], b[Offset(1, 0)..Offset(1, 6)]);     // steps 0–5 of the second too
        Assert.NotEqual(a[Offset(1, 6)..Offset(1, 12)], b[Offset(1, 6)..Offset(1, 12)]); // from step 6 on they change
    }
}
