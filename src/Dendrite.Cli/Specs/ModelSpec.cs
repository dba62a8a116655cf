namespace Dendrite.Cli.Specs;

/// <summary>The network: a stack of layers, and how their weights are drawn.</summary>
internal sealed record ModelSpec
{
    /// <summary>The layers in order; dense layers take their input size from what precedes them.</summary>
    public ValueList<LayerSpec> Layers { get; init; } = ValueList<LayerSpec>.Empty;

    /// <summary>Seed of the weight initializers (default 0).</summary>
    public int InitSeed { get; init; }

    /// <summary>
    /// numpy: one <c>new NumpyRandom(init_seed)</c> shared by the layers in order (reproduces the course's
    /// <c>np.random.seed</c> initializations exactly); dotnet (default): one <c>new Random(init_seed)</c>.
    /// </summary>
    public string InitRng { get; init; } = "dotnet";
}
