using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dendrite.Cli.Report;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Data;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite curve SPEC [--sizes 0.1,0.25,0.5,1] [--param PATH=V1,V2,…] [--human-error E] [--parallel N] [--out DIR]</c>:
/// the learning curve — train and dev error of the spec trained on growing, nested subsets of its training set — or,
/// with --param, the validation curve over one hyperparameter; a table, curve.json and curve.svg with the human-level line.
/// </summary>
/// <remarks>
/// Read the learning curve as the course does: train and dev error both high above human level and close together is
/// bias (more data will not help); a wide gap between a low train error and the dev error that narrows as m grows is
/// variance (more data will).
/// </remarks>
internal static class CurveCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "A spec file or built-in spec name; it needs a dev split (data.dev)" };
        var sizes = new Option<string>("--sizes") { Description = "Fractions of the training set, comma-separated", DefaultValueFactory = _ => "0.1,0.25,0.5,1" };
        var parameter = new Option<string?>("--param") { Description = "A validation curve instead: PATH=V1,V2,… (e.g. optimizer.learning_rate=0.001,0.01,0.1)" };
        var human = new Option<double?>("--human-error") { Description = "Human-level error as a fraction, drawn as a line (default: the spec's human_error)" };
        var parallel = new Option<int>("--parallel") { Description = "Trainings at once", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Folder for curve.json and curve.svg (default: NAME-curve)" };
        var command = new Command("curve", "Learning curve (error against training-set size) or validation curve (against one hyperparameter)")
            { spec, sizes, parameter, human, parallel, output };
        command.SetAction(parse =>
        {
            var baseSpec = SpecReader.Read(parse.GetValue(spec)!);
            var baseSetup = RunFactory.Build(baseSpec);
            if (baseSetup.Dev is null) throw new CliException("curve compares training and dev error: give the spec a dev split (data.dev).");
            bool classifier = baseSetup.OutputKind != OutputKind.Regression && baseSetup.OutputKind != OutputKind.SequenceLogits;
            string measure = classifier ? "error" : "loss";
            double? humanError = parse.GetValue(human) ?? baseSpec.HumanError;
            var points = parse.GetValue(parameter) is string p
                ? ValidationPoints(baseSpec, p)
                : SizePoints(baseSpec, ParseSizes(parse.GetValue(sizes)!), baseSetup.Train.Count);
            var results = new (double Train, double Dev)[points.Count];
            int workers = Math.Max(1, parse.GetValue(parallel));
            Parallel.For(0, points.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
            {
                var setup = points[i].Build();
                TrainingRun.Execute(setup, null, TextWriter.Null, quiet: true);
                results[i] = (RunDiagnosis.Measure(setup, setup.Train), RunDiagnosis.Measure(setup, setup.Dev!));
            });

            string xName = parse.GetValue(parameter) is string q ? q[..q.IndexOf('=')] : "training examples m";
            var table = new StringBuilder($"{xName,-28}{"train " + measure,14}{"dev " + measure,14}\n");
            for (int i = 0; i < points.Count; i++)
                table.Append(string.Create(CultureInfo.InvariantCulture, $"{points[i].Label,-28}{results[i].Train,14:G4}{results[i].Dev,14:G4}\n"));
            if (humanError is double h) table.Append(string.Create(CultureInfo.InvariantCulture, $"human-level {measure}: {h:G4}\n"));
            Console.Write(table.ToString());

            string folder = parse.GetValue(output) ?? $"{baseSpec.Name}-curve";
            Directory.CreateDirectory(folder);
            var json = new JsonObject
            {
                ["spec"] = baseSpec.Name, ["x"] = xName, ["measure"] = measure, ["human_error"] = humanError,
                ["points"] = new JsonArray([.. points.Select((pt, i) => (JsonNode)new JsonObject
                    { ["x"] = pt.X, ["label"] = pt.Label, ["train"] = results[i].Train, ["dev"] = results[i].Dev })]),
            };
            AtomicFile.Write(Path.Combine(folder, "curve.json"), s => s.Write(Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }))));
            var series = new List<ChartSeries>
            {
                new("train", [.. points.Select((pt, i) => (pt.X, results[i].Train))], "#1f77b4"),
                new("dev", [.. points.Select((pt, i) => (pt.X, results[i].Dev))], "#d62728"),
            };
            if (humanError is double level) series.Add(new("human-level", [(points.Min(pt => pt.X), level), (points.Max(pt => pt.X), level)], HtmlReport.HumanColour));
            string svg = SvgChart.Render("curve", $"{baseSpec.Name}: {measure} against {xName}", xName, measure, series);
            AtomicFile.Write(Path.Combine(folder, "curve.svg"), s => s.Write(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
                svg.Replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", StringComparison.Ordinal))));
            Console.WriteLine($"curve: {Path.GetFullPath(Path.Combine(folder, "curve.svg"))}");
            return 0;
        });
        return command;
    }

    /// <summary>One training of the curve: its x value, its label and how to build its setup.</summary>
    private sealed record Point(double X, string Label, Func<RunSetup> Build);

    private static double[] ParseSizes(string text)
    {
        var values = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0 && d <= 1 ? d
                : throw new CliException($"--sizes: expected fractions in (0, 1] separated by commas but got '{v}'")).ToArray();
        return values.Length > 0 ? values : throw new CliException("--sizes: expected at least one fraction");
    }

    /// <summary>Nested subsets: the first ⌈f·m⌉ examples of one permutation seeded by the spec's seed.</summary>
    private static List<Point> SizePoints(RunSpec spec, double[] fractions, int m)
    {
        var order = Enumerable.Range(0, m).ToArray();
        new Random(spec.Seed).Shuffle(order);
        return [.. fractions.Order().Select(f =>
        {
            int count = Math.Max(1, (int)Math.Ceiling(f * m));
            return new Point(count, count.ToString(CultureInfo.InvariantCulture), () =>
            {
                var setup = RunFactory.Build(spec);
                return setup with { Train = new Subset(setup.Train, order.AsSpan(0, count)) };
            });
        })];
    }

    /// <summary>The spec with PATH set to each value in turn, on the whole training set.</summary>
    private static List<Point> ValidationPoints(RunSpec spec, string parameter)
    {
        int eq = parameter.IndexOf('=');
        if (eq <= 0) throw new CliException($"--param: expected PATH=V1,V2,… but got '{parameter}'");
        string path = parameter[..eq];
        var values = parameter[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0) throw new CliException($"--param: {path} has no values");
        var baseNode = JsonNode.Parse(SpecWriter.ToJson(spec))!;
        return [.. values.Select((v, i) =>
        {
            object value = double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : v;
            var node = (JsonObject)baseNode.DeepClone();
            SearchParameters.Set(node, path, value);
            var pointSpec = SpecBinder.Bind(node, "curve", spec.Name, null);
            return new Point(value is double x ? x : i, v, () => RunFactory.Build(pointSpec));
        })];
    }
}
