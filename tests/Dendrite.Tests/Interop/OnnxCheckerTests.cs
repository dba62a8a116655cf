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
        var models = new (string Name, Module Model, int[] Shape)[]
        {
            ("mlp", new Sequential(new Dense(6, 8, random: random), new BatchNorm1d(8), new Relu6(), new Dropout(), new Dense(8, 3, random: random), new Softmax()), [6]),
            ("cnn", new Sequential(new ZeroPad2d(1), new Conv2d(3, 4, 3, padding: "same", groups: 1, random: random), new Silu(), new AdaptiveAvgPool2d(3), new Flatten(), new Dense(36, 2, random: random)), [3, 10, 10]),
            ("lenet5", new LeNet5(random: random), [1, 28, 28]),
            ("resnet20", ResNetCifar.ResNet20(random: random), [3, 32, 32]),
            ("googlenet", new GoogLeNet(numClasses: 5, random: random), [3, 64, 64]),
            ("efficientnet_b0", EfficientNet.B0(numClasses: 5, random: random), [3, 64, 64]),
            ("unet", new UNet(3, 2, filters: 4, depth: 2, random: random), [3, 16, 16]),
        };
        string folder = Path.Combine(Path.GetTempPath(), $"dendrite-onnx-check-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var files = models.Select(m =>
            {
                string path = Path.Combine(folder, m.Name + ".onnx");
                Onnx.Export(m.Model, Tensor.Zeros([1, .. m.Shape]), path);
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
