using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Studies;
using Dendrite.Training;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite tune SPEC --study NAME --storage URL</c>: this process becomes one worker of a search that any number
/// of processes share through a SQLite file or a PostgreSQL database in Optuna's schema.
/// </summary>
internal static class StudyTune
{
    /// <summary>The options tune gains for shared studies.</summary>
    internal sealed class Options
    {
        public Option<string?> Study { get; } = new("--study") { Description = "Join (or create) the shared study NAME; workers in other processes run the same search" };
        public Option<string> Storage { get; } = new("--storage") { Description = "sqlite:///FILE or postgresql://USER@HOST[:PORT]/DB", DefaultValueFactory = _ => "sqlite:///study.db" };
        public Option<string> Pruner { get; } = new("--pruner") { Description = "none, median or asha: stop bad trials early on their per-epoch dev metric", DefaultValueFactory = _ => "none" };
        public Option<double> Heartbeat { get; } = new("--heartbeat") { Description = "Seconds between a running trial's heartbeats", DefaultValueFactory = _ => 5 };
        public Option<double> Grace { get; } = new("--grace") { Description = "Seconds without a heartbeat before a trial counts as dead (failed, re-queued once)", DefaultValueFactory = _ => 60 };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Study, Storage, Pruner, Heartbeat, Grace }) command.Options.Add(option);
        }

        /// <summary>Whether --study was given; an error when a study option comes without it (it would be ignored) or --pruner names no pruner.</summary>
        public bool Requested(ParseResult parse)
        {
            StudyTune.Pruner(parse.GetValue(Pruner)!);
            if (parse.GetValue(Study) is not null) return true;
            foreach (var option in new Option[] { Storage, Pruner, Heartbeat, Grace })
                if (parse.GetResult(option) is { Implicit: false })
                    throw new CliException($"{option.Name}: only used with --study NAME (a search shared through a storage)");
            return false;
        }
    }

    public static int Run(ParseResult parse, Options options, TuneObjective objective, SearchSpace space, IReadOnlyList<string> parameters,
        int seed, int trialsPerRound, int rounds, int parallel, string bestPath)
    {
        var storage = StudyStorage.Open(parse.GetValue(options.Storage)!);
        var settings = new Dictionary<string, string>
        {
            ["dendrite:spec"] = JsonValue.Create(objective.BaseJson).ToJsonString(),
            ["dendrite:space"] = JsonValue.Create(space.ToString().ReplaceLineEndings("; ")).ToJsonString(),
            ["dendrite:seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["dendrite:trials_per_round"] = trialsPerRound.ToString(CultureInfo.InvariantCulture),
            ["dendrite:rounds"] = rounds.ToString(CultureInfo.InvariantCulture),
            ["dendrite:metric"] = JsonValue.Create("dev_" + objective.Metric).ToJsonString(),
        };
        var study = Study.CreateOrJoin(storage, parse.GetValue(options.Study)!, objective.Maximize, settings);
        var pruner = Pruner(parse.GetValue(options.Pruner)!);
        var studyOptions = new StudyOptions(seed, trialsPerRound, rounds, KeepBest: 3, Pruner: pruner,
            Heartbeat: TimeSpan.FromSeconds(parse.GetValue(options.Heartbeat)), Grace: TimeSpan.FromSeconds(parse.GetValue(options.Grace)));
        string monitor = "dev_" + objective.Metric;
        TrialOutcome Objective(Trial trial, TrialReporter reporter) => objective.Run(trial, [new ReportingCallback(reporter, monitor)]);
        var log = TextWriter.Synchronized(Console.Out);
        var workers = Enumerable.Range(0, parallel).Select(_ => new Thread(() => new StudyWorker(study, space, Objective, studyOptions) { Log = log }.Run())
            { IsBackground = true, Name = "study worker" }).ToArray();
        foreach (var w in workers) w.Start();
        foreach (var w in workers) w.Join();

        var trials = study.Trials();
        Console.WriteLine(StudyReport.Leaderboard(trials, study.Maximize, monitor, 15));
        var ranked = StudyRanking.Ranked(trials, study.Maximize);
        if (ranked.Count == 0) throw new CliException($"study '{study.Name}' in {storage} has no complete trial.");
        var best = ranked[0];
        SpecWriter.WriteJson(objective.SpecFor(best.Params, best.Seed ?? 0) with { Name = objective.Setup.Spec.Name + "-best" }, bestPath);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best {monitor} {best.Value:G6}: trial {best.Number}, {StudyReport.Format(best.Params)}"));
        Console.WriteLine($"best spec: {Path.GetFullPath(bestPath)}");
        return 0;
    }

    private static IPruner? Pruner(string name) => name switch
    {
        "none" => null,
        "median" => new MedianPruner(startupTrials: 5, warmupSteps: 1),
        "asha" => new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3),
        _ => throw new CliException($"--pruner {name}: expected none, median or asha."),
    };

    /// <summary>Reports the monitored dev metric after each epoch and stops training when the pruner says so.</summary>
    private sealed class ReportingCallback(TrialReporter reporter, string monitor) : ICallback
    {
        public void OnEpochEnd(TrainingContext context, EpochLog log)
        {
            if (log.TryGet(monitor, out double value) && reporter.Report(reporter.History.Count, value)) context.StopTraining = true;
        }
    }
}
