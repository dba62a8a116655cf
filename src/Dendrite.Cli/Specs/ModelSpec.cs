namespace Dendrite.Cli.Specs;

/// <summary>The network: a stack of layers or a zoo model, and how its weights are drawn.</summary>
internal sealed record ModelSpec
{
    /// <summary>The layers in order (each a <see cref="LayerKind"/>'s settings); empty when <see cref="Zoo"/> is set.</summary>
    public ValueList<SpecSettings> Layers { get; init; } = ValueList<SpecSettings>.Empty;

    /// <summary>The zoo model (a <see cref="ZooKind"/>'s settings), or null for a stack of layers.</summary>
    public SpecSettings? Zoo { get; init; }

    /// <summary>Seed of the weight initializers (default 0).</summary>
    public int InitSeed { get; init; }

    /// <summary>
    /// numpy: one <c>new NumpyRandom(init_seed)</c> shared by the layers in order (reproduces the course's
    /// <c>np.random.seed</c> initializations exactly); dotnet (default): one <c>new Random(init_seed)</c>.
    /// </summary>
    public string InitRng { get; init; } = "dotnet";

    /// <summary>The type of the last layer (<c>sigmoid</c>, <c>softmax</c>, …), or the zoo model's name.</summary>
    public string LastLayer => Zoo?.Type ?? Layers[^1].Type;
}
