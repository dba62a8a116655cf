using System.CommandLine;
using System.Globalization;
using System.Text;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Training;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite errors RUN [train|dev|test] [--top N] [--tags FILE]</c>: Course 3's error analysis of a trained classifier.
/// Without --tags: the misclassified examples worst first as RUN/errors-SPLIT.csv with an empty <c>tags</c> column to
/// fill in (and for images, RUN/errors-SPLIT.png: the worst 64 as a grid), the most confused class pairs and the
/// label-noise candidates. With --tags: the ceiling table of the filled-in file.
/// </summary>
internal static class ErrorsCommand
{
    private const string Header = "index,true,predicted,confidence,loss,tags";

    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "Run folder written by `dendrite train`" };
        var split = new Argument<string>("split") { Description = "train, dev or test", DefaultValueFactory = _ => "dev" };
        var top = new Option<int>("--top") { Description = "Rows to write and show (worst first)", DefaultValueFactory = _ => 100 };
        var tags = new Option<string?>("--tags") { Description = "The errors CSV with its tags column filled in (tags separated by ';'): prints the ceiling table" };
        var command = new Command("errors", "Error analysis: misclassified examples, confused classes, label noise, and the ceiling table of tagged errors") { run, split, top, tags };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(run)!;
            var setup = TrainedModel.Open(folder);
            string name = parse.GetValue(split)!;
            int n = parse.GetValue(top);
            if (n < 1) throw new CliException($"--top: expected a positive number of rows but got {n}");
            var dataset = Split(setup, name);
            var (probabilities, labels) = ClassProbabilities.Of(setup, dataset);
            var errors = ErrorAnalysis.Misclassified(probabilities, labels);
            double errorRate = labels.Length == 0 ? 0 : (double)errors.Count / labels.Length;
            string Class(int c) => setup.ClassNames is { } names && c < names.Count ? names[c] : c.ToString(CultureInfo.InvariantCulture);
            if (parse.GetValue(tags) is string tagged)
            {
                Console.Write(CeilingTable(ErrorAnalysis.Ceiling(errorRate, ReadTags(tagged)), errorRate, name));
                return 0;
            }
            string csv = Path.Combine(folder, $"errors-{name}.csv");
            var text = new StringBuilder(Header).Append('\n');
            foreach (var e in errors.Take(n))
                text.Append(string.Create(CultureInfo.InvariantCulture, $"{e.Index},{CsvFields.Quote(Class(e.Label))},{CsvFields.Quote(Class(e.Predicted))},{e.Confidence:G6},{e.Loss:G6},\n"));
            AtomicFile.Write(csv, s => s.Write(Encoding.UTF8.GetBytes(text.ToString())));
            string? grid = null;
            if (errors.Count > 0 && Report.ImageGrid.CanDraw(setup.InputShape))
            {
                grid = Path.Combine(folder, $"errors-{name}.png");
                var png = Report.ImageGrid.Of(dataset, [.. errors.Take(Math.Min(n, 64)).Select(e => e.Index)], setup.InputShape);
                AtomicFile.Write(grid, s => s.Write(png));
            }
            var report = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {errors.Count} of {labels.Length} misclassified ({errorRate:P2}); the worst {Math.Min(n, errors.Count)} in {csv} (fill in the tags column, then --tags)\n"));
            if (grid is not null) report.Append($"the worst {Math.Min(Math.Min(n, 64), errors.Count)} as pictures, worst first, eight to a row: {grid}\n");
            report.Append("most confused (true → predicted):\n");
            foreach (var (label, predicted, count) in ErrorAnalysis.ConfusedPairs(errors).Take(10))
                report.Append(string.Create(CultureInfo.InvariantCulture, $"  {Class(label)} → {Class(predicted)}: {count}\n"));
            report.Append("label-noise candidates (lowest probability of the given label):\n");
            foreach (var (index, label, p) in ErrorAnalysis.LabelNoiseCandidates(probabilities, labels, Math.Min(n, 10)))
                report.Append(string.Create(CultureInfo.InvariantCulture, $"  example {index}: labelled {Class(label)}, p = {p:G4}\n"));
            Console.Write(report.ToString());
            return 0;
        });
        return command;
    }

    private static IDataset Split(RunSetup setup, string name) => name switch
    {
        "train" => setup.Train,
        "dev" => setup.Dev ?? throw new CliException("this run has no dev split (set data.dev in the spec), so error analysis needs train or test"),
        "test" => setup.Test ?? throw new CliException("this run has no test split"),
        _ => throw new CliException($"split: expected train, dev or test but got '{name}'"),
    };

    /// <summary>The tags of each row of a filled-in errors CSV (';'-separated, blank for none).</summary>
    private static List<IReadOnlyList<string>> ReadTags(string path)
    {
        if (!File.Exists(path)) throw new CliException($"--tags: {path}: no such file");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || CsvFields.Split(lines[0], path) is not { } header || !header.Contains("tags"))
            throw new CliException($"--tags: {path}: expected the header {Header} written by `dendrite errors`");
        int column = header.IndexOf("tags");
        var rows = new List<IReadOnlyList<string>>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var fields = CsvFields.Split(lines[i], $"{path}:{i + 1}");
            if (fields.Count != header.Count) throw new CliException($"{path}:{i + 1}: expected {header.Count} fields as in the header but got {fields.Count}");
            rows.Add([.. fields[column].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        }
        return rows;
    }

    private static string CeilingTable(IReadOnlyList<(string Tag, int Count, double Share, double ErrorIfFixed)> rows, double errorRate, string split)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{split} error {errorRate:P2}; tagged errors by category:\n"));
        text.Append($"{"tag",-24}{"errors",8}{"share",10}{"error if fixed",16}\n");
        foreach (var (tag, count, share, fixedError) in rows)
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{tag,-24}{count,8}{share,10:P1}{fixedError,16:P2}\n"));
        if (rows.Count == 0) text.Append("(no tags: fill in the tags column first)\n");
        return text.ToString();
    }
}
