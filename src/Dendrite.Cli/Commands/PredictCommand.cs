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
        var input = new Argument<string>("input") { Description = "Examples without labels: .csv (one example per row) or .npy [m, …]" };
        var output = new Option<string?>("--out") { Description = "CSV file to write (default: standard output)" };
        var command = new Command("predict", "Predict with a trained model; writes CSV") { model, input, output };
        command.SetAction(parse =>
        {
            var setup = TrainedModel.Open(parse.GetValue(model)!);
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
