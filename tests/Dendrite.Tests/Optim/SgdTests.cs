using Dendrite.NN;
using Dendrite.Optim;

namespace Dendrite.Tests.Optim;

public class SgdTests
{
    [Fact]
    public void A_step_moves_against_the_gradient_by_the_learning_rate()
    {
        // J = Σ w², dJ/dw = 2w; w := w − 0.1·2w = 0.8w
        var w = Tensor.FromArray([1.0, -2.0]);
        w.RequiresGrad = true;
        var sgd = new Sgd([w], 0.1);
        (w * w).Sum().Backward();
        sgd.Step();
        Assert.Equal([0.8, -1.6], w.ToArray<double>());
        sgd.ZeroGrad();
        Assert.Null(w.Grad);
        Assert.Equal(1, sgd.StepCount);
    }

    [Fact]
    public void Gradient_descent_fits_a_line()
    {
        var rng = new Random(0);
        var x = Tensor.Uniform([64, 1], -1, 1, rng);
        var y = x * 3 + 0.5;
        var model = new Dense(1, 1, random: rng);
        var sgd = new Sgd(model.Parameters(), 0.5);
        for (int i = 0; i < 200; i++)
        {
            sgd.ZeroGrad();
            Loss.MeanSquaredError(model.Forward(x), y).Backward();
            sgd.Step();
        }
        Assert.Equal(3, model.Weight.Item(), 3);
        Assert.Equal(0.5, model.Bias!.Item(), 3);
    }

    [Fact]
    public void A_non_positive_learning_rate_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([Tensor.Zeros([1])], 0));
        Assert.Contains("Learning rate", e.Message);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void Momentum_outside_zero_to_one_is_rejected(double momentum)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([Tensor.Zeros([1])], 0.1, momentum));
        Assert.Contains("Momentum", e.Message);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Plain_gradient_descent_two_steps(DType dtype) =>
        // α = 0.1; θ1 = θ0 − 0.1·[0.5, −1] = [0.95, −1.9]
        //          θ2 = θ1 − 0.1·[0.25, 0.5] = [0.925, −1.95]
        TwoSteps.Check(p => new Sgd([p], 0.1), dtype, [0.95, -1.9], [0.925, -1.95]);

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Course_momentum_two_steps(DType dtype) =>
        // α = 0.1, β = 0.9
        // v1 = 0.1·[0.5, −1] = [0.05, −0.1];                        θ1 = [1 − 0.005, −2 + 0.01] = [0.995, −1.99]
        // v2 = 0.9·[0.05, −0.1] + 0.1·[0.25, 0.5] = [0.07, −0.04];  θ2 = [0.995 − 0.007, −1.99 + 0.004] = [0.988, −1.986]
        TwoSteps.Check(p => new Sgd([p], 0.1, momentum: 0.9), dtype, [0.995, -1.99], [0.988, -1.986]);

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void PyTorch_momentum_two_steps(DType dtype) =>
        // α = 0.1, β = 0.9
        // v1 = [0.5, −1];                                  θ1 = [1 − 0.05, −2 + 0.1] = [0.95, −1.9]
        // v2 = 0.9·[0.5, −1] + [0.25, 0.5] = [0.7, −0.4];  θ2 = [0.95 − 0.07, −1.9 + 0.04] = [0.88, −1.86]
        TwoSteps.Check(p => new Sgd([p], 0.1, 0.9, MomentumForm.PyTorch), dtype, [0.95, -1.9], [0.88, -1.86]);

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Nesterov_momentum_two_steps(DType dtype) =>
        // α = 0.1, β = 0.9
        // v1 = [0.5, −1];   dθ + βv1 = [0.5 + 0.45, −1 − 0.9] = [0.95, −1.9];      θ1 = [1 − 0.095, −2 + 0.19] = [0.905, −1.81]
        // v2 = [0.7, −0.4]; dθ + βv2 = [0.25 + 0.63, 0.5 − 0.36] = [0.88, 0.14];  θ2 = [0.905 − 0.088, −1.81 − 0.014] = [0.817, −1.824]
        TwoSteps.Check(p => new Sgd([p], 0.1, 0.9, MomentumForm.Nesterov), dtype, [0.905, -1.81], [0.817, -1.824]);

    [Fact]
    public void Plain_gradient_descent_keeps_no_state()
    {
        var p = Tensor.FromArray([1.0]);
        var sgd = new Sgd([p], 0.1);
        p.Grad = Tensor.FromArray([1.0]);
        sgd.Step();
        Assert.Empty(sgd.StateTensors());
    }
}
