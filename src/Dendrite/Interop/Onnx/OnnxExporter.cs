using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Interop;

/// <summary>
/// Turns a module tree into ONNX nodes: <see cref="Emit"/> takes a module, its dotted path and its input value,
/// appends the nodes computing the module's output and returns that value. One type switch (no reflection) picks the
/// exporter; containers and zoo models recurse through their children in the order their <c>Forward</c> runs them.
/// </summary>
internal sealed partial class OnnxExporter
{
    private readonly OnnxGraph _graph;
    private readonly Dictionary<Tensor, string> _tensorNames = new(ReferenceEqualityComparer.Instance);

    /// <summary>An exporter writing into <paramref name="graph"/>, naming tensors as <paramref name="root"/>'s tree does.</summary>
    public OnnxExporter(OnnxGraph graph, Module root)
    {
        _graph = graph;
        foreach (var (name, p) in root.NamedParameters()) _tensorNames.TryAdd(p, name);
        foreach (var (name, b) in root.NamedBuffers()) _tensorNames.TryAdd(b, name);
    }

    /// <summary>Appends the nodes of <paramref name="module"/> (at <paramref name="path"/>) applied to <paramref name="x"/>.</summary>
    /// <exception cref="NotSupportedException">No exporter knows the module's type.</exception>
    public OnnxValue Emit(Module module, string path, OnnxValue x) => module switch
    {
        Sequential or LeNet5 or AlexNet or Vgg or ResNet or ResNetCifar or GoogLeNet or EfficientNet or TinyYolo or DepthwiseSeparable =>
            Chain(module, path, x),
        Dropout or StochasticDepth => x,
        Dense dense => Dense(dense, path, x),
        Conv2d conv => Conv(conv, path, x),
        ConvTranspose2d conv => ConvTranspose(conv, path, x),
        BatchNorm norm => BatchNorm(norm, path, x),
        Normalization norm => Standardize(norm, path, x),
        Relu => Unary("Relu", module, path, x),
        Sigmoid => Unary("Sigmoid", module, path, x),
        Tanh => Unary("Tanh", module, path, x),
        Hardswish => Unary("HardSwish", module, path, x),
        LeakyRelu leaky => Unary("LeakyRelu", module, path, x, OnnxAttribute.Float("alpha", leaky.Slope)),
        Softmax softmax => Unary("Softmax", module, path, x, OnnxAttribute.Int("axis", softmax.Axis)),
        LogSoftmax softmax => Unary("LogSoftmax", module, path, x, OnnxAttribute.Int("axis", softmax.Axis)),
        Relu6 => Clip(path, x, 0, 6),
        Silu => SiluProduct(path, x),
        Flatten => Unary("Flatten", module, path, x, OnnxAttribute.Int("axis", 1)),
        MaxPool2d pool => MaxPool(pool, path, x),
        AvgPool2d pool => AvgPool(pool, path, x),
        AdaptiveAvgPool2d pool => AdaptiveAvgPool(path, x, pool.OutH, pool.OutW),
        GlobalAvgPool2d => GlobalAvgPool(path, x),
        ZeroPad2d pad => ZeroPad(pad, path, x),
        Upsample upsample => Upsample(upsample, path, x),
        Concatenate concatenate => Concatenate(concatenate, path, x),
        SqueezeExcitation se => SqueezeExcitation(se, path, x),
        BasicBlock or Bottleneck => Residual(module, path, x),
        BasicConv2d basic => Unary("Relu", null, Join(path, "relu"), Emit(basic.Bn, Join(path, "bn"), Emit(basic.Conv, Join(path, "conv"), x))),
        CeilMaxPool2d pool => CeilMaxPool(pool, path, x),
        InvertedResidual block => block.UsesResidual ? Add(path, x, Child(block, path, "conv", x)) : Child(block, path, "conv", x),
        MBConv block => block.UsesResidual ? Add(path, Child(block, path, "block", x), x) : Child(block, path, "block", x),
        MobileNetV1 net => Emit(net.Fc, Join(path, "fc"), GlobalAvgPool(Join(path, "pool"), Emit(net.Features, Join(path, "features"), x))),
        MobileNetV2 net => Emit(net.Classifier, Join(path, "classifier"), GlobalAvgPool(Join(path, "pool"), Emit(net.Features, Join(path, "features"), x))),
        UNet unet => UNet(unet, path, x),
        UNetConvBlock block => UNetConvBlock(block, path, x),
        RecurrentLayer layer => Recurrent(layer, path, x, layer.Forward(x.Sample), finalState: false),
        FinalState final => Recurrent(final.Layer, Join(path, "rnn"), x, final.Forward(x.Sample), finalState: true),
        Embedding embedding => Embedding(embedding, path, x),
        TimeDistributed wrapper => TimeDistributed(wrapper, path, x),
        AttentionTranslator translator => Translator(translator, path, x),
        _ => throw new NotSupportedException(
            $"ONNX export does not support {module.Describe()} ({module.GetType().Name}) at '{(path.Length == 0 ? "<root>" : path)}'."),
    };

    /// <summary>Runs the module's children in registration order, for containers whose forward is exactly that chain.</summary>
    private OnnxValue Chain(Module module, string path, OnnxValue x)
    {
        foreach (var (name, child) in module.Children) x = Emit(child, Join(path, name), x);
        return x;
    }

    private OnnxValue Child(Module parent, string path, string name, OnnxValue x) => Emit(parent.GetModule(name), Join(path, name), x);

    /// <summary>A node with one output whose Dendrite value is <paramref name="sample"/>.</summary>
    private OnnxValue Op(string op, string path, Tensor sample, string[] inputs, params OnnxAttribute[] attributes) =>
        new(_graph.Node(op, path, inputs, attributes), sample);

    /// <summary>A one-input node; its sample is the module's own forward (or, without a module, computed by the caller's op).</summary>
    private OnnxValue Unary(string op, Module? module, string path, OnnxValue x, params OnnxAttribute[] attributes)
    {
        var sample = module?.Forward(x.Sample) ?? (op == "Relu" ? x.Sample.Relu() : throw new ArgumentException(op, nameof(module)));
        return Op(op, path, sample, [x.Name], attributes);
    }

    private OnnxValue Add(string path, OnnxValue a, OnnxValue b) => Op("Add", Join(path, "add"), a.Sample + b.Sample, [a.Name, b.Name]);

    /// <summary>The initializer for a parameter or buffer, named by its place in the module tree.</summary>
    private string Weight(Tensor tensor, string path, string fallback) =>
        _graph.Initializer(_tensorNames.TryGetValue(tensor, out var name) ? name : Join(path, fallback), tensor);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
