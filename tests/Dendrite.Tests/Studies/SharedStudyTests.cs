using Dendrite.Studies;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dendrite.Tests.Studies;

/// <summary>Four <c>dendrite tune --study</c> processes sharing one SQLite study: the search a single process runs, in Optuna's schema.</summary>
public sealed class SharedStudyTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Four_worker_processes_share_one_sqlite_study_and_find_what_one_process_finds()
    {
        string spec = StudyRuns.Spec(_dir);
        var search = StudyRuns.Search(spec, trialsPerRound: 25, rounds: 2);
        var workers = StudyRuns.Workers(_dir, 4, search, "shared", "sqlite:///shared.db");
        Assert.All(workers, w => Assert.True(w.ExitCode == 0, w.ToString()));
        var shared = StudyRuns.AssertComplete($"sqlite:///{_dir.Path}/shared.db", "shared", budget: 50);
        Assert.Equal(50, shared.Count);

        // Independently of the library's reader: the raw rows, numbers unique and gap-free.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, "shared.db")}"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT number), MIN(number), MAX(number) FROM trials";
            using var r = command.ExecuteReader();
            Assert.True(r.Read());
            Assert.Equal((50L, 50L, 0L, 49L), (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
        }

        var single = StudyRuns.Workers(_dir, 1, search, "single", "sqlite:///single.db")[0];
        Assert.True(single.ExitCode == 0, single.ToString());
        var alone = StudyRuns.AssertComplete($"sqlite:///{_dir.Path}/single.db", "single", budget: 50);
        // The same configurations scored the same, whichever worker ran them: values by configuration agree exactly.
        Assert.Equal(alone.OrderBy(t => t.Config).Select(t => (t.Config, t.Value)), shared.OrderBy(t => t.Config).Select(t => (t.Config, t.Value)));
        Assert.Equal(StudyRuns.BestValue(single), StudyRuns.BestValue(workers[0]));

        // And the in-process RandomSearch (no study) samples the same configurations: the same best value.
        var inProcess = CliRunner.Run(_dir.Path, null, [.. search, "--out", "best-inprocess.json"]);
        Assert.True(inProcess.ExitCode == 0, inProcess.ToString());
        Assert.Equal(StudyRuns.BestValue(inProcess), StudyRuns.BestValue(single));
    }

    [OptunaFact]
    public void Optuna_reads_the_study_dendrite_wrote()
    {
        string spec = StudyRuns.Spec(_dir);
        var workers = StudyRuns.Workers(_dir, 2, StudyRuns.Search(spec, trialsPerRound: 6, rounds: 2), "read", "sqlite:///read.db");
        Assert.All(workers, w => Assert.True(w.ExitCode == 0, w.ToString()));
        var study = Study.Load(StudyStorage.Open($"sqlite:///{_dir.Path}/read.db"), "read");
        var best = StudyRanking.Ranked(study.Trials(), study.Maximize)[0];
        string printed = OptunaFactAttribute.RunPython("""
            import json, optuna
            optuna.logging.set_verbosity(optuna.logging.WARNING)
            s = optuna.load_study(study_name="read", storage="sqlite:///read.db")
            print(json.dumps({"n": len(s.trials), "direction": s.direction.name, "value": s.best_value, "params": s.best_params,
                              "number": s.best_trial.number, "steps": len(s.best_trial.intermediate_values)}))
            """, _dir.Path);
        var o = System.Text.Json.JsonDocument.Parse(printed).RootElement;
        Assert.Equal(12, o.GetProperty("n").GetInt32());
        Assert.Equal("MINIMIZE", o.GetProperty("direction").GetString());
        Assert.Equal(best.Value!.Value, o.GetProperty("value").GetDouble());
        Assert.Equal(best.Number, o.GetProperty("number").GetInt32());
        Assert.Equal(4, o.GetProperty("steps").GetInt32());
        var p = o.GetProperty("params");
        Assert.Equal((double)best.Params["optimizer.learning_rate"], p.GetProperty("optimizer.learning_rate").GetDouble());
        Assert.Equal((int)best.Params["model.layers[0].units"], p.GetProperty("model.layers[0].units").GetInt32());
        Assert.Equal((string)best.Params["optimizer.name"], p.GetProperty("optimizer.name").GetString());
    }

    [Fact]
    public void Study_command_prints_the_leaderboard_writes_the_best_spec_and_an_svg_report()
    {
        string spec = StudyRuns.Spec(_dir);
        var workers = StudyRuns.Workers(_dir, 2, StudyRuns.Search(spec, trialsPerRound: 6, rounds: 1), "show", "sqlite:///show.db");
        Assert.All(workers, w => Assert.True(w.ExitCode == 0, w.ToString()));
        var study = Study.Load(StudyStorage.Open($"sqlite:///{_dir.Path}/show.db"), "show");
        var ranked = StudyRanking.Ranked(study.Trials(), study.Maximize);

        var shown = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "study", "show", "--storage", "sqlite:///show.db", "--out", "best.json", "--report", "show.svg");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("6 trials: 6 complete", shown.Output);
        var rows = shown.Output.Split('\n').Where(l => l.TrimStart().Length > 0 && char.IsDigit(l.TrimStart()[0]) && !l.Contains("trials:", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(ranked.Select(t => t.Number), rows.Select(r => int.Parse(r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture)));

        var best = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "best.json"))).RootElement;
        Assert.Equal((double)ranked[0].Params["optimizer.learning_rate"], best.GetProperty("optimizer").GetProperty("learning_rate").GetDouble());
        Assert.Equal((string)ranked[0].Params["optimizer.name"], best.GetProperty("optimizer").GetProperty("name").GetString());
        Assert.Equal((int)ranked[0].Params["model.layers[0].units"], best.GetProperty("model").GetProperty("layers")[0].GetProperty("units").GetInt32());
        Assert.Equal(ranked[0].Seed, best.GetProperty("seed").GetInt32());

        // Retraining the best spec gives the study's best value: the spec is the trial, seed included.
        var retrain = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "train", "best.json", "--out", "retrain", "--quiet");
        Assert.True(retrain.ExitCode == 0, retrain.ToString());
        var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "retrain", "metrics.json"))).RootElement;
        Assert.Equal(ranked[0].Value!.Value, metrics.GetProperty("dev").GetProperty("loss").GetDouble(), 6);

        var svg = System.Xml.Linq.XDocument.Load(Path.Combine(_dir.Path, "show.svg"));
        var circles = svg.Descendants().Where(e => e.Name.LocalName == "circle").ToList();
        Assert.Equal(3 * 6, circles.Count);                                               // one panel per parameter, one dot per trial
        Assert.Equal(3, circles.Count(c => (string?)c.Attribute("fill") == "#d62728"));   // the best trial, red in each panel
    }
}
