using System.CommandLine;
using Dendrite.Autograd;
using Dendrite.Cli.Specs;
using Dendrite.NN;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite gradcheck SPEC</c>: the course's gradient check of the spec's model in float64 on a small batch.</summary>
internal static class GradcheckCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Spec file or built-in spec name" };
        var examples = new Option<int>("--examples") { Description = "Examples in the batch", DefaultValueFactory = _ => 8 };
        var command = new Command("gradcheck", "Compare backprop with central differences (float64, threshold 2e-7); exit 1 on failure") { spec, examples };
        command.SetAction(parse =>
        {
            if (parse.GetValue(examples) < 2) throw new CliException($"--examples: expected at least 2 but got {parse.GetValue(examples)}");
            var setup = RunFactory.Build(SpecReader.Read(parse.GetValue(spec)!) with { DType = "float64" });
            int n = Math.Min(parse.GetValue(examples), setup.Train.Count);
            var (x, y) = setup.Train.Get([.. Enumerable.Range(0, n)]);
            // Train mode (batch statistics) but no dropout: the cost must be the same function at every evaluation.
            setup.Model.Train();
            foreach (var dropout in Descendants(setup.Model).OfType<Dropout>()) dropout.Eval();
            Tensor Cost()
            {
                var cost = setup.Loss(setup.Model.Forward(x), y);
                return setup.Regularizer is null ? cost : cost + setup.Regularizer.Penalty(setup.Model, n);
            }
            long total = setup.Model.ParameterCount;
            if (total > 20_000)
                Console.WriteLine($"note: {total:N0} parameters take {2 * total:N0} forward passes; use a smaller model for a quick check.");
            var result = GradCheck.Run(Cost, setup.Model.NamedParameters());
            Console.WriteLine(result);
            return result.Passed ? 0 : 1;
        });
        return command;
    }

    private static IEnumerable<Module> Descendants(Module module)
    {
        yield return module;
        foreach (var (_, child) in module.Children)
            foreach (var m in Descendants(child)) yield return m;
    }
}
