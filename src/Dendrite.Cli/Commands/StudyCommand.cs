using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Studies;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite study NAME --storage URL</c>: a shared study's leaderboard, its best spec, and a report page (SVG).</summary>
internal static class StudyCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The study's name" };
        var storage = new Option<string>("--storage") { Description = "sqlite:///FILE or postgresql://USER@HOST[:PORT]/DB", DefaultValueFactory = _ => "sqlite:///study.db" };
        var top = new Option<int>("--top") { Description = "Rows of the leaderboard", DefaultValueFactory = _ => 15 };
        var output = new Option<string?>("--out") { Description = "Where to write the best spec (default: NAME-best.json)" };
        var report = new Option<string?>("--report") { Description = "Where to write the report page (default: NAME-report.svg)" };
        var command = new Command("study", "Show a shared study (dendrite tune --study): leaderboard, best spec, parameter-vs-objective report")
            { name, storage, top, output, report };
        command.SetAction(parse =>
        {
            string url = parse.GetValue(storage)!;
            if (url.StartsWith("sqlite:///", StringComparison.Ordinal) && !File.Exists(url["sqlite:///".Length..]))
                throw new CliException($"--storage {url}: the file {Path.GetFullPath(url["sqlite:///".Length..])} does not exist (no study has been run there)");
            var study = Study.Load(StudyStorage.Open(url), parse.GetValue(name)!);
            var trials = study.Trials();
            string metric = study.Setting("dendrite:metric") is string m ? JsonNode.Parse(m)!.GetValue<string>() : "value";
            Console.WriteLine(StudyReport.Leaderboard(trials, study.Maximize, metric, Math.Max(1, parse.GetValue(top))));
            string reportPath = parse.GetValue(report) ?? $"{study.Name}-report.svg";
            File.WriteAllText(reportPath, StudyReport.Svg(trials, study.Maximize, metric, study.Name));
            Console.WriteLine($"report: {Path.GetFullPath(reportPath)}");
            var ranked = StudyRanking.Ranked(trials, study.Maximize);
            if (ranked.Count == 0) return 0;
            var best = ranked[0];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best {metric} {best.Value:G6}: trial {best.Number}, {StudyReport.Format(best.Params)}"));
            if (study.Setting("dendrite:spec") is not string specJson) return 0;
            string tmp = Path.Combine(Path.GetTempPath(), $"dendrite-study-{Environment.ProcessId}.json");
            File.WriteAllText(tmp, JsonNode.Parse(specJson)!.GetValue<string>());
            try
            {
                var objective = new TuneObjective(SpecReader.Read(tmp));
                string path = parse.GetValue(output) ?? $"{study.Name}-best.json";
                SpecWriter.WriteJson(objective.SpecFor(best.Params, best.Seed ?? 0) with { Name = objective.Setup.Spec.Name + "-best" }, path);
                Console.WriteLine($"best spec: {Path.GetFullPath(path)}");
            }
            finally { File.Delete(tmp); }
            return 0;
        });
        return command;
    }
}
