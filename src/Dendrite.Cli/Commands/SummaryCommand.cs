using System.CommandLine;
using Dendrite.Cli.Specs;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite summary SPEC</c>: the layer table with output shapes and parameter counts.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Spec file or built-in spec name" };
        var command = new Command("summary", "Print the model's layers, output shapes and parameter counts") { spec };
        command.SetAction(parse =>
        {
            var setup = RunFactory.Build(SpecReader.Read(parse.GetValue(spec)!));
            Console.WriteLine(setup.Model.Summary([setup.BatchSize, .. setup.InputShape.ToArray()]));
            return 0;
        });
        return command;
    }
}
