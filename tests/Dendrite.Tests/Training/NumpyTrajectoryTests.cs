using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Tests.Data;
using Xunit.Abstractions;

namespace Dendrite.Tests.Training;

/// <summary>
/// Full-batch gradient descent on [2, 5, 3, 1] (ReLU, ReLU, sigmoid) must follow, cost by cost, the trajectory
/// that Fixtures/make_gd_trajectory.py computed with the course's numpy code in float64.
/// </summary>
public class NumpyTrajectoryTests(ITestOutputHelper output)
{
    private const double LearningRate = 0.5;
    private const double Tolerance = 1e-10;

    private static bool Close(double expected, double actual) =>
        Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected));

    [Fact]
    public void Float64GradientDescent_MatchesNumpyCostAtEveryIteration()
    {
        var reference = Npz.Read(Fixture.Path("gd_trajectory.npz"));
        var x = reference["X"]; // [200, 2]: the course's X (2, 200) transposed
        var y = reference["Y"]; // [200, 1]
        var model = new Sequential(
            new Dense(2, 5, dtype: DType.Float64), new Relu(),
            new Dense(5, 3, dtype: DType.Float64), new Relu(),
            new Dense(3, 1, dtype: DType.Float64), new Sigmoid());
        var dense = model.Children.Select(c => c.Module).OfType<Dense>().ToArray();
        for (int l = 0; l < dense.Length; l++)
        {
            dense[l].Weight.Assign(reference[$"W{l + 1}"]); // (n_l, n_{l−1}) in both
            dense[l].Bias!.Assign(reference[$"b{l + 1}"].Reshape(dense[l].OutFeatures)); // (n_l, 1) → [n_l]
        }
        var optimizer = new Sgd(model.Parameters(), LearningRate);
        var costs = reference["costs"].ToArray<double>();

        double worst = 0;
        for (int i = 0; i < costs.Length; i++)
        {
            optimizer.ZeroGrad();
            var cost = Loss.BinaryCrossEntropy(model.Forward(x), y);
            double c = cost.Item();
            worst = Math.Max(worst, Math.Abs(c - costs[i]));
            Assert.True(Close(costs[i], c), $"iteration {i}: numpy cost {costs[i]:R}, Dendrite {c:R} (difference {c - costs[i]:E2})");
            cost.Backward();
            optimizer.Step();
        }

        for (int l = 0; l < dense.Length; l++)
        {
            AssertClose(reference[$"W{l + 1}_final"].ToArray<double>(), dense[l].Weight.ToArray<double>(), $"W{l + 1}");
            AssertClose(reference[$"b{l + 1}_final"].ToArray<double>(), dense[l].Bias!.ToArray<double>(), $"b{l + 1}");
        }
        output.WriteLine($"largest |cost − numpy cost| over {costs.Length} iterations: {worst:E2}");
        Assert.True(worst < Tolerance, $"largest cost difference {worst:E2}");
    }

    private static void AssertClose(double[] expected, double[] actual, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Close(expected[i], actual[i]), $"{name}[{i}] after training: numpy {expected[i]:R}, Dendrite {actual[i]:R}");
    }
}
