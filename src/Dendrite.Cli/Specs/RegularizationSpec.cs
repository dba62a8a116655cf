namespace Dendrite.Cli.Specs;

/// <summary>A weight penalty: λ/(2m)·Σ‖W‖² (l2) or λ/m·Σ|W| (l1); at most one of the two.</summary>
internal sealed record RegularizationSpec
{
    /// <summary>L2 strength λ.</summary>
    public double? L2 { get; init; }

    /// <summary>L1 strength λ.</summary>
    public double? L1 { get; init; }
}
