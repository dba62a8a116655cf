using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

namespace Dendrite.Cli.Exercises;

/// <summary>Course 1, week 3: one hidden layer of 4 tanh units classifies the planar flower (course: 90%).</summary>
internal sealed class PlanarExercise : Exercise
{
    public override string Name => "planar";

    public override string Description => "2-4-1 tanh network on the generated planar flower data (no download)";

    public override IReadOnlyList<(string Split, double Accuracy)> Run(TrainSettings settings, TextWriter output)
    {
        var (x, y) = PlanarFlower.Generate(seed: 1, settings.DType);
        var numpy = new NumpyRandom(2); // the course's np.random.seed(2) before W1 = randn(4, 2)·0.01, W2 = randn(1, 4)·0.01
        var model = new Sequential(
            new Dense(2, 4, init: Init.SmallRandom, random: numpy, dtype: settings.DType), new Tanh(),
            new Dense(4, 1, init: Init.SmallRandom, random: numpy, dtype: settings.DType), new Sigmoid());
        int iterations = settings.Iterations ?? 10_000;
        output.WriteLine(model);
        GradientDescent.Fit(model, Loss.BinaryCrossEntropy, x, y, new Sgd(model.Parameters(), settings.LearningRate ?? 1.2),
                            iterations, CostPrinter(output, settings.PrintEvery, iterations));
        return [("train", Accuracy.Binary(model, x, y))];
    }
}
