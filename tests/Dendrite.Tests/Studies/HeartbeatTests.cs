using System.Diagnostics;
using Dendrite.Studies;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Studies;

/// <summary>A worker killed with SIGKILL mid-trial: its trial fails after the grace period, its configuration runs again, the study completes.</summary>
public sealed class HeartbeatTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_killed_workers_trial_is_failed_after_the_grace_period_and_retried_once()
    {
        string spec = StudyRuns.Spec(_dir, epochs: 1500);   // a trial long enough to be killed in the middle
        string storage = $"sqlite:///{_dir.Path}/k.db";
        string[] args = [.. StudyRuns.Search(spec, trialsPerRound: 3, rounds: 1), "--study", "k", "--storage", storage, "--heartbeat", "0.3", "--grace", "2"];
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[CliRunner.Dll, .. args, "--out", "victim.json"]) start.ArgumentList.Add(a);
        using (var victim = Process.Start(start)!)
        {
            var study = WaitForStudy(storage);
            var clock = Stopwatch.StartNew();
            while (!study.Trials().Any(t => t.State == TrialState.Running && t.Intermediate.Count >= 2))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2) && !victim.HasExited, "the first worker never got two epochs into a trial");
                Thread.Sleep(50);
            }
            victim.Kill();   // SIGKILL: no chance to mark the trial finished
            victim.WaitForExit();
        }
        var killed = Study.Load(StudyStorage.Open(storage), "k").Trials().Single(t => t.State == TrialState.Running);

        var rescuer = CliRunner.Run(_dir.Path, null, [.. args, "--out", "rescuer.json"]);
        Assert.True(rescuer.ExitCode == 0, rescuer.ToString());
        var trials = Study.Load(StudyStorage.Open(storage), "k").Trials();
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
        Assert.Equal(TrialState.Fail, trials.Single(t => t.Number == killed.Number).State);
        var retry = Assert.Single(trials, t => t.RetryOf == killed.Number);
        Assert.Equal((TrialState.Complete, killed.Config), (retry.State, retry.Config));
        Assert.Equal(killed.Params, retry.Params);                                              // the same configuration again
        Assert.Equal([0, 1, 2], trials.Where(t => t.State == TrialState.Complete).Select(t => t.Config).Order());
        Assert.Equal(4, trials.Count);
    }

    [Fact]
    public void A_trial_failed_for_a_stale_heartbeat_stays_failed_when_its_worker_finishes_late()
    {
        var study = Study.CreateOrJoin(StudyStorage.Open($"sqlite:///{_dir.Path}/late.db"), "late", maximize: true);
        var (slow, _) = study.Claim(budget: 2, trialsPerRound: 2, grace: TimeSpan.FromHours(1));
        Thread.Sleep(50);
        // The next claim finds trial 0's heartbeat 50 ms old, past a 1 ms grace: fails it, queues configuration 0 as
        // trial 1 and, that being the oldest waiting trial, takes it.
        var (retry, done) = study.Claim(budget: 2, trialsPerRound: 2, grace: TimeSpan.FromMilliseconds(1));
        Assert.False(done);
        Assert.Equal((1, 0, (int?)0), (retry!.Number, retry.Config, retry.RetryOf));
        study.Finish(slow!.TrialId, TrialState.Complete, 0.9, null);                 // the "dead" worker was only slow
        var trials = study.Trials();
        Assert.Equal((TrialState.Fail, (double?)null), (trials[0].State, trials[0].Value));
        Assert.Equal((TrialState.Running, 0, (int?)0), (trials[1].State, trials[1].Config, trials[1].RetryOf));
    }

    private static Study WaitForStudy(string storage)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try { return Study.Load(StudyStorage.Open(storage), "k"); }
            catch (KeyNotFoundException) when (clock.Elapsed < TimeSpan.FromMinutes(1)) { Thread.Sleep(50); }
        }
    }
}
