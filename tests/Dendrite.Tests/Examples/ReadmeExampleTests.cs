using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

namespace Dendrite.Tests.Examples;

/// <summary>The code shown in README.md, so the front page cannot drift from what works.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_trains_to_about_90_percent_and_passes_the_gradient_check()
    {
        Init.ManualSeed(0);
        var (x, y) = PlanarFlower.Generate(seed: 1);
        var model = new Sequential(
            new Dense(2, 4, init: Init.Xavier), new Tanh(),
            new Dense(4, 1, init: Init.Xavier), new Sigmoid());

        model.To(DType.Float64);
        var check = GradCheck.Run(
            () => Loss.BinaryCrossEntropy(model.Forward(x.To(DType.Float64)), y.To(DType.Float64)), model.NamedParameters());
        Assert.True(check.Passed, check.ToString());
        model.To(DType.Float32);

        var sgd = new Sgd(model.Parameters(), learningRate: 1.2);
        for (int i = 0; i < 10_000; i++)
        {
            sgd.ZeroGrad();
            var cost = Loss.BinaryCrossEntropy(model.Forward(x), y);
            cost.Backward();
            sgd.Step();
        }
        Assert.InRange(Accuracy.Binary(model, x, y), 0.88, 0.93);
    }
}
