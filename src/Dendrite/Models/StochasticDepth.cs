using Dendrite.Autograd;
using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// Stochastic depth ("row" mode): in training each example's residual branch is kept with probability 1 − p and
/// scaled by 1/(1 − p), else zeroed; in evaluation it is the identity.
/// </summary>
/// <remarks>
/// <para>G. Huang, Y. Sun, Z. Liu, D. Sedra, K. Q. Weinberger, "Deep Networks with Stochastic Depth" (ECCV 2016).
/// <b>Shape:</b> (N, *) → same; one draw per example. Masks come from (seed, draw count), the count being the buffer
/// <c>draws</c>, as in <see cref="Dropout"/>, so resumed runs draw the same masks (a non-persistent buffer, outside
/// the state dict, as torchvision's layer has none).</para>
/// </remarks>
public sealed class StochasticDepth : Module
{
    private readonly int _seed;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">Probability of dropping a branch, in [0, 1).</param>
    /// <param name="seed">Seed of the masks (default: drawn from <see cref="Init.DefaultRandom"/>).</param>
    public StochasticDepth(double p, int? seed = null)
    {
        if (p is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), $"StochasticDepth probability must be in [0, 1) but is {p}.");
        P = p;
        _seed = seed ?? Init.DefaultRandom.Next();
        Draws = RegisterBuffer("draws", Tensor.Zeros([], DType.Int32), persistent: false);
    }

    /// <summary>Drop probability p.</summary>
    public double P { get; }

    /// <summary>Number of masks drawn so far.</summary>
    public Tensor Draws { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || P == 0) return input;
        int draw = Draws.Span<int>()[0]++;
        var random = new Random(unchecked(_seed * 31 + draw * 1_000_003) & int.MaxValue);
        int n = input.Shape[0];
        var mask = new double[n];
        for (int i = 0; i < n; i++) mask[i] = random.NextDouble() < 1 - P ? 1 / (1 - P) : 0;
        var shape = new int[input.Rank];
        Array.Fill(shape, 1);
        shape[0] = n;
        Tensor maskTensor;
        using (GradMode.NoGrad()) maskTensor = Tensor.FromArray(mask, new Shape(shape)).To(input.DType);
        return input * maskTensor;
    }

    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant($"StochasticDepth(p: {P})");
}
