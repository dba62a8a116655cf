using Xunit.Abstractions;
using Dendrite.Interop;
using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Tests.Interop;

/// <summary>
/// Layer stacks exported to ONNX and run in ONNX Runtime, compared with Dendrite's own forward; the file's header
/// fields; the failure for a layer the exporter does not know.
/// </summary>
public class OnnxExportTests(ITestOutputHelper output)
{
    [Fact]
    public void An_mlp_with_every_dense_activation_runs_in_onnx_runtime_like_dendrite()
    {
        var random = new Random(3);
        var mean = Tensor.Uniform([20], -1, 1, random);
        var variance = Tensor.Uniform([20], 0.5, 2, random);
        var model = new Sequential(
            new Normalization(mean, variance), new Dense(20, 32, random: random), new BatchNorm1d(32), new Relu(), new Dropout(0.5, 1),
            new Dense(32, 16, random: random), new LeakyRelu(0.2), new Dense(16, 16, bias: false, random: random), new Tanh(),
            new Dense(16, 8, random: random), new Sigmoid(), new Dense(8, 8, random: random), new Hardswish(), new Dense(8, 8, random: random),
            new Silu(), new Dense(8, 5, random: random), new Softmax());
        OnnxRuntimeCheck.AssertMatches(model, [20], output, "MLP");
    }

    [Fact]
    public void A_cnn_with_padding_groups_dilation_and_every_pooling_runs_in_onnx_runtime_like_dendrite()
    {
        var random = new Random(4);
        var model = new Sequential(
            new ZeroPad2d(1, 2, 0, 1), new Conv2d(3, 8, 3, padding: "same", random: random), new BatchNorm2d(8), new Relu6(),
            new Conv2d(8, 8, 3, padding: 2, dilation: 2, groups: 4, random: random), new Hardswish(), new MaxPool2d(2),
            new Conv2d(8, 6, 3, stride: 2, padding: 1, random: random), new Silu(),
            new AvgPool2d(3, 1, padding: 1, countIncludePad: false), new AvgPool2d(2), new AdaptiveAvgPool2d(3), new Flatten(),
            new Dense(54, 10, random: random), new LogSoftmax());
        OnnxRuntimeCheck.AssertMatches(model, [3, 29, 27], output, "CNN");
    }

    [Fact]
    public void Softmax_keeps_its_axis_and_adaptive_pooling_its_uneven_cells()
    {
        var model = new Sequential(new AdaptiveAvgPool2d(3, 2), new Softmax(axis: 1));
        OnnxRuntimeCheck.AssertMatches(model, [4, 7, 5], output, "adaptive 7×5 → 3×2, softmax over channels");
    }

    [Fact]
    public void The_file_declares_ir_8_opset_17_and_names_initializers_after_the_module_tree()
    {
        var model = new Sequential(new Conv2d(1, 2, 3, random: new Random(1)), new BatchNorm2d(2));
        byte[] file = Onnx.ToBytes(model, Tensor.Zeros([1, 1, 5, 5]));
        // ModelProto field 1 (ir_version) is the first field written: tag 0x08, varint 8.
        Assert.Equal([0x08, 0x08], file[..2]);
        string text = System.Text.Encoding.UTF8.GetString(file);
        foreach (var name in new[] { "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "Dendrite" })
            Assert.Contains(name, text, StringComparison.Ordinal);
        // OperatorSetIdProto: domain "" (0x0A 0x00) then version 17 (0x10 0x11), as the last field of the model.
        Assert.Equal([0x42, 0x04, 0x0A, 0x00, 0x10, 0x11], file[^6..]);
    }

    [Fact]
    public void An_unsupported_layer_fails_naming_the_layer_and_its_path()
    {
        var model = new Sequential(new Dense(4, 8, random: new Random(1)), new Sequential(new Relu(), new LayerNorm(8)));
        var error = Assert.Throws<NotSupportedException>(() => Onnx.ToBytes(model, Tensor.Zeros([1, 4])));
        Assert.Contains("LayerNorm", error.Message, StringComparison.Ordinal);
        Assert.Contains("'1.1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_writes_the_file_and_leaves_the_model_in_its_mode()
    {
        var model = new LeNet5(random: new Random(1));
        string path = Path.Combine(Path.GetTempPath(), $"dendrite-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            Onnx.Export(model, Tensor.Zeros([1, 1, 28, 28]), path);
            Assert.True(model.IsTraining);
            var x = Tensor.Uniform([2, 1, 28, 28], -1, 1, new Random(2));
            model.Eval();
            var expected = model.Forward(x).ToArray<float>();
            var actual = OnnxRuntimeCheck.Run(File.ReadAllBytes(path), x);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-4f);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_float64_model_is_refused_with_a_hint()
    {
        var model = new Dense(3, 2, random: new Random(1), dtype: DType.Float64);
        var error = Assert.Throws<ArgumentException>(() => Onnx.ToBytes(model, Tensor.Zeros([1, 3])));
        Assert.Contains("To(DType.Float32)", error.Message, StringComparison.Ordinal);
    }
}
