using System.CommandLine;
using Dendrite.Cli.Specs;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite summary SPEC|ZOO</c>: the layer table with output shapes and parameter counts, of a spec's model (for its
/// data) or of a zoo model at its own input size (<c>dendrite summary resnet50</c>).
/// </summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Spec file, built-in spec name, or zoo model (" + string.Join(", ", ZooKinds.Table.Names) + ")" };
        var command = new Command("summary", "Print the model's layers, output shapes and parameter counts") { spec };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(spec)!;
            if (!File.Exists(name) && !SpecReader.BuiltInNames.Contains(name) && ZooKinds.Table.Names.Contains(name))
            {
                var kind = ZooKinds.Table.Get(name);
                var settings = new SpecSettings(kind);
                var shape = kind.InputShape(settings);
                Console.WriteLine(kind.Build(settings, shape, new Random(0)).Summary([1, .. shape.ToArray()], kind.InputDType));
                return 0;
            }
            var setup = RunFactory.Build(SpecReader.Read(name));
            Console.WriteLine(setup.Model.Summary([setup.BatchSize, .. setup.InputShape.ToArray()], setup.Train.Get([0]).Inputs.DType));
            return 0;
        });
        return command;
    }
}
