using System.CommandLine;
using Dendrite.Cli;
using Dendrite.Cli.Commands;

IsaDispatch.HandOver(args);
var root = new RootCommand("dendrite: train, evaluate, predict, tune and check deep-learning models from a spec file")
{
    TrainCommand.Create(),
    ResumeCommand.Create(),
    EvalCommand.Create(),
    PredictCommand.Create(),
    SampleCommand.Create(),
    SummaryCommand.Create(),
    GradcheckCommand.Create(),
    TuneCommand.Create(),
    StudyCommand.Create(),
    DiagnoseCommand.Create(),
    ErrorsCommand.Create(),
    CurveCommand.Create(),
    DetectCommand.Create(),
    DatasetsCommand.Create(),
    ExportCommand.Create(),
};
try
{
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
    {
        string help = parsed.CommandResult.Command is RootCommand ? "dendrite --help" : $"dendrite {parsed.CommandResult.Command.Name} --help";
        Console.Error.WriteLine($"error: {UserErrors.ParseErrors(parsed.Errors.Select(e => e.Message))} (see {help})");
        return 2;
    }
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (UserErrors.IsUserError(e))
{
    Console.Error.WriteLine($"error: {e.Message}");
    if (Environment.GetEnvironmentVariable("DENDRITE_DEBUG") == "1") Console.Error.WriteLine(e);
    return e is CliException ? 2 : 1;
}
