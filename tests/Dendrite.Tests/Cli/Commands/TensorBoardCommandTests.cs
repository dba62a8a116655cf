using System.Text.Json;
using Dendrite.Tests.Serialization.TensorBoard;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary><c>dendrite train --tensorboard DIR</c> and the spec's <c>tensorboard</c> field, run as processes.</summary>
public sealed class TensorBoardCommandTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    private string MoonsSpec(string extra = "") => _dir.File("moons.json", $$"""
        { "name": "moons-tb", "data": { "dataset": "moons", "count": 200, "noise": 0.2, "seed": 3, "dev": 0.25 },
          "model": { "layers": [ { "type": "dense", "units": 8, "init": "he" }, "relu", { "type": "dense", "units": 1 }, "sigmoid" ] },
          "loss": "bce", "optimizer": { "name": "adam", "learning_rate": 0.01 }, "batch_size": 32, "epochs": 4, "seed": 1{{extra}} }
        """);

    [Fact]
    public void Train_with_tensorboard_writes_an_event_file_that_matches_the_history()
    {
        var r = Run("train", MoonsSpec(), "--out", "run", "--quiet", "--tensorboard", "tb");
        Assert.True(r.ExitCode == 0, r.ToString());
        string file = Assert.Single(Directory.GetFiles(Path.Combine(_dir.Path, "tb"), "events.out.tfevents.*"));
        var values = EventFileReader.Read(file).SelectMany(e => e.Values.Select(v => (e.Step, v))).ToList();

        var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "history.json"))).RootElement;
        Assert.Equal(4, history.GetArrayLength());
        foreach (var epoch in history.EnumerateArray())
        {
            long step = epoch.GetProperty("epoch").GetInt64();
            foreach (string name in new[] { "loss", "accuracy", "dev_loss", "dev_accuracy", "lr" })
                Assert.Equal((float)epoch.GetProperty(name).GetDouble(), values.Single(v => v.Step == step && v.v.Tag == "epoch/" + name).v.Simple);
        }
        // 150 training examples in batches of 32 → 5 steps an epoch, 20 in all: batch/loss at steps 10 and 20.
        Assert.Equal([10L, 20], values.Where(v => v.v.Tag == "batch/loss").Select(v => v.Step));
        Assert.Equal([1L, 2, 3, 4], values.Where(v => v.v.Tag == "weights/0.weight").Select(v => v.Step)); // log_every is 1 for 4 epochs
        Assert.All(values.Where(v => v.v.Tag.StartsWith("gradients/", StringComparison.Ordinal)), v => Assert.True(v.v.Histo!.Num > 0));
        var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "run", "spec.json"))).RootElement;
        Assert.Equal(Path.Combine(_dir.Path, "tb"), spec.GetProperty("tensorboard").GetString());
    }

    [Fact]
    public void The_spec_field_alone_turns_tensorboard_on_relative_to_the_spec_file()
    {
        var r = Run("train", MoonsSpec(""", "tensorboard": "logs" """), "--out", "run", "--quiet", "--epochs", "1");
        Assert.True(r.ExitCode == 0, r.ToString());
        string file = Assert.Single(Directory.GetFiles(Path.Combine(_dir.Path, "logs")));
        var events = EventFileReader.Read(file);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Contains(events, e => e.Values.Any(v => v.Tag == "epoch/dev_loss"));
    }
}
