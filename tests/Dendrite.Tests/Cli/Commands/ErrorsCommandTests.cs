using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary><c>dendrite errors</c>: the misclassified CSV, confused pairs, label-noise candidates and the ceiling table of tagged errors.</summary>
public sealed class ErrorsCommandTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    [Fact]
    public void Errors_writes_the_worst_examples_and_reads_their_tags_back_as_a_ceiling_table()
    {
        string spec = _dir.File("blobs.json", """
            { "name": "blobs", "data": { "dataset": "blobs", "count": 600, "classes": 4, "noise": 2.5, "seed": 2, "dev": 0.3 },
              "model": { "layers": [ { "type": "dense", "units": 4 } ] }, "optimizer": { "name": "adam", "learning_rate": 0.05 },
              "batch_size": 64, "epochs": 10, "seed": 1, "metrics": ["accuracy"] }
            """);
        Assert.Equal(0, Run("train", spec, "--out", "run", "--quiet").ExitCode);
        double devError = 1 - System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "metrics.json")))
            .RootElement.GetProperty("dev").GetProperty("accuracy").GetDouble();

        var r = Run("errors", "run", "dev", "--top", "6");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"misclassified ({devError:P2})"), r.Output);
        Assert.Contains("most confused (true → predicted):", r.Output);
        Assert.Contains("label-noise candidates", r.Output);
        var lines = File.ReadAllLines(Path.Combine(_dir.Path, "run", "errors-dev.csv"));
        Assert.Equal("index,true,predicted,confidence,loss,tags", lines[0]);
        Assert.Equal(7, lines.Length);
        var losses = lines[1..].Select(l => double.Parse(l.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(losses.OrderByDescending(v => v), losses);                 // worst first
        Assert.All(lines[1..], l => Assert.NotEqual(l.Split(',')[1], l.Split(',')[2])); // true ≠ predicted

        // A person tags the six: three "overlap", two "overlap; outlier", one untagged.
        string[] tags = ["overlap", "overlap", "overlap", "overlap; outlier", "overlap;outlier", ""];
        string tagged = _dir.File("tagged.csv", string.Join('\n', [lines[0], .. lines[1..].Select((l, i) => l + tags[i])]));
        var table = Run("errors", "run", "dev", "--tags", tagged);
        Assert.True(table.ExitCode == 0, table.ToString());
        var overlap = table.Output.Split('\n').Single(l => l.StartsWith("overlap", StringComparison.Ordinal));
        Assert.Contains("5", overlap);
        Assert.Contains((5.0 / 6).ToString("P1", System.Globalization.CultureInfo.InvariantCulture), overlap);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{devError * (1 - 5.0 / 6):P2}"), overlap);
        Assert.Contains((2.0 / 6).ToString("P1", System.Globalization.CultureInfo.InvariantCulture), table.Output.Split('\n').Single(l => l.StartsWith("outlier", StringComparison.Ordinal)));

        var bad = Run("errors", "run", "dev", "--tags", _dir.File("wrong.csv", "a,b\n1,2\n"));
        Assert.Contains("expected the header index,true,predicted,confidence,loss,tags", bad.Output + bad.Error);
        var noDev = Run("errors", "run", "test");
        Assert.Contains("this run has no test split", noDev.Output + noDev.Error);
    }
}
