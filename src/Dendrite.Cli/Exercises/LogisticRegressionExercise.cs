using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

namespace Dendrite.Cli.Exercises;

/// <summary>Course 1, week 2: logistic regression as a neural network on cat/non-cat (course: train 99.04%, test 70%).</summary>
internal sealed class LogisticRegressionExercise : Exercise
{
    public override string Name => "logreg";

    public override string Description => "logistic regression on cat/non-cat (needs the shared data folder)";

    public override IReadOnlyList<(string Split, double Accuracy)> Run(TrainSettings settings, TextWriter output)
    {
        var (xTrain, yTrain) = CatVsNonCat.LoadTrain(dtype: settings.DType);
        var (xTest, yTest) = CatVsNonCat.LoadTest(dtype: settings.DType);
        var model = new Sequential(new Dense(12288, 1, init: Init.Zeros, dtype: settings.DType), new Sigmoid());
        int iterations = settings.Iterations ?? 2000;
        GradientDescent.Fit(model, Loss.BinaryCrossEntropy, xTrain, yTrain, new Sgd(model.Parameters(), settings.LearningRate ?? 0.005),
                            iterations, CostPrinter(output, settings.PrintEvery, iterations));
        return [("train", Accuracy.Binary(model, xTrain, yTrain)), ("test", Accuracy.Binary(model, xTest, yTest))];
    }
}
