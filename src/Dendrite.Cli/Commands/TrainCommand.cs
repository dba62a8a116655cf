using System.CommandLine;
using System.Globalization;
using Dendrite.Cli.Exercises;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite train EXERCISE</c>: trains one of the course exercises and prints cost and accuracy.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var exercise = new Argument<string>("exercise")
        {
            Description = "Exercise to train: " + string.Join(", ", Exercise.All.Select(e => $"{e.Name} ({e.Description})")),
        };
        exercise.AcceptOnlyFromAmong([.. Exercise.All.Select(e => e.Name)]);
        var iterations = new Option<int?>("--iterations") { Description = "Gradient steps (default: the course's)" };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Learning rate α (default: the course's)" };
        var dtype = new Option<string>("--dtype") { Description = "float32 or float64", DefaultValueFactory = _ => "float32" };
        dtype.AcceptOnlyFromAmong("float32", "float64");
        var printEvery = new Option<int>("--print-every") { Description = "Print the cost every N iterations", DefaultValueFactory = _ => 1000 };

        var command = new Command("train", "Train a course exercise on a built-in dataset") { exercise, iterations, learningRate, dtype, printEvery };
        command.SetAction(parse =>
        {
            var chosen = Exercise.All.Single(e => e.Name == parse.GetValue(exercise));
            var settings = new TrainSettings(parse.GetValue(iterations), parse.GetValue(learningRate),
                parse.GetValue(dtype) == "float64" ? DType.Float64 : DType.Float32, Math.Max(1, parse.GetValue(printEvery)));
            var started = System.Diagnostics.Stopwatch.StartNew();
            foreach (var (split, accuracy) in chosen.Run(settings, Console.Out))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{split} accuracy: {accuracy * 100:F2}%"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained in {started.Elapsed.TotalSeconds:F1} s"));
            return 0;
        });
        return command;
    }
}
