using System.CommandLine;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite resume RUN</c> (and <c>dendrite train SPEC --resume RUN</c>): continues an interrupted run folder from its
/// <c>last.safetensors</c> to the spec's last epoch; the finished folder equals one from a run that never stopped.
/// </summary>
/// <remarks>A run that has already finished is left as it is: the command says so and exits 0, as Keras's <c>fit</c>
/// with <c>initial_epoch == epochs</c> trains nothing.</remarks>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "Run folder written by dendrite train (holds spec.json and last.safetensors)" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the final metrics" };
        var command = new Command("resume", "Continue an interrupted training run from its last checkpoint to the end") { run, quiet };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(run)!;
            return Continue(RunResumption.ReadSpec(folder), folder, parse.GetValue(quiet));
        });
        return command;
    }

    /// <summary>Resumes <paramref name="folder"/> with <paramref name="spec"/> (already checked against its spec.json).</summary>
    public static int Continue(RunSpec spec, string folder, bool quiet)
    {
        var setup = RunFactory.Build(spec);
        var (done, finished) = RunResumption.Progress(folder, setup.Epochs);
        if (finished)
        {
            Console.WriteLine($"{folder}: already finished ({done} of {setup.Epochs} epochs); nothing to resume");
            return 0;
        }
        if (!quiet) Console.WriteLine($"resuming {folder} after epoch {done} of {setup.Epochs}");
        var result = TrainingRun.Execute(setup, folder, Console.Out, quiet, resume: true);
        TrainCommand.PrintResult(result, folder);
        return 0;
    }
}
