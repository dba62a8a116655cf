using System.CommandLine;
using System.Text;
using Dendrite.Autograd;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Text;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite sample RUN [--length N] [--temperature T] [--prime TEXT] [--seed S]</c>: text from a trained character-level
/// language model, one character at a time from softmax(logits / T) at the last step of the last seq_length characters.
/// </summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "Run folder of a model trained on a text data set" };
        var length = new Option<int>("--length") { Description = "Characters to generate", DefaultValueFactory = _ => 200 };
        var temperature = new Option<double>("--temperature") { Description = "Softmax temperature (0: greedy; below 1 sharper, above 1 flatter)", DefaultValueFactory = _ => 1.0 };
        var prime = new Option<string?>("--prime") { Description = "Text to start from (default: one character drawn from the vocabulary)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the draws", DefaultValueFactory = _ => 0 };
        var command = new Command("sample", "Generate text with a trained character-level language model") { run, length, temperature, prime, seed };
        command.SetAction(parse =>
        {
            var setup = TrainedModel.Open(parse.GetValue(run)!);
            if (setup.OutputKind != OutputKind.SequenceLogits || setup.ClassNames is null || setup.InputVocabulary is not null)
                throw new CliException($"{parse.GetValue(run)}: sample needs a model trained on a text data set (data.dataset: text)");
            int n = parse.GetValue(length);
            if (n < 0) throw new CliException($"--length: expected a non-negative number of characters but got {n}");
            double t = parse.GetValue(temperature);
            if (!(t >= 0)) throw new CliException($"--temperature: expected a non-negative number but got {t}");
            Console.WriteLine(Generate(setup, parse.GetValue(prime), n, t, new Random(parse.GetValue(seed))));
            return 0;
        });
        return command;
    }

    /// <summary>The prime followed by <paramref name="length"/> sampled characters.</summary>
    internal static string Generate(RunSetup setup, string? prime, int length, double temperature, Random random)
    {
        var vocabulary = setup.ClassNames!;
        var index = vocabulary.Select((c, i) => (c, i)).ToDictionary(p => p.c[0], p => p.i);
        int window = setup.InputShape[0];
        var tokens = new List<int>();
        if (string.IsNullOrEmpty(prime)) tokens.Add(random.Next(vocabulary.Count));
        else
            foreach (char c in prime)
                tokens.Add(index.TryGetValue(c, out int i) ? i
                    : throw new CliException($"--prime: '{c}' is not in the model's vocabulary of {vocabulary.Count} characters"));
        var text = new StringBuilder(string.Concat(tokens.Select(i => vocabulary[i])));
        setup.Model.Eval();
        using var _ = GradMode.NoGrad();
        for (int step = 0; step < length; step++)
        {
            var context = tokens.Skip(Math.Max(0, tokens.Count - window)).ToArray();
            var logits = setup.Model.Forward(Tensor.FromArray(context, [1, context.Length]));
            int classes = logits.Shape[2];
            var last = logits.Narrow(1, context.Length - 1, 1).Reshape(classes).To(DType.Float64).ToArray<double>();
            int next = Sampling.WithTemperature(last, temperature, random);
            tokens.Add(next);
            text.Append(vocabulary[next]);
        }
        return text.ToString();
    }
}
