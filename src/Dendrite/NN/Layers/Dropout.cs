namespace Dendrite.NN;

/// <summary>
/// Inverted dropout: in training each unit is kept with probability keep = 1 − p and scaled by 1/keep, so
/// evaluation needs no rescaling; in evaluation mode it is the identity.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> any → same. The course's d = (rand &lt; keep_prob); a = a·d / keep_prob.</para>
/// <para>Masks come from a generator seeded with (seed, number of training calls so far); that count is the
/// buffer <c>draws</c>, so a run resumed from a training checkpoint draws the same masks as one that never stopped.
/// The buffer is not persistent: it stays out of the state dict, as PyTorch's dropout has none, so torchvision
/// checkpoints load strictly.</para>
/// </remarks>
public sealed class Dropout : Module
{
    private readonly int _seed;

    /// <summary>Creates the layer with drop probability <paramref name="p"/> (PyTorch's convention).</summary>
    /// <param name="p">Probability of zeroing a unit, in [0, 1).</param>
    /// <param name="seed">Seed of the masks (default: drawn from <see cref="Init.DefaultRandom"/>).</param>
    public Dropout(double p = 0.5, int? seed = null)
    {
        if (p is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), $"Dropout probability must be in [0, 1) but is {p}.");
        P = p;
        _seed = seed ?? Init.DefaultRandom.Next();
        Draws = RegisterBuffer("draws", Tensor.Zeros([], DType.Int32), persistent: false);
    }

    /// <summary>Creates the layer from the course's keep probability (keep_prob = 1 − p).</summary>
    public static Dropout FromKeepProbability(double keepProbability, int? seed = null) => new(1 - keepProbability, seed);

    /// <summary>Drop probability p.</summary>
    public double P { get; }

    /// <summary>Keep probability 1 − p.</summary>
    public double KeepProbability => 1 - P;

    /// <summary>Number of masks drawn so far.</summary>
    public Tensor Draws { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || P == 0) return input;
        int draw = Draws.Span<int>()[0]++; // mask n comes from its own seeded stream, so a resumed run draws the same masks
        return Functional.Dropout(input, P, new Random(unchecked(_seed * 31 + draw * 1_000_003) & int.MaxValue));
    }

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"Dropout(p: {P})");
}
