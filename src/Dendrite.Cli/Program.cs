using System.CommandLine;
using Dendrite.Cli.Commands;

var root = new RootCommand("dendrite: train and check deep-learning models from the command line") { TrainCommand.Create() };
try
{
    return root.Parse(args).Invoke();
}
catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
