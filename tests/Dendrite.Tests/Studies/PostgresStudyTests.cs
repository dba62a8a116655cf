using Dendrite.Studies;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Studies;

/// <summary>The same shared study on a real PostgreSQL 15 server (<see cref="PostgresCluster"/>), through Npgsql.</summary>
public sealed class PostgresStudyTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [PostgresFact]
    public void Four_worker_processes_share_one_postgres_study_and_find_what_one_sqlite_process_finds()
    {
        string url = PostgresCluster.NewDatabase();
        string spec = StudyRuns.Spec(_dir);
        var search = StudyRuns.Search(spec, trialsPerRound: 25, rounds: 2);
        var workers = StudyRuns.Workers(_dir, 4, search, "pg", url);
        Assert.All(workers, w => Assert.True(w.ExitCode == 0, w.ToString()));
        var shared = StudyRuns.AssertComplete(url, "pg", budget: 50);
        Assert.Equal(50, shared.Count);

        var single = StudyRuns.Workers(_dir, 1, search, "single", "sqlite:///single.db")[0];
        Assert.True(single.ExitCode == 0, single.ToString());
        var alone = StudyRuns.AssertComplete($"sqlite:///{_dir.Path}/single.db", "single", budget: 50);
        Assert.Equal(alone.OrderBy(t => t.Config).Select(t => (t.Config, t.Value)), shared.OrderBy(t => t.Config).Select(t => (t.Config, t.Value)));
        Assert.Equal(StudyRuns.BestValue(single), StudyRuns.BestValue(workers[0]));
    }

    [OptunaPostgresFact]
    public void Optuna_reads_a_study_dendrite_wrote_to_postgres()
    {
        string url = PostgresCluster.NewDatabase();
        var search = StudyRuns.Search(StudyRuns.Spec(_dir), trialsPerRound: 6, rounds: 1);
        var worker = StudyRuns.Workers(_dir, 1, search, "pg", url)[0];
        Assert.True(worker.ExitCode == 0, worker.ToString());
        var study = Study.Load(StudyStorage.Open(url), "pg");
        var best = StudyRanking.Ranked(study.Trials(), study.Maximize)[0];
        string printed = OptunaFactAttribute.RunPython($"""
            import optuna
            optuna.logging.set_verbosity(optuna.logging.WARNING)
            s = optuna.load_study(study_name="pg", storage="{url}")
            print(len(s.trials), s.best_trial.number, repr(s.best_value))
            """, _dir.Path);
        Assert.Equal($"6 {best.Number} {best.Value!.Value:R}", printed.Trim());
    }
}
