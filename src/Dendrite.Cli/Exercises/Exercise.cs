namespace Dendrite.Cli.Exercises;

/// <summary>Settings a user may override on the command line; null keeps the exercise's course value.</summary>
internal sealed record TrainSettings(int? Iterations, double? LearningRate, DType DType, int PrintEvery);

/// <summary>A course exercise that trains a model on a built-in or shared dataset and reports its accuracy.</summary>
internal abstract class Exercise
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Trains, printing the cost as it goes; returns the accuracies to report (e.g. train and test).</summary>
    public abstract IReadOnlyList<(string Split, double Accuracy)> Run(TrainSettings settings, TextWriter output);

    public static IReadOnlyList<Exercise> All { get; } = [new PlanarExercise(), new LogisticRegressionExercise(), new DeepNetworkExercise()];

    /// <summary>Prints "Cost after iteration i: J" every <paramref name="every"/> iterations and at the last, as the course does.</summary>
    protected static Action<int, double> CostPrinter(TextWriter output, int every, int iterations) => (i, cost) =>
    {
        if (i % every == 0 || i == iterations - 1)
            output.WriteLine(FormattableString.Invariant($"Cost after iteration {i}: {cost:F6}"));
    };
}
