using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>An elementwise function y = f(x) with its derivative, written side by side.</summary>
internal interface IUnaryOp
{
    static abstract string Name { get; }

    static abstract void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dx = dy · f'(x), given x and y = f(x).</summary>
    static abstract void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Runs any <see cref="IUnaryOp"/> forward and records its backward.</summary>
internal static class UnaryOps
{
    public static Tensor Apply<TOp>(Tensor x) where TOp : IUnaryOp
    {
        x.RequireFloatingPoint(TOp.Name);
        x = x.Contiguous();
        var y = Tensor.Empty(x.Shape, x.DType);
        if (x.IsFloat64) Forward<TOp, double>(x, y);
        else Forward<TOp, float>(x, y);
        return Graph.Record(y, TOp.Name, [x], g =>
        {
            var dx = Tensor.Empty(x.Shape, x.DType);
            if (x.IsFloat64) Backward<TOp, double>(x, y, g, dx);
            else Backward<TOp, float>(x, y, g, dx);
            return [dx];
        });
    }

    /// <summary>y = f(y) in place, for a fresh tensor no graph will see (see <see cref="NN.InferenceFusion"/>).</summary>
    public static void ApplyInPlace<TOp>(Tensor y) where TOp : IUnaryOp
    {
        y.RequireFloatingPoint(TOp.Name);
        if (y.RequiresGrad || !y.IsContiguous)
            throw new InvalidOperationException($"{TOp.Name} in place needs a contiguous tensor outside any graph.");
        if (y.IsFloat64) ApplyInPlace<TOp, double>(y.Span<double>());
        else ApplyInPlace<TOp, float>(y.Span<float>());
    }

    /// <summary>y = f(y) in place over a span: a fresh tensor's, or a scratch buffer no tensor owns (<see cref="NN.DenseChain"/>).</summary>
    public static unsafe void ApplyInPlace<TOp, T>(Span<T> y) where TOp : IUnaryOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* py = y)
            KernelParallel.ForElements(y.Length, new ForwardBody<TOp, T>(py, py));
    }

    private static unsafe void Forward<TOp, T>(Tensor x, Tensor y) where TOp : IUnaryOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* px = x.Span<T>(), py = y.Span<T>())
            KernelParallel.ForElements(x.Count, new ForwardBody<TOp, T>(px, py));
    }

    private static unsafe void Backward<TOp, T>(Tensor x, Tensor y, Tensor dy, Tensor dx) where TOp : IUnaryOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* px = x.Span<T>(), py = y.Span<T>(), pdy = dy.Span<T>(), pdx = dx.Span<T>())
            KernelParallel.ForElements(x.Count, new BackwardBody<TOp, T>(px, py, pdy, pdx));
    }

    private readonly unsafe struct ForwardBody<TOp, T>(T* x, T* y) : ISpanBody where TOp : IUnaryOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int length) => TOp.Forward(new ReadOnlySpan<T>(x + start, length), new Span<T>(y + start, length));
    }

    private readonly unsafe struct BackwardBody<TOp, T>(T* x, T* y, T* dy, T* dx) : ISpanBody
        where TOp : IUnaryOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int start, int length) =>
            TOp.Backward(new ReadOnlySpan<T>(x + start, length), new ReadOnlySpan<T>(y + start, length),
                         new ReadOnlySpan<T>(dy + start, length), new Span<T>(dx + start, length));
    }
}

/// <summary>y = eˣ; ∂y/∂x = eˣ = y.</summary>
internal readonly struct ExpOp : IUnaryOp
{
    public static string Name => "Exp";
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Exp(x, y);
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Multiply(dy, y, dx);
}

/// <summary>y = ln x; ∂y/∂x = 1/x.</summary>
internal readonly struct LogOp : IUnaryOp
{
    public static string Name => "Log";
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Log(x, y);
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Divide(dy, x, dx);
}

/// <summary>y = |x|; ∂y/∂x = sign(x) (0 at 0).</summary>
internal readonly struct AbsOp : IUnaryOp
{
    public static string Name => "Abs";
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => System.Numerics.Tensors.TensorPrimitives.Abs(x, y);
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] > T.Zero ? dy[i] : x[i] < T.Zero ? -dy[i] : T.Zero;
    }
}

/// <summary>y = σ(x) = 1/(1 + e⁻ˣ); ∂y/∂x = y(1 − y).</summary>
internal readonly struct SigmoidOp : IUnaryOp
{
    public static string Name => "Sigmoid";
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Activations.Sigmoid(x, y);
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.SigmoidBackward(y, dy, dx);
}

/// <summary>y = tanh x; ∂y/∂x = 1 − y².</summary>
internal readonly struct TanhOp : IUnaryOp
{
    public static string Name => "Tanh";
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Activations.Tanh(x, y);
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.TanhBackward(y, dy, dx);
}

/// <summary>y = max(x, 0); ∂y/∂x = 1 where x &gt; 0, else 0.</summary>
internal readonly struct ReluOp : IUnaryOp
{
    public static string Name => "Relu";
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Activations.Relu(x, y);
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
        => Activations.ReluBackward(x, dy, dx);
}
