namespace Dendrite.NN;

/// <summary>
/// Runs parallel branches on the same input and joins their outputs along the channel axis:
/// y = [branch₁(x), branch₂(x), …] stacked on axis 1 (the inception module's filter concatenation).
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> (N, C, H, W) → (N, Σ Cᵢ, H', W') where branch i gives (N, Cᵢ, H', W'); every branch must keep the
/// same spatial size. Works for any rank ≥ 2 (e.g. (N, Fᵢ) feature vectors).</para>
/// <para>The gradient of the input is the sum of the branches' input gradients, since x feeds every branch.</para>
/// </remarks>
public sealed class Concatenate : Module
{
    private readonly Module[] _branches;

    /// <summary>Concatenates <paramref name="branches"/>, named 0, 1, 2, … like <see cref="Sequential"/>'s layers.</summary>
    public Concatenate(params Module[] branches)
        : this(branches.Select((b, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), b)))
    {
    }

    /// <summary>Concatenates named branches (e.g. <c>branch1</c> … <c>branch4</c>, torchvision's inception names).</summary>
    public Concatenate(IEnumerable<(string Name, Module Branch)> branches)
    {
        var list = branches.ToList();
        if (list.Count == 0) throw new ArgumentException("Concatenate needs at least one branch.", nameof(branches));
        foreach (var (name, branch) in list) RegisterModule(name, branch);
        _branches = [.. list.Select(b => b.Branch)];
    }

    /// <summary>The branches in concatenation order.</summary>
    public IReadOnlyList<Module> Branches => _branches;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var outputs = new Tensor[_branches.Length];
        for (int i = 0; i < _branches.Length; i++)
        {
            outputs[i] = _branches[i].Call(input);
            if (outputs[i].Rank < 2)
                throw new ArgumentException($"{Describe()}: branch {Children[i].Name} returned {outputs[i].Shape}, which has no channel axis.");
            if (!SameExceptChannels(outputs[i].Shape, outputs[0].Shape))
                throw new ArgumentException($"{Describe()}: branch {Children[i].Name} returned {outputs[i].Shape} but branch {Children[0].Name} returned {outputs[0].Shape}; only the channel axis may differ.");
        }
        return Tensor.Concat(outputs, axis: 1);
    }

    private static bool SameExceptChannels(Shape a, Shape b)
    {
        if (a.Rank != b.Rank) return false;
        for (int d = 0; d < a.Rank; d++)
            if (d != 1 && a[d] != b[d]) return false;
        return true;
    }

    /// <inheritdoc/>
    public override string Describe() => $"Concatenate({_branches.Length} branches)";
}
