using System.Numerics;

namespace Dendrite.Autograd;

/// <summary>
/// Binary cross-entropy on logits over the known labels only, for multi-task learning with missing labels (the course's
/// self-driving example, where an image may say nothing about a traffic light): J = Σ_known [max(z, 0) − z·y +
/// log(1 + e^{−|z|})] / K, K the number of known labels (at least 1). A label is unknown when it is NaN or −1; its
/// term and its gradient are zero, whatever its logit. ∂J/∂z = (σ(z) − y)/K on known labels, 0 on unknown ones.
/// </summary>
internal static class MaskedBceOp
{
    public static Tensor Apply(Tensor logits, Tensor targets)
    {
        logits.RequireFloatingPoint("MaskedBinaryCrossEntropyWithLogits");
        if (logits.Shape != targets.Shape || !targets.DType.IsFloatingPoint())
            throw new ArgumentException($"MaskedBinaryCrossEntropyWithLogits expects float targets of the logits' shape {logits.Shape} but got {targets.DType} {targets.Shape}.");
        var z = logits.Contiguous();
        var t = targets.To(z.DType).Contiguous();
        var (loss, known) = z.IsFloat64 ? Forward<double>(z, t) : Forward<float>(z, t);
        double k = Math.Max(1, known);
        return Graph.Record(Tensor.Scalar(loss / k, z.DType), "MaskedBinaryCrossEntropyWithLogits", [z], g =>
        {
            var dz = Tensor.Empty(z.Shape, z.DType);
            if (z.IsFloat64) Backward<double>(z, t, g.Item() / k, dz);
            else Backward<float>(z, t, g.Item() / k, dz);
            return [dz];
        });
    }

    /// <summary>Whether a target marks a missing label.</summary>
    private static bool Missing<T>(T y) where T : unmanaged, IFloatingPointIeee754<T> => T.IsNaN(y) || y == -T.One;

    private static (double Sum, int Known) Forward<T>(Tensor z, Tensor t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> zs = z.Span<T>(), ys = t.Span<T>();
        double sum = 0;
        int known = 0;
        for (int i = 0; i < zs.Length; i++)
        {
            if (Missing(ys[i])) continue;
            double zi = double.CreateChecked(zs[i]), yi = double.CreateChecked(ys[i]);
            sum += Math.Max(zi, 0) - zi * yi + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
            known++;
        }
        return (sum, known);
    }

    private static void Backward<T>(Tensor z, Tensor t, double scale, Tensor dz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> zs = z.Span<T>(), ys = t.Span<T>();
        var d = dz.Span<T>();
        T s = T.CreateChecked(scale);
        for (int i = 0; i < zs.Length; i++)
            d[i] = Missing(ys[i]) ? T.Zero : (T.One / (T.One + T.Exp(-zs[i])) - ys[i]) * s;
    }
}
