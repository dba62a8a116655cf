using Dendrite.Autograd;

namespace Dendrite;

public sealed partial class Tensor
{
    /// <summary>Elementwise a + b with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => ArithmeticOps.Add(a, b);

    /// <summary>Elementwise a − b with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => ArithmeticOps.Subtract(a, b);

    /// <summary>Elementwise (Hadamard) a ⊙ b with broadcasting; use <see cref="MatMul"/> for the matrix product.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => ArithmeticOps.Multiply(a, b);

    /// <summary>Elementwise a / b with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => ArithmeticOps.Divide(a, b);

    /// <summary>x + s.</summary>
    public static Tensor operator +(Tensor x, double s) => ScalarOps.Affine(x, 1, s);

    /// <summary>s + x.</summary>
    public static Tensor operator +(double s, Tensor x) => ScalarOps.Affine(x, 1, s);

    /// <summary>x − s.</summary>
    public static Tensor operator -(Tensor x, double s) => ScalarOps.Affine(x, 1, -s);

    /// <summary>s − x.</summary>
    public static Tensor operator -(double s, Tensor x) => ScalarOps.Affine(x, -1, s);

    /// <summary>x · s.</summary>
    public static Tensor operator *(Tensor x, double s) => ScalarOps.Affine(x, s, 0);

    /// <summary>s · x.</summary>
    public static Tensor operator *(double s, Tensor x) => ScalarOps.Affine(x, s, 0);

    /// <summary>x / s.</summary>
    public static Tensor operator /(Tensor x, double s) => ScalarOps.Affine(x, 1 / s, 0);

    /// <summary>s / x.</summary>
    public static Tensor operator /(double s, Tensor x) => ScalarOps.Affine(ScalarOps.Pow(x, -1), s, 0);

    /// <summary>−x.</summary>
    public static Tensor operator -(Tensor x) => ScalarOps.Affine(x, -1, 0);

    /// <summary>Matrix product: [m, k]·[k, n], [..., m, k]·[k, n] or batched [B, m, k]·[B, k, n].</summary>
    public Tensor MatMul(Tensor other) => MatMulOps.MatMul(this, other);

    /// <summary>Affine map y = x·Wᵀ + b for x [N, in], weight [out, in], bias [out].</summary>
    public Tensor Linear(Tensor weight, Tensor? bias = null) => MatMulOps.Linear(this, weight, bias);

    /// <summary>xᵖ elementwise.</summary>
    public Tensor Pow(double p) => ScalarOps.Pow(this, p);

    /// <summary>x² elementwise.</summary>
    public Tensor Square() => ScalarOps.Pow(this, 2);

    /// <summary>√x elementwise.</summary>
    public Tensor Sqrt() => ScalarOps.Pow(this, 0.5);

    /// <summary>eˣ elementwise.</summary>
    public Tensor Exp() => UnaryOps.Apply<ExpOp>(this);

    /// <summary>ln x elementwise.</summary>
    public Tensor Log() => UnaryOps.Apply<LogOp>(this);

    /// <summary>|x| elementwise.</summary>
    public Tensor Abs() => UnaryOps.Apply<AbsOp>(this);

    /// <summary>σ(x) = 1/(1 + e⁻ˣ) elementwise.</summary>
    public Tensor Sigmoid() => UnaryOps.Apply<SigmoidOp>(this);

    /// <summary>tanh x elementwise.</summary>
    public Tensor Tanh() => UnaryOps.Apply<TanhOp>(this);

    /// <summary>max(x, 0) elementwise.</summary>
    public Tensor Relu() => UnaryOps.Apply<ReluOp>(this);

    /// <summary>x where x &gt; 0, else slope·x.</summary>
    public Tensor LeakyRelu(double slope = 0.01) => LeakyReluOp.Apply(this, slope);

    /// <summary>min(max(x, min), max) elementwise; the gradient passes where min ≤ x ≤ max (PyTorch's <c>clamp</c>).</summary>
    public Tensor Clamp(double min, double max) => ClampOp.Apply(this, min, max);

    /// <summary>Softmax along <paramref name="axis"/> (stable: the maximum is subtracted first).</summary>
    public Tensor Softmax(int axis = -1) => SoftmaxOps.Softmax(this, axis);

    /// <summary>Log-softmax along <paramref name="axis"/> (stable log-sum-exp).</summary>
    public Tensor LogSoftmax(int axis = -1) => SoftmaxOps.LogSoftmax(this, axis);

    /// <summary>Sum of all elements (rank-0 result).</summary>
    public Tensor Sum() => ReductionOps.Sum(this);

    /// <summary>Sum along an axis.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => ReductionOps.Sum(this, axis, keepDim);

    /// <summary>Mean of all elements (rank-0 result).</summary>
    public Tensor Mean() => ReductionOps.Mean(this);

    /// <summary>Mean along an axis.</summary>
    public Tensor Mean(int axis, bool keepDim = false) => ReductionOps.Mean(this, axis, keepDim);

    /// <summary>Maximum along an axis.</summary>
    public Tensor Max(int axis, bool keepDim = false) => ReductionOps.Max(this, axis, keepDim);

    /// <summary>Index of the maximum along an axis (Int32, not differentiable).</summary>
    public Tensor ArgMax(int axis = -1) => ReductionOps.ArgMax(this, axis);

    /// <summary>1 where x &gt; threshold, else 0, in this tensor's dtype (not differentiable).</summary>
    public Tensor GreaterThan(double threshold)
    {
        RequireFloatingPoint("GreaterThan");
        var x = Contiguous().ToArray<double>();
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = x[i] > threshold ? 1 : 0;
        return FromArray(y, Shape).To(DType).Detach();
    }

    /// <summary>Converts to another element type (differentiable between float types).</summary>
    public Tensor To(DType dtype) => ViewOps.To(this, dtype);

    /// <summary>Joins tensors along an existing axis.</summary>
    public static Tensor Concat(IEnumerable<Tensor> parts, int axis = 0) => ShapeOps.Concat([.. parts], axis);

    /// <summary>Stacks equally shaped tensors along a new leading axis.</summary>
    public static Tensor Stack(IEnumerable<Tensor> parts) => ShapeOps.Stack([.. parts]);
}
