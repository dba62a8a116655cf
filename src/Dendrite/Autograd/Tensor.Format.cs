using System.Globalization;
using System.Text;

namespace Dendrite;

public sealed partial class Tensor
{
    private const int EdgeItems = 3;

    /// <summary>
    /// The values as nested brackets (long axes elided with … after three items each side), then shape and dtype,
    /// e.g. <c>[[1.0000, 2.0000], [3.0000, 4.0000]] Float32 [2, 2]</c>.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var values = Contiguous().ToArray<double>();
        Append(sb, values, 0, 0, Shape.ContiguousStrides());
        sb.Append(' ').Append(DType).Append(' ').Append(Shape);
        if (RequiresGrad) sb.Append(GradFn is null ? " requires grad" : $" grad_fn={GradFn.Name}");
        return sb.ToString();
    }

    private void Append(StringBuilder sb, double[] values, int axis, int offset, int[] strides)
    {
        if (axis == Rank)
        {
            sb.Append(DType == DType.Int32
                ? values[offset].ToString(CultureInfo.InvariantCulture)
                : values[offset].ToString("0.0000", CultureInfo.InvariantCulture));
            return;
        }
        int n = Shape.Dims[axis];
        sb.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (n > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append("…, ");
                i = n - EdgeItems;
            }
            Append(sb, values, axis + 1, offset + i * strides[axis], strides);
            if (i < n - 1) sb.Append(", ");
        }
        sb.Append(']');
    }
}
