namespace Dendrite.KernelProbe;

/// <summary>A named group of kernel checks (one check class), run for float and for double.</summary>
/// <param name="Name">The family name printed by the probe and shown in test names.</param>
/// <param name="Run">Runs every check of the family, recording results in the log.</param>
public sealed record KernelFamily(string Name, Action<CheckLog> Run)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
