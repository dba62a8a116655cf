
namespace Dendrite.Autograd;

/// <summary>Softmax and log-softmax along an axis, computed stably by subtracting the maximum first.</summary>
internal static class SoftmaxOps
{
    /// <summary>yᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x) along <paramref name="axis"/>.</summary>
    public static Tensor Softmax(Tensor x, int axis) => AlongAxis(x, axis, log: false);

    /// <summary>yᵢ = xᵢ − log Σⱼ e^(xⱼ) along <paramref name="axis"/>.</summary>
    public static Tensor LogSoftmax(Tensor x, int axis) => AlongAxis(x, axis, log: true);

    private static Tensor AlongAxis(Tensor x, int axis, bool log)
    {
        x.RequireFloatingPoint(log ? "LogSoftmax" : "Softmax");
        int a = x.Shape.NormalizeAxis(axis);
        if (a != x.Rank - 1)
        {
            // Move the axis last, work on rows, move it back; the views carry the gradient.
            var moved = ViewOps.Permute(x, SwapLast(x.Rank, a));
            return ViewOps.Permute(LastAxis(moved.Contiguous(), log), SwapLast(x.Rank, a));
        }
        return LastAxis(x.Contiguous(), log);
    }

    private static Tensor LastAxis(Tensor x, bool log)
    {
        int n = x.Rank == 0 ? 1 : x.Shape[-1];
        int rows = n == 0 ? 0 : x.Count / n;
        var y = Tensor.Empty(x.Shape, x.DType);
        if (x.IsFloat64)
        {
            if (log) Tensors.Kernels.Softmax.LogForward(x.Span<double>(), rows, n, y.Span<double>());
            else Tensors.Kernels.Softmax.Forward(x.Span<double>(), rows, n, y.Span<double>());
        }
        else
        {
            if (log) Tensors.Kernels.Softmax.LogForward(x.Span<float>(), rows, n, y.Span<float>());
            else Tensors.Kernels.Softmax.Forward(x.Span<float>(), rows, n, y.Span<float>());
        }
        return Graph.Record(y, log ? "LogSoftmax" : "Softmax", [x], g =>
        {
            var dx = Tensor.Empty(x.Shape, x.DType);
            if (x.IsFloat64)
            {
                if (log) Tensors.Kernels.Softmax.LogBackward(y.Span<double>(), g.Span<double>(), rows, n, dx.Span<double>());
                else Tensors.Kernels.Softmax.Backward(y.Span<double>(), g.Span<double>(), rows, n, dx.Span<double>());
            }
            else
            {
                if (log) Tensors.Kernels.Softmax.LogBackward(y.Span<float>(), g.Span<float>(), rows, n, dx.Span<float>());
                else Tensors.Kernels.Softmax.Backward(y.Span<float>(), g.Span<float>(), rows, n, dx.Span<float>());
            }
            return [dx];
        });
    }

    private static int[] SwapLast(int rank, int axis)
    {
        var dims = Enumerable.Range(0, rank).ToArray();
        (dims[axis], dims[rank - 1]) = (dims[rank - 1], dims[axis]);
        return dims;
    }
}
