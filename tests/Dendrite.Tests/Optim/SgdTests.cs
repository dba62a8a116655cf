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
}
