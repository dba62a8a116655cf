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
    public void A_character_lstm_run_exports_with_an_int32_token_input()
    {
        string text = _dir.File("tiny.txt", string.Concat(Enumerable.Repeat("hello world lstm model ", 20)));
        string spec = _dir.File("lm.json", $$"""
            { "name": "chars", "data": { "dataset": "text", "path": "{{text}}", "seq_length": 8, "step": 4 },
              "model": { "layers": [ { "type": "embedding", "dim": 4 }, { "type": "gru", "hidden": 6, "bidirectional": true },
                                     { "type": "lstm", "hidden": 5 }, { "type": "dense", "units": 16 } ] },
              "optimizer": { "name": "adam", "learning_rate": 0.01 }, "batch_size": 16, "epochs": 1, "seed": 1 }
            """);
        var train = Run("train", spec, "--out", "run", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        var setup = TrainedModel.Open(Path.Combine(_dir.Path, "run"));
        var export = Run("export", "run", "--onnx", "model.onnx");
        Assert.True(export.ExitCode == 0, export.ToString());

        var x = Tensor.FromArray([0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1, 0], [2, 8]);
        float[] expected;
        using (GradMode.NoGrad()) expected = setup.Model.Forward(x).ToArray<float>();
        var actual = OnnxRuntimeCheck.Run(File.ReadAllBytes(_dir.File("model.onnx")), x);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-4f);
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
