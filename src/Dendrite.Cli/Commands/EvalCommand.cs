using System.CommandLine;
using System.Globalization;
using Dendrite.Cli.Runs;
using Dendrite.Data;
using Dendrite.Training;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite eval MODEL DATA</c>: loss and metrics of a trained model on a split or a labelled file.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Run folder written by `dendrite train` (or a checkpoint in one)" };
        var data = new Argument<string>("data") { Description = "train, dev or test (the run's splits), or a labelled .csv (label last) / .npz (x, y)" };
        var command = new Command("eval", "Evaluate a trained model: loss and metrics") { model, data };
        command.SetAction(parse =>
        {
            var setup = TrainedModel.Open(parse.GetValue(model)!);
            var dataset = Resolve(parse.GetValue(data)!, setup);
            var trainer = new Trainer(setup.Model, setup.Optimizer, setup.Loss, setup.CreateMetrics());
            foreach (var (name, value) in trainer.Evaluate(setup.CreateEvalLoader(dataset)))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {value:G6}"));
            Console.WriteLine($"examples {dataset.Count}");
            return 0;
        });
        return command;
    }

    private static IDataset Resolve(string data, Specs.RunSetup setup) => data switch
    {
        "train" => setup.Train,
        "dev" => setup.Dev ?? throw new CliException("this run has no dev split (set data.dev in the spec)."),
        "test" => setup.Test ?? throw new CliException("this run has no test split (set data.test in the spec, or use a dataset with one)."),
        _ => InputFiles.ReadLabelled(data, setup),
    };
}
