using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>Every layer type a spec may name, in the order docs/SPEC.md lists them.</summary>
internal static class LayerKinds
{
    /// <summary>The table of layer kinds.</summary>
    public static KindTable<LayerKind> Table { get; } = new("layer",
    [
        new DenseLayer(),
        new Conv2dLayer(),
        new MaxPool2dLayer(),
        new AvgPool2dLayer(),
        new GlobalAvgPool2dLayer(),
        new ZeroPad2dLayer(),
        new ConvTranspose2dLayer(),
        new UpsampleLayer(),
        new ActivationLayer("flatten", "Flatten()", () => new Flatten()),
        new BatchNormLayer(images: false),
        new BatchNormLayer(images: true),
        new NormalizationLayer(),
        new DropoutLayer(),
        new ResidualBlockLayer(bottleneck: false),
        new ResidualBlockLayer(bottleneck: true),
        new EmbeddingLayer(),
        new RecurrentLayerKind("rnn"),
        new RecurrentLayerKind("gru"),
        new RecurrentLayerKind("lstm"),
        new PositionalEncodingLayer(),
        new SelfAttentionLayer(),
        new TransformerEncoderLayerKind(),
        new LayerNormLayer(),
        new ActivationLayer("relu", "Relu()", () => new Relu()),
        new LeakyReluLayer(),
        new ActivationLayer("relu6", "Relu6()", () => new Relu6()),
        new ActivationLayer("sigmoid", "Sigmoid()", () => new Sigmoid()),
        new ActivationLayer("tanh", "Tanh()", () => new Tanh()),
        new ActivationLayer("silu", "Silu()", () => new Silu()),
        new ActivationLayer("hardswish", "Hardswish()", () => new Hardswish()),
        new ActivationLayer("softmax", "Softmax()", () => new Softmax()),
        new ActivationLayer("log_softmax", "LogSoftmax()", () => new LogSoftmax()),
    ]);
}
