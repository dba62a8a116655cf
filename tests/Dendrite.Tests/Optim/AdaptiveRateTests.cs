using Dendrite.Optim;

namespace Dendrite.Tests.Optim;

public class AdaptiveRateTests
{
    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void RmsProp_two_steps(DType dtype)
    {
        // α = 0.01, β = 0.9, ε = 1e-8; θ := θ − α·dθ/(√s + ε)
        // s1 = 0.1·[0.25, 1] = [0.025, 0.1]                                   θ1 ≈ θ0 − 0.01·√10·[1, −1] ≈ [0.968377, −1.968377]
        // s2 = 0.9·[0.025, 0.1] + 0.1·[0.0625, 0.25] = [0.02875, 0.115]
        const double a = 0.01, e = 1e-8;
        double[] theta1 = [1 - a * 0.5 / (Math.Sqrt(0.025) + e), -2 + a * 1 / (Math.Sqrt(0.1) + e)];
        double[] theta2 = [theta1[0] - a * 0.25 / (Math.Sqrt(0.02875) + e), theta1[1] - a * 0.5 / (Math.Sqrt(0.115) + e)];
        TwoSteps.Check(p => new RmsProp([p], a), dtype, theta1, theta2);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void AdaGrad_two_steps(DType dtype)
    {
        // α = 0.1, ε = 1e-10; θ := θ − α·dθ/(√s + ε)
        // s1 = [0.25, 1], √s1 = [0.5, 1]                          θ1 ≈ [1 − 0.1, −2 + 0.1] = [0.9, −1.9]
        // s2 = [0.25 + 0.0625, 1 + 0.25] = [0.3125, 1.25]         θ2 ≈ [0.9 − 0.1·0.25/0.559017, −1.9 − 0.1·0.5/1.118034] ≈ [0.855279, −1.944721]
        const double a = 0.1, e = 1e-10;
        double[] theta1 = [1 - a * 0.5 / (0.5 + e), -2 + a * 1 / (1 + e)];
        double[] theta2 = [theta1[0] - a * 0.25 / (Math.Sqrt(0.3125) + e), theta1[1] - a * 0.5 / (Math.Sqrt(1.25) + e)];
        TwoSteps.Check(p => new AdaGrad([p], a), dtype, theta1, theta2);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Adam_two_steps(DType dtype)
    {
        var (theta1, theta2) = AdamByHand(decay: 1);
        TwoSteps.Check(p => new Adam([p], 0.1), dtype, theta1, theta2);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void AdamW_two_steps(DType dtype)
    {
        // α = 0.1, λ = 0.01: θ is first multiplied by 1 − αλ = 0.999, then Adam steps as without decay
        // θ1 ≈ [0.999 − 0.1, −1.998 + 0.1] = [0.899, −1.898]
        var (theta1, theta2) = AdamByHand(decay: 0.999);
        TwoSteps.Check(p => new AdamW([p], 0.1), dtype, theta1, theta2);
    }

    [Fact]
    public void AdamW_without_weight_decay_is_Adam()
    {
        var (theta1, theta2) = AdamByHand(decay: 1);
        TwoSteps.Check(p => new AdamW([p], 0.1, weightDecay: 0), DType.Float64, theta1, theta2);
    }

    [Fact]
    public void Adam_rejects_a_decay_of_one()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([Tensor.Zeros([1])], beta2: 1));
        Assert.Contains("beta2", e.Message);
    }

    /// <summary>Adam with α = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8, θ multiplied by <paramref name="decay"/> before each step.</summary>
    private static (double[] Theta1, double[] Theta2) AdamByHand(double decay)
    {
        const double a = 0.1, e = 1e-8;
        // t = 1: v = 0.1·dθ, s = 0.001·dθ², v̂ = v/0.1 = dθ, ŝ = s/0.001 = dθ²: the step is α·dθ/(|dθ| + ε) ≈ α·sign(dθ)
        double[] theta1 = [decay * 1 - a * 0.5 / (0.5 + e), decay * -2 + a * 1 / (1 + e)];
        // t = 2: v = 0.9·[0.05, −0.1] + 0.1·[0.25, 0.5] = [0.07, −0.04];       v̂ = v/(1 − 0.81) = v/0.19
        //        s = 0.999·[0.00025, 0.001] + 0.001·[0.0625, 0.25]
        //          = [0.00024975 + 0.0000625, 0.000999 + 0.00025] = [0.00031225, 0.001249];  ŝ = s/(1 − 0.998001) = s/0.001999
        double[] vHat = [0.07 / 0.19, -0.04 / 0.19];              // ≈ [0.368421, −0.210526]
        double[] sHat = [0.00031225 / 0.001999, 0.001249 / 0.001999]; // ≈ [0.156203, 0.624812]
        double[] theta2 =
        [
            decay * theta1[0] - a * vHat[0] / (Math.Sqrt(sHat[0]) + e),  // ≈ 0.9 − 0.1·0.368421/0.395225 ≈ 0.806782
            decay * theta1[1] - a * vHat[1] / (Math.Sqrt(sHat[1]) + e),  // ≈ −1.9 + 0.1·0.210526/0.790451 ≈ −1.873366
        ];
        return (theta1, theta2);
    }
}
