using Dendrite.NN;
using Dendrite.Optim;

namespace Dendrite.Training;

/// <summary>
/// The course's full-batch training loop: forward propagation, cost, backward propagation, update, repeated
/// for a number of iterations. (The mini-batch <c>Trainer</c> with callbacks builds on the same steps.)
/// </summary>
public static class GradientDescent
{
    /// <summary>Runs <paramref name="iterations"/> steps on the whole of (x, y) and returns the cost of every iteration.</summary>
    /// <param name="model">The network; its Forward maps x to predictions.</param>
    /// <param name="cost">Cost J(prediction, y), e.g. <see cref="Loss.BinaryCrossEntropy"/>.</param>
    /// <param name="x">Inputs, one example per row.</param>
    /// <param name="y">Targets.</param>
    /// <param name="optimizer">The update rule over <c>model.Parameters()</c>.</param>
    /// <param name="iterations">Number of gradient steps.</param>
    /// <param name="onCost">Called with (iteration, cost) after every step, e.g. to print every 100th.</param>
    /// <exception cref="TrainingDivergedException">The cost became NaN or ±∞ (the learning rate is too large or the data
    /// hold non-finite values); the exception names the iteration.</exception>
    public static double[] Fit(Module model, Func<Tensor, Tensor, Tensor> cost, Tensor x, Tensor y, Optimizer optimizer,
        int iterations, Action<int, double>? onCost = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        if (x.Shape[0] != y.Shape[0])
            throw new ArgumentException($"x has {x.Shape[0]} examples ({x.Shape}) but y has {y.Shape[0]} ({y.Shape}).");
        model.Train();
        var costs = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            optimizer.ZeroGrad();
            var j = cost(model.Forward(x), y);
            j.Backward();
            optimizer.Step();
            costs[i] = j.Item();
            if (!double.IsFinite(costs[i]))
                throw new TrainingDivergedException($"Training diverged: the cost became {NonFinite.Name(costs[i])} at iteration {i + 1}: " +
                                                    "lower the learning rate or check the data.", i);
            onCost?.Invoke(i, costs[i]);
        }
        return costs;
    }
}
