using System.Text;

namespace Dendrite.Autograd;

/// <summary>
/// Gradient checking as taught in the course: flatten every parameter into θ, compare backprop's dθ with
/// the central difference dθapprox[i] = (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε, and report
/// difference = ‖dθapprox − dθ‖₂ / (‖dθapprox‖₂ + ‖dθ‖₂).
/// </summary>
/// <remarks>Run it in float64: a correct backward scores below 2e-7 there; float32 rounding alone exceeds that.</remarks>
public static class GradCheck
{
    /// <summary>The course's pass threshold for the difference.</summary>
    public const double Threshold = 2e-7;

    /// <summary>Checks ∂loss/∂p for each named parameter; <paramref name="loss"/> must rebuild the scalar cost from scratch each call.</summary>
    /// <param name="loss">Computes the scalar cost J(θ) from the current parameter values.</param>
    /// <param name="parameters">The tensors that make up θ, with names for the report.</param>
    /// <param name="epsilon">The finite-difference step ε (the course uses 1e-7).</param>
    public static GradCheckResult Run(Func<Tensor> loss, IEnumerable<(string Name, Tensor Parameter)> parameters, double epsilon = 1e-7)
    {
        var named = parameters.ToList();
        foreach (var (name, p) in named)
        {
            p.RequireFloatingPoint($"GradCheck of {name}");
            if (!p.IsContiguous) throw new ArgumentException($"GradCheck: parameter {name} must be contiguous.");
            p.Grad = null;
        }

        var cost = loss();
        if (cost.Count != 1) throw new ArgumentException($"GradCheck: the loss must be a scalar but has shape {cost.Shape}.");
        cost.Backward();

        var perParameter = new List<ParameterDifference>();
        double num2 = 0, grad2 = 0, approx2 = 0;
        foreach (var (name, p) in named)
        {
            double[] analytic = p.Grad?.ToArray<double>() ?? new double[p.Count];
            double[] approx = Numeric(loss, p, epsilon);
            double d2 = 0, g2 = 0, a2 = 0;
            for (int i = 0; i < analytic.Length; i++)
            {
                double d = approx[i] - analytic[i];
                d2 += d * d; g2 += analytic[i] * analytic[i]; a2 += approx[i] * approx[i];
            }
            perParameter.Add(new ParameterDifference(name, p.Shape, Difference(d2, a2, g2)));
            num2 += d2; grad2 += g2; approx2 += a2;
        }
        return new GradCheckResult(Difference(num2, approx2, grad2), perParameter, cost.DType);
    }

    private static double Difference(double diff2, double approx2, double grad2)
    {
        double denominator = Math.Sqrt(approx2) + Math.Sqrt(grad2);
        return denominator == 0 ? 0 : Math.Sqrt(diff2) / denominator;
    }

    private static double[] Numeric(Func<Tensor> loss, Tensor p, double epsilon)
    {
        var result = new double[p.Count];
        using var _ = GradMode.NoGrad();
        for (int i = 0; i < p.Count; i++)
        {
            double original = Read(p, i);
            Write(p, i, original + epsilon);
            double plus = loss().Item();
            Write(p, i, original - epsilon);
            double minus = loss().Item();
            Write(p, i, original);
            result[i] = (plus - minus) / (2 * epsilon);
        }
        return result;
    }

    private static double Read(Tensor p, int i) => p.IsFloat64 ? p.Span<double>()[i] : p.Span<float>()[i];

    private static void Write(Tensor p, int i, double v)
    {
        if (p.IsFloat64) p.Span<double>()[i] = v;
        else p.Span<float>()[i] = (float)v;
    }
}
