using Dendrite.Optim;

namespace Dendrite.Tests.Optim;

public class ConvergenceTests
{
    /// <summary>
    /// f = 50x² + 0.5y² from (1, 1): curvatures 100 and 1 (condition number 100). Gradient descent must keep α &lt; 2/100,
    /// so y shrinks by at most 2% a step; momentum and Adam build up speed along y.
    /// </summary>
    private static int StepsToConverge(Func<Tensor, Optimizer> make)
    {
        var theta = Tensor.FromArray([1.0, 1.0]);
        theta.RequiresGrad = true;
        var optimizer = make(theta);
        var curvature = Tensor.FromArray([50.0, 0.5]);
        for (int step = 1; step <= 5000; step++)
        {
            optimizer.ZeroGrad();
            var f = (curvature * theta * theta).Sum();
            f.Backward();
            optimizer.Step();
            var t = theta.ToArray<double>();
            if (50 * t[0] * t[0] + 0.5 * t[1] * t[1] < 1e-6) return step;
        }
        return int.MaxValue;
    }

    [Fact]
    public void Momentum_and_Adam_beat_gradient_descent_on_a_badly_conditioned_quadratic()
    {
        int gd = StepsToConverge(p => new Sgd([p], 0.019));  // about 343: near its fastest stable α
        int course = StepsToConverge(p => new Sgd([p], 0.05, 0.9));
        int pyTorch = StepsToConverge(p => new Sgd([p], 0.005, 0.9, MomentumForm.PyTorch));
        int nesterov = StepsToConverge(p => new Sgd([p], 0.005, 0.9, MomentumForm.Nesterov));
        int adam = StepsToConverge(p => new Adam([p], 0.1));
        Assert.InRange(gd, 300, 400);
        Assert.True(course * 2.5 < gd, $"course momentum took {course} steps, gradient descent {gd}");
        Assert.True(pyTorch * 2.5 < gd, $"PyTorch momentum took {pyTorch} steps, gradient descent {gd}");
        Assert.True(nesterov * 2.5 < gd, $"Nesterov momentum took {nesterov} steps, gradient descent {gd}");
        Assert.True(adam * 3 < gd, $"Adam took {adam} steps, gradient descent {gd}");
    }
}
