using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

namespace Dendrite.Cli.Exercises;

/// <summary>Course 1, week 4: the L-layer network [12288, 20, 7, 5, 1] on cat/non-cat (course: test 80%).</summary>
internal sealed class DeepNetworkExercise : Exercise
{
    public override string Name => "deep";

    public override string Description => "deep [12288, 20, 7, 5, 1] ReLU network on cat/non-cat (needs the shared data folder)";

    public override IReadOnlyList<(string Split, double Accuracy)> Run(TrainSettings settings, TextWriter output)
    {
        var (xTrain, yTrain) = CatVsNonCat.LoadTrain(dtype: settings.DType);
        var (xTest, yTest) = CatVsNonCat.LoadTest(dtype: settings.DType);
        int[] dims = [12288, 20, 7, 5, 1];
        var numpy = new NumpyRandom(1); // the course's np.random.seed(1); W[l] = randn(n[l], n[l−1]) / √n[l−1]
        var layers = new List<Module>();
        for (int l = 1; l < dims.Length; l++)
        {
            layers.Add(new Dense(dims[l - 1], dims[l], init: Init.Xavier, random: numpy, dtype: settings.DType));
            layers.Add(l < dims.Length - 1 ? new Relu() : new Sigmoid());
        }
        var model = new Sequential([.. layers]);
        output.WriteLine(model.Summary([xTrain.Shape[0], 12288]));
        int iterations = settings.Iterations ?? 2500;
        GradientDescent.Fit(model, Loss.BinaryCrossEntropy, xTrain, yTrain, new Sgd(model.Parameters(), settings.LearningRate ?? 0.0075),
                            iterations, CostPrinter(output, settings.PrintEvery, iterations));
        return [("train", Accuracy.Binary(model, xTrain, yTrain)), ("test", Accuracy.Binary(model, xTest, yTest))];
    }
}
