using System.CommandLine;
using Dendrite.Cli.Runs;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite diagnose RUN [--human-error E] [--json]</c>: Course 3's bias / variance / data-mismatch table of a trained
/// classification run, the largest gap and its remedies; also written to RUN/diagnosis.json.
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "Run folder written by `dendrite train`" };
        var human = new Option<double?>("--human-error") { Description = "Human-level error as a fraction (0.01 for 1%), the proxy for Bayes error (default: the spec's human_error)" };
        var json = new Option<bool>("--json") { Description = "Print the diagnosis as JSON instead of a table" };
        var command = new Command("diagnose", "Bias, variance and data mismatch of a trained run, and what to do next") { run, human, json };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(run)!;
            if (!Directory.Exists(folder)) throw new CliException($"{folder}: no such run folder");
            var setup = TrainedModel.Open(folder);
            double? humanError = parse.GetValue(human) ?? setup.HumanError;
            if (humanError is double h && !(h >= 0 && h <= 1)) throw new CliException($"--human-error: expected a fraction in [0, 1] (0.01 for 1%) but got {h}");
            var (diagnosis, reason) = RunDiagnosis.Compute(setup, humanError);
            if (diagnosis is null) throw new CliException($"{folder}: {reason}");
            RunDiagnosis.Write(Path.Combine(folder, "diagnosis.json"), diagnosis);
            Console.Write(parse.GetValue(json) ? RunDiagnosis.ToJson(diagnosis) + "\n" : diagnosis.ToString());
            return 0;
        });
        return command;
    }
}
