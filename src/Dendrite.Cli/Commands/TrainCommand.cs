using System.CommandLine;
using System.Globalization;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite train SPEC</c>: trains the run a spec describes and writes a run folder.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Spec file (.json, .yaml) or built-in spec: " + string.Join(", ", SpecReader.BuiltInNames) };
        var output = new Option<string?>("--out") { Description = "Run folder (default: runs/NAME-TIMESTAMP)" };
        var epochs = new Option<int?>("--epochs") { Description = "Override the spec's epochs (or iterations for full-batch runs)" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the final metrics" };
        var tensorboard = new Option<string?>("--tensorboard") { Description = "Also write TensorBoard event files to this folder (overrides the spec's tensorboard)" };
        var resume = new Option<string?>("--resume") { Description = "Continue this interrupted run folder from its last.safetensors (the spec must match its spec.json)" };
        var command = new Command("train", "Train the model a spec describes; writes spec, history, checkpoints, metrics.json and report.html")
            { spec, output, epochs, quiet, tensorboard, resume };
        command.SetAction(parse =>
        {
            var runSpec = SpecReader.Read(parse.GetValue(spec)!);
            if (parse.GetValue(epochs) is int e)
            {
                if (e < 1) throw new CliException($"--epochs: expected at least 1 but got {e}");
                runSpec = runSpec with { Epochs = e, Iterations = null };
            }
            if (parse.GetValue(tensorboard) is string logs) runSpec = runSpec with { Tensorboard = Path.GetFullPath(logs) };
            if (parse.GetValue(resume) is string run)
            {
                if (parse.GetValue(output) is not null) throw new CliException("--resume: the run folder is RUN itself; leave out --out");
                RunResumption.RequireSameSpec(runSpec, run);
                return ResumeCommand.Continue(runSpec, run, parse.GetValue(quiet));
            }
            var setup = RunFactory.Build(runSpec);
            string folder = parse.GetValue(output)
                ?? Path.Combine("runs", $"{runSpec.Name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
            var result = TrainingRun.Execute(setup, folder, Console.Out, parse.GetValue(quiet));
            PrintResult(result, folder);
            return 0;
        });
        return command;
    }

    /// <summary>Prints the final loss and metrics per split, then the run folder.</summary>
    public static void PrintResult(RunResult result, string folder)
    {
        foreach (var (split, values) in result.Splits)
            Console.WriteLine($"{split,-5}  " + string.Join("  ", values.Select(v => v.Key switch
            {
                "loss" => FormattableString.Invariant($"{v.Key} {v.Value:F6}"),
                "latency_ms" or "size_mb" => FormattableString.Invariant($"{v.Key} {v.Value:0.###}"), // model costs are not fractions
                _ => FormattableString.Invariant($"{v.Key} {v.Value * 100:F2}%"),
            })));
        Console.WriteLine($"run folder: {Path.GetFullPath(folder)}");
    }
}
