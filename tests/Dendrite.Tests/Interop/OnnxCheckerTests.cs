using System.Diagnostics;
using Dendrite.Interop;
using Dendrite.Models;
using Dendrite.NN;
using Dendrite.Tests.Support;
using Xunit.Abstractions;

namespace Dendrite.Tests.Interop;

/// <summary>The exported files pass ONNX's reference checker (onnx.checker.check_model with full shape inference).</summary>
public class OnnxCheckerTests(ITestOutputHelper output)
{
    [OnnxCheckerFact]
    public void Exported_models_pass_onnx_check_model()
    {
        var random = new Random(1);
        var models = new (string Name, Module Model, int[] Shape, DType Input)[]
        {
            ("mlp", new Sequential(new Dense(6, 8, random: random), new BatchNorm1d(8), new Relu6(), new Dropout(), new Dense(8, 3, random: random), new Softmax()), [6], DType.Float32),
            ("cnn", new Sequential(new ZeroPad2d(1), new Conv2d(3, 4, 3, padding: "same", groups: 1, random: random), new Silu(), new AdaptiveAvgPool2d(3), new Flatten(), new Dense(36, 2, random: random)), [3, 10, 10], DType.Float32),
            ("lenet5", new LeNet5(random: random), [1, 28, 28], DType.Float32),
            ("resnet20", ResNetCifar.ResNet20(random: random), [3, 32, 32], DType.Float32),
            ("googlenet", new GoogLeNet(numClasses: 5, random: random), [3, 64, 64], DType.Float32),
            ("efficientnet_b0", EfficientNet.B0(numClasses: 5, random: random), [3, 64, 64], DType.Float32),
            ("unet", new UNet(3, 2, filters: 4, depth: 2, random: random), [3, 16, 16], DType.Float32),
            ("lstm_final_state", new Sequential(new FinalState(new Lstm(4, 6, numLayers: 2, batchFirst: true, bidirectional: true, random: random)), new Dense(12, 3, random: random)), [5, 4], DType.Float32),
            ("gru_rnn", new Sequential(new Gru(4, 5, bidirectional: true, random: random), new Rnn(10, 3, nonlinearity: "relu", random: random)), [2, 4], DType.Float32),
            ("char_lm", new Sequential(new Embedding(11, 6, paddingIndex: 0, random: random), new Lstm(6, 8, batchFirst: true, random: random), new Dense(8, 11, random: random)), [9], DType.Int32),
            ("attention_translator", new AttentionTranslator(37, 11, 10, random: random), [30], DType.Int32),
        };
        string folder = Path.Combine(Path.GetTempPath(), $"dendrite-onnx-check-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var files = models.Select(m =>
            {
                string path = Path.Combine(folder, m.Name + ".onnx");
                Onnx.Export(m.Model, Tensor.Zeros([1, .. m.Shape], m.Input), path);
                return path;
            }).ToList();
            const string script = "import sys, onnx\nfor p in sys.argv[1:]:\n    m = onnx.load(p)\n    onnx.checker.check_model(m, full_check=True)\n    print('ok', p.rsplit('/', 1)[-1], 'ir', m.ir_version, 'opset', m.opset_import[0].version, 'nodes', len(m.graph.node))\n";
            using var process = Process.Start(new ProcessStartInfo(NumpyFactAttribute.Python, ["-c", script, .. files])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            output.WriteLine(stdout);
            Assert.True(process.ExitCode == 0, $"onnx.checker rejected a file:\n{stdout}\n{stderr}");
            Assert.Equal(models.Length, stdout.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal) && l.Contains("ir 8 opset 17", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
