using System.CommandLine;
using System.Globalization;
using System.Text;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Training;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite predict MODEL INPUT</c>: predictions of a trained model as CSV.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Run folder written by `dendrite train` (or a checkpoint in one)" };
        var input = new Argument<string>("input") { Description = "Examples without labels: .csv (one example per row), .npy [m, …] or one .png image; for a translation model, a text file with one source per line" };
        var output = new Option<string?>("--out") { Description = "CSV file to write (default: standard output)" };
        var command = new Command("predict", "Predict with a trained model; writes CSV") { model, input, output };
        command.SetAction(parse =>
        {
            var setup = TrainedModel.Open(parse.GetValue(model)!);
            if (setup.InputVocabulary is not null)
            {
                string translated = Translate(setup, parse.GetValue(input)!);
                if (parse.GetValue(output) is string file) AtomicFile.Write(file, s => s.Write(Encoding.UTF8.GetBytes(translated)));
                else Console.Write(translated);
                return 0;
            }
            if (setup.OutputKind == OutputKind.Detection)
                throw new CliException($"{parse.GetValue(model)}: a detector finds boxes in an image; use `dendrite detect RUN image.png`");
            if (setup.OutputKind == OutputKind.SequenceLogits)
                throw new CliException($"{parse.GetValue(model)}: a language model predicts one character at a time; use `dendrite sample`");
            var x = InputFiles.ReadFeatures(parse.GetValue(input)!, setup);
            var scores = new Trainer(setup.Model, setup.Optimizer, setup.Loss).Predict(x);
            string csv = Format(scores, setup.OutputKind);
            if (parse.GetValue(output) is string path) AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(csv)));
            else Console.Write(csv);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>source,translation</c> CSV for a model whose Int32 inputs have their own vocabulary (the date translator): each
    /// line of the text file lower-cased, commas dropped, symbols outside the vocabulary as &lt;unk&gt;, padded with &lt;pad&gt;.
    /// </summary>
    private static string Translate(RunSetup setup, string path)
    {
        var vocabulary = setup.InputVocabulary!.Select((symbol, i) => (symbol, i)).ToDictionary(p => p.symbol, p => p.i);
        int Symbol(string s) => vocabulary.TryGetValue(s, out int i) ? i
            : throw new CliException($"{path}: the model's source vocabulary has no {s} symbol, so it cannot read free text");
        int steps = setup.InputShape[0], pad = Symbol("<pad>"), unknown = Symbol("<unk>");
        var lines = File.ReadAllLines(File.Exists(path) ? path : throw new CliException($"{path}: no such file")).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length == 0) throw new CliException($"{path}: no lines to translate");
        var x = new int[lines.Length * steps];
        Array.Fill(x, pad);
        for (int n = 0; n < lines.Length; n++)
        {
            string text = lines[n].Trim().ToLowerInvariant().Replace(",", "");
            for (int t = 0; t < Math.Min(text.Length, steps); t++)
                x[n * steps + t] = vocabulary.GetValueOrDefault(text[t].ToString(), unknown);
        }
        var scores = new Trainer(setup.Model, setup.Optimizer, setup.Loss).Predict(Tensor.FromArray(x, [lines.Length, steps]));
        var predicted = scores.ArgMax(-1).ToArray<int>();
        int outputSteps = scores.Shape[1];
        var sb = new StringBuilder("source,translation\n");
        for (int n = 0; n < lines.Length; n++)
        {
            string translation = string.Concat(predicted.Skip(n * outputSteps).Take(outputSteps).Select(i => setup.ClassNames![i]));
            sb.Append('"').Append(lines[n].Trim().Replace("\"", "\"\"")).Append("\",").AppendLine(translation);
        }
        return sb.ToString();
    }

    /// <summary>Binary: label and probability of class 1; multi-class: label and one probability per class; regression: the values.</summary>
    private static string Format(Tensor scores, OutputKind kind)
    {
        var sb = new StringBuilder();
        int m = scores.Shape[0], k = scores.Count / Math.Max(1, m);
        var values = kind switch
        {
            OutputKind.BinaryLogits => scores.Sigmoid().ToArray<double>(),
            OutputKind.MulticlassLogits => scores.Softmax().ToArray<double>(),
            _ => scores.ToArray<double>(),
        };
        string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        if (kind == OutputKind.Regression)
        {
            sb.AppendLine(k == 1 ? "prediction" : string.Join(',', Enumerable.Range(0, k).Select(j => $"prediction{j}")));
            for (int i = 0; i < m; i++) sb.AppendLine(string.Join(',', values.Skip(i * k).Take(k).Select(F)));
        }
        else if (kind == OutputKind.MulticlassLogits)
        {
            sb.AppendLine("label," + string.Join(',', Enumerable.Range(0, k).Select(j => $"p{j}")));
            for (int i = 0; i < m; i++)
            {
                var row = values.AsSpan(i * k, k);
                int best = 0;
                for (int j = 1; j < k; j++) if (row[j] > row[best]) best = j;
                sb.Append(best).Append(',').AppendLine(string.Join(',', row.ToArray().Select(F)));
            }
        }
        else
        {
            sb.AppendLine("label,probability");
            for (int i = 0; i < m; i++) sb.Append(values[i] > 0.5 ? 1 : 0).Append(',').AppendLine(F(values[i]));
        }
        return sb.ToString();
    }
}
