using Dendrite.Optim;

namespace Dendrite.Tests.Optim;

/// <summary>Runs an optimizer for two steps on θ = [1, −2] with fixed gradients and checks θ after each step.</summary>
internal static class TwoSteps
{
    /// <summary>θ before the first step.</summary>
    public static readonly double[] Theta0 = [1, -2];

    /// <summary>dθ at step 1.</summary>
    public static readonly double[] Gradient1 = [0.5, -1];

    /// <summary>dθ at step 2.</summary>
    public static readonly double[] Gradient2 = [0.25, 0.5];

    /// <summary>Checks θ after step 1 and step 2 against the hand-computed values, to 1e-14 in float64 and 1e-6 in float32.</summary>
    public static void Check(Func<Tensor, Optimizer> make, DType dtype, double[] theta1, double[] theta2)
    {
        var theta = Tensor.FromArray(Theta0).To(dtype);
        theta.RequiresGrad = true;
        var optimizer = make(theta);
        double tolerance = dtype == DType.Float64 ? 1e-14 : 1e-6;
        foreach (var (gradient, expected) in new[] { (Gradient1, theta1), (Gradient2, theta2) })
        {
            theta.Grad = Tensor.FromArray(gradient).To(dtype);
            optimizer.Step();
            var actual = theta.ToArray<double>();
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance,
                    $"step {optimizer.StepCount}, θ[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
