namespace Dendrite.Vision;

/// <summary>
/// Box utilities with torchvision's semantics on float tensors [N, 4]: conversions between corner (x1, y1, x2, y2) and
/// centre (cx, cy, w, h) forms, areas, and the IoU matrix (<c>box_iou</c>). Boxes are in continuous coordinates, so
/// area = (x2 − x1)·(y2 − y1) with no +1.
/// </summary>
public static class Boxes
{
    /// <summary>(cx, cy, w, h) → (x1, y1, x2, y2).</summary>
    public static Tensor CxcywhToXyxy(Tensor boxes) => Map(boxes, "CxcywhToXyxy", (a, b, c, d) => (a - c / 2, b - d / 2, a + c / 2, b + d / 2));

    /// <summary>(x1, y1, x2, y2) → (cx, cy, w, h).</summary>
    public static Tensor XyxyToCxcywh(Tensor boxes) => Map(boxes, "XyxyToCxcywh", (a, b, c, d) => ((a + c) / 2, (b + d) / 2, c - a, d - b));

    /// <summary>Areas [N] of corner boxes [N, 4].</summary>
    public static double[] Area(Tensor boxes)
    {
        var v = Values(boxes, "Area");
        return [.. Enumerable.Range(0, v.Length / 4).Select(i => Area(v, i))];
    }

    /// <summary>
    /// IoU [N, M] of corner boxes a [N, 4] and b [M, 4]: |a ∩ b| / |a ∪ b|, 0 when the union is empty (two degenerate
    /// boxes; torchvision gives NaN there).
    /// </summary>
    public static Tensor Iou(Tensor a, Tensor b)
    {
        var x = Values(a, "Iou");
        var y = Values(b, "Iou");
        int n = x.Length / 4, m = y.Length / 4;
        var iou = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) iou[i * m + j] = Iou(x, i, y, j);
        return Tensor.FromArray(iou, [n, m]).To(a.DType);
    }

    /// <summary>IoU of box <paramref name="i"/> of <paramref name="a"/> and box <paramref name="j"/> of <paramref name="b"/> (flat xyxy arrays).</summary>
    internal static double Iou(double[] a, int i, double[] b, int j) =>
        Iou(a[4 * i], a[4 * i + 1], a[4 * i + 2], a[4 * i + 3], b[4 * j], b[4 * j + 1], b[4 * j + 2], b[4 * j + 3]);

    /// <summary>IoU of two corner boxes; 0 when their union is empty.</summary>
    internal static double Iou(double ax1, double ay1, double ax2, double ay2, double bx1, double by1, double bx2, double by2)
    {
        double inter = Math.Max(0, Math.Min(ax2, bx2) - Math.Max(ax1, bx1)) * Math.Max(0, Math.Min(ay2, by2) - Math.Max(ay1, by1));
        double union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter;
        return union > 0 ? inter / union : 0;
    }

    /// <summary>The boxes' values as a flat double array, checked to be [N, 4].</summary>
    internal static double[] Values(Tensor boxes, string what)
    {
        if (boxes.Rank != 2 || boxes.Shape[1] != 4 || !boxes.DType.IsFloatingPoint())
            throw new ArgumentException($"{what} expects float boxes [N, 4] but got {boxes.DType} {boxes.Shape}.");
        return boxes.To(DType.Float64).Contiguous().ToArray<double>();
    }

    private static double Area(double[] v, int i) => (v[4 * i + 2] - v[4 * i]) * (v[4 * i + 3] - v[4 * i + 1]);

    private static Tensor Map(Tensor boxes, string what, Func<double, double, double, double, (double, double, double, double)> f)
    {
        var v = Values(boxes, what);
        var r = new double[v.Length];
        for (int i = 0; i < v.Length; i += 4) (r[i], r[i + 1], r[i + 2], r[i + 3]) = f(v[i], v[i + 1], v[i + 2], v[i + 3]);
        return Tensor.FromArray(r, boxes.Shape).To(boxes.DType);
    }
}
