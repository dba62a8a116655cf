using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;
using Dendrite.Training;

namespace Dendrite.Tests.Training;

/// <summary>A full disk: a clear error naming the file being replaced (not its temporary file), the previous checkpoint intact, no temporary files left.</summary>
public sealed class DiskFullTests
{
    private static (Module Model, Trainer Trainer, DataLoader Train) Setup(int seed)
    {
        var (x, y) = Moons.Generate(count: 64, seed: 3);
        var model = new Sequential(new Dense(2, 64, random: new Random(seed)), new Relu(), new Dense(64, 1, random: new Random(seed + 1)));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 0.01), Loss.BinaryCrossEntropyWithLogits);
        return (model, trainer, new DataLoader(new TensorDataset(x, y), 16, seed: 1));
    }

    [TmpfsFact]
    public void Training_into_a_full_disk_fails_naming_the_checkpoint_and_keeps_the_previous_one()
    {
        using var disk = new Tmpfs(kilobytes: 1024);
        string folder = Path.Combine(disk.Path, "run");
        var (_, trainer, train) = Setup(seed: 0);
        var checkpoint = new ModelCheckpoint(folder, monitor: "loss");
        trainer.Fit(train, null, 1, checkpoint);
        byte[] previous = File.ReadAllBytes(checkpoint.LastPath);
        disk.Fill();

        var e = Assert.ThrowsAny<IOException>(() => trainer.Fit(train, null, 3, checkpoint));
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(folder)}/(best|last)\\.safetensors: cannot write the file: ", e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
        Assert.Contains("No space left on device", e.Message);
        Assert.Empty(Directory.GetFiles(folder, ".*.tmp"));
        Assert.Equal(previous, File.ReadAllBytes(checkpoint.LastPath));
        var (_, resumed, _) = Setup(seed: 7);
        resumed.Resume(checkpoint.LastPath);
        Assert.Equal(1, resumed.Epoch);
    }

    [TmpfsFact]
    public void The_cli_reports_a_full_disk_in_one_line_naming_the_file()
    {
        using var disk = new Tmpfs(kilobytes: 1024);
        using var dir = new CliFolder();
        string spec = dir.File("tiny.json", """
            { "name": "tiny", "data": { "dataset": "moons", "count": 60, "seed": 3 },
              "model": { "layers": [ { "type": "dense", "units": 4 }, "relu", { "type": "dense", "units": 1 }, "sigmoid" ] },
              "loss": "bce", "optimizer": "adam", "batch_size": 15, "epochs": 2, "seed": 1 }
            """);
        string run = Path.Combine(disk.Path, "run");
        Assert.Equal(0, CliRunner.Run(dir.Path, environment: null, "train", spec, "--out", run, "--quiet").ExitCode);
        string last = Path.Combine(run, "last.safetensors");
        byte[] previous = File.ReadAllBytes(last);
        foreach (var name in (string[])["metrics.json", "diagnosis.json", "report.html"]) File.Delete(Path.Combine(run, name)); // a new run deletes them, freeing space
        disk.Fill();

        var r = CliRunner.Run(dir.Path, environment: null, "train", spec, "--out", run, "--quiet");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($"^error: {System.Text.RegularExpressions.Regex.Escape(run)}/[a-z.]+: cannot write the file: .*No space left on device", r.Error);
        Assert.DoesNotContain(".tmp", r.Error);
        Assert.Empty(Directory.GetFiles(run, ".*.tmp"));
        Assert.Equal(previous, File.ReadAllBytes(last));
    }
}
