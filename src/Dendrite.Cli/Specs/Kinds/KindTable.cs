namespace Dendrite.Cli.Specs;

/// <summary>The kinds of one family (all layers, all data sets, …) by name.</summary>
/// <typeparam name="TKind">The family's kind type.</typeparam>
internal sealed class KindTable<TKind>(string what, IEnumerable<TKind> kinds) where TKind : SpecKind
{
    private readonly TKind[] _kinds = [.. kinds];

    /// <summary>The family's kinds, in the order docs list them.</summary>
    public IReadOnlyList<TKind> All => _kinds;

    /// <summary>Their names.</summary>
    public IReadOnlyList<string> Names => [.. _kinds.Select(k => k.Name)];

    /// <summary>The kind named by <paramref name="node"/>'s string value; an error with the closest name otherwise.</summary>
    public TKind Choose(SpecNode node) => Get(node.Choice(what, Names));

    /// <summary>The kind named <paramref name="name"/>.</summary>
    public TKind Get(string name) => _kinds.FirstOrDefault(k => k.Name == name) ?? throw new ArgumentException($"no {what} named {name}", nameof(name));
}
