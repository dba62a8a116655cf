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
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (UserErrors.IsUserError(e))
{
    Console.Error.WriteLine($"error: {e.Message}");
    if (Environment.GetEnvironmentVariable("DENDRITE_DEBUG") == "1") Console.Error.WriteLine(e);
    return e is CliException ? 2 : 1;
}
