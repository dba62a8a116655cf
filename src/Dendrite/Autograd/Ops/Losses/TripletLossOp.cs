namespace Dendrite.Autograd;

/// <summary>
/// The triplet loss of FaceNet and the course, on squared L2 distances, composed of differentiable ops:
/// ℓᵢ = max(‖aᵢ − pᵢ‖² − ‖aᵢ − nᵢ‖² + α, 0), reduced by mean or sum over the N triplets.
/// </summary>
/// <remarks>
/// Its gradient on an active triplet (ℓᵢ &gt; 0) is ∂ℓ/∂a = 2(n − p), ∂ℓ/∂p = 2(p − a), ∂ℓ/∂n = 2(a − n), and zero
/// on an inactive one; the composed ops produce exactly these.
/// </remarks>
internal static class TripletLossOp
{
    public static Tensor Apply(Tensor anchor, Tensor positive, Tensor negative, double margin, bool mean)
    {
        anchor.RequireFloatingPoint("TripletLoss");
        if (anchor.Rank < 1 || positive.Shape != anchor.Shape || negative.Shape != anchor.Shape)
            throw new ArgumentException($"TripletLoss expects anchor, positive and negative of one shape [N, D] but got {anchor.Shape}, {positive.Shape} and {negative.Shape}.");
        int n = anchor.Shape[0];
        var perTriplet = PerTriplet(Rows(anchor, n), Rows(positive, n), Rows(negative, n), margin);
        return mean ? ReductionOps.Mean(perTriplet) : ReductionOps.Sum(perTriplet);
    }

    /// <summary>ℓᵢ = max(‖aᵢ − pᵢ‖² − ‖aᵢ − nᵢ‖² + α, 0) for rows [N, D] → [N].</summary>
    public static Tensor PerTriplet(Tensor anchor, Tensor positive, Tensor negative, double margin)
    {
        var positiveDistance = ReductionOps.Sum(ScalarOps.Pow(ArithmeticOps.Subtract(anchor, positive), 2), 1, keepDim: false);
        var negativeDistance = ReductionOps.Sum(ScalarOps.Pow(ArithmeticOps.Subtract(anchor, negative), 2), 1, keepDim: false);
        return Hinge(ArithmeticOps.Subtract(positiveDistance, negativeDistance), margin);
    }

    /// <summary>max(d⁺ − d⁻ + α, 0) from the distance difference d⁺ − d⁻.</summary>
    public static Tensor Hinge(Tensor difference, double margin) => UnaryOps.Apply<ReluOp>(ScalarOps.Affine(difference, 1, margin));

    private static Tensor Rows(Tensor x, int n) => x.Rank == 2 ? x : ViewOps.Reshape(x, [n, n == 0 ? 0 : x.Count / n]);
}
