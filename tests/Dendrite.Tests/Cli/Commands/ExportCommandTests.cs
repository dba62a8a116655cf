using Dendrite.Autograd;
using Dendrite.Cli.Runs;
using Dendrite.Tests.Interop;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary><c>dendrite export RUN --onnx FILE</c> run as a process: the file runs in ONNX Runtime like the run's model.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    [Fact]
    public void Export_writes_an_onnx_file_that_onnx_runtime_runs_like_the_trained_model()
    {
        string spec = _dir.File("moons.json", """
            { "name": "moons-export", "data": { "dataset": "moons", "count": 120, "noise": 0.2, "seed": 3 },
              "model": { "layers": [ { "type": "dense", "units": 8 }, "batchnorm", "relu", "dropout", { "type": "dense", "units": 1 }, "sigmoid" ] },
              "loss": "bce", "optimizer": { "name": "adam", "learning_rate": 0.01 }, "batch_size": 32, "epochs": 5, "seed": 1 }
            """);
        Assert.Equal(0, Run("train", spec, "--out", "run", "--quiet").ExitCode);
        var export = Run("export", "run", "--onnx", "model.onnx");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("opset 17", export.Output);

        var setup = TrainedModel.Open(Path.Combine(_dir.Path, "run"));
        var x = Tensor.Uniform([5, 2], -1.5, 1.5, new Random(4));
        float[] expected;
        using (GradMode.NoGrad()) expected = setup.Model.Forward(x).ToArray<float>();
        var actual = OnnxRuntimeCheck.Run(File.ReadAllBytes(_dir.File("model.onnx")), x);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
    }

    [Fact]
    public void Export_without_a_run_fails_with_a_message()
    {
        var r = Run("export", "missing-run", "--onnx", "model.onnx");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("missing-run", r.Output + r.ToString());
        Assert.False(File.Exists(_dir.File("model.onnx")));
    }
}
