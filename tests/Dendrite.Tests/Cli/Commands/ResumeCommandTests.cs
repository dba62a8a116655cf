using Dendrite.Serialization;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary><c>dendrite resume RUN</c> and <c>train SPEC --resume RUN</c>: one-line errors naming the folder or file, and a finished run left alone.</summary>
public sealed class ResumeCommandTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Cli(params string[] args) => CliRunner.Run(_dir.Path, environment: null, args);

    private string Spec(double learningRate = 0.01) => _dir.File($"tiny-{learningRate}.json", $$"""
        { "name": "tiny", "data": { "dataset": "moons", "count": 60, "seed": 3, "dev": 0.25 },
          "model": { "layers": [ { "type": "dense", "units": 4 }, "relu", { "type": "dense", "units": 1 }, "sigmoid" ] },
          "loss": "bce", "optimizer": { "name": "adam", "learning_rate": {{learningRate}} }, "batch_size": 15, "epochs": 3, "seed": 1 }
        """);

    private static void AssertOneLineError(CliRunner.Result r, int exitCode, params string[] named)
    {
        Assert.True(r.ExitCode == exitCode, r.ToString());
        Assert.StartsWith("error: ", r.Error);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var n in named) Assert.Contains(n, r.Error);
    }

    [Fact]
    public void A_missing_folder_or_checkpoint_is_a_one_line_error_naming_it()
    {
        AssertOneLineError(Cli("resume", "nowhere"), 2, "nowhere", "no such run folder");
        AssertOneLineError(Cli("train", Spec(), "--resume", "nowhere"), 2, "nowhere");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "empty"));
        AssertOneLineError(Cli("resume", "empty"), 2, "empty", "spec.json");
        Assert.Equal(0, Cli("train", Spec(), "--out", "run", "--quiet").ExitCode);
        File.Delete(Path.Combine(_dir.Path, "run", "last.safetensors"));
        AssertOneLineError(Cli("resume", "run"), 2, Path.Combine("run", "last.safetensors"), "no checkpoint");
    }

    [Fact]
    public void A_spec_that_trains_differently_is_refused_and_a_finished_run_is_left_as_it_is()
    {
        string spec = Spec();
        Assert.Equal(0, Cli("train", spec, "--out", "run", "--quiet").ExitCode);
        AssertOneLineError(Cli("train", Spec(learningRate: 0.5), "--resume", "run"), 2, "--resume run", "optimizer");
        AssertOneLineError(Cli("train", spec, "--epochs", "5", "--resume", "run"), 2, "epochs");
        AssertOneLineError(Cli("train", spec, "--out", "other", "--resume", "run"), 2, "--out");

        string last = Path.Combine(_dir.Path, "run", "last.safetensors");
        var (bytes, written) = (File.ReadAllBytes(last), File.GetLastWriteTimeUtc(last));
        foreach (var args in (string[][])[["resume", "run"], ["train", spec, "--resume", "run"]])
        {
            var r = Cli(args);
            Assert.True(r.ExitCode == 0 && r.Output.Contains("already finished (3 of 3 epochs)"), r.ToString());
        }
        Assert.Equal(bytes, File.ReadAllBytes(last));
        Assert.Equal(written, File.GetLastWriteTimeUtc(last));
    }

    [Fact]
    public void A_checkpoint_with_a_negative_epoch_is_an_error_naming_the_file_and_the_key()
    {
        Assert.Equal(0, Cli("train", Spec(), "--out", "run", "--quiet").ExitCode);
        string last = Path.Combine(_dir.Path, "run", "last.safetensors");
        File.Delete(Path.Combine(_dir.Path, "run", "metrics.json")); // unfinished, so resume reads the checkpoint
        var file = SafeTensors.Read(last);
        var metadata = file.Metadata.ToDictionary(m => m.Key, m => m.Value);
        metadata["epoch"] = "-2";
        SafeTensors.Write(last, file.Tensors, metadata);
        AssertOneLineError(Cli("resume", "run"), 1, "last.safetensors", "'epoch'");
    }
}
