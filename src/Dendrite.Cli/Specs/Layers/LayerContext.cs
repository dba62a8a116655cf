using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>What a layer needs to know while the model is built: where it is, what reaches it, and the shared generator.</summary>
internal sealed class LayerContext
{
    /// <summary>The layer's path in the spec, e.g. <c>model.layers[3]</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The layer's index in the list.</summary>
    public required int Index { get; init; }

    /// <summary>One example's shape at this layer's input, e.g. [784] or [6, 14, 14].</summary>
    public required Shape Example { get; init; }

    /// <summary>True while only parameter-free, shape-keeping layers precede this one (the input is still the data).</summary>
    public required bool Raw { get; init; }

    /// <summary>The generator every initializer draws from, in layer order.</summary>
    public required Random Random { get; init; }

    /// <summary>The model's seed (dropout masks default to it plus the layer's index).</summary>
    public required int InitSeed { get; init; }

    /// <summary>Parameter dtype.</summary>
    public required DType DType { get; init; }

    /// <summary>The training inputs, for layers adapted to the data.</summary>
    public required Tensor TrainX { get; init; }

    /// <summary>Whether what reaches the layer are Int32 token indices (the data's, before any embedding).</summary>
    public required bool Indices { get; init; }

    /// <summary>The data's number of classes or vocabulary size, when it has class names.</summary>
    public int? Vocabulary { get; init; }

    /// <summary>The features of the last axis (a dense layer applies to every leading position); an error for indices.</summary>
    public int LastAxis(string type) => Indices
        ? throw new CliException($"{Path}.type: {type} needs numbers but the data are token indices; add an \"embedding\" layer first")
        : Example[Example.Rank - 1];

    /// <summary>F of a sequence [T, F]; an error naming the layer otherwise.</summary>
    public int StepFeatures(string type) => Example.Rank == 2 && !Indices ? Example[1]
        : throw new CliException($"{Path}.type: {type} expects sequences [N, T, features] but one example has shape {Example}" +
                                 (Indices ? " of token indices; add an \"embedding\" layer first" : ""));

    /// <summary>n[l−1]: the features of a flat input; an error naming the layer when the input is an image.</summary>
    public int Features(string type) => Example.Rank == 1 && !Indices ? Example[0]
        : throw new CliException($"{Path}.type: {type} expects flat inputs [N, features] but one example has shape {Example}; " +
                                 "add \"flatten\" before it");

    /// <summary>C: the channels of an image input [C, H, W]; an error naming the layer otherwise.</summary>
    public int Channels(string type) => Example.Rank == 3 ? Example[0]
        : throw new CliException($"{Path}.type: {type} expects images [N, C, H, W] but one example has shape {Example}" +
                                 (Example.Rank == 1 ? "; set data.layout to image" : ""));
}
