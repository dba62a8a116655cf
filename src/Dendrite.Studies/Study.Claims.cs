using System.Data.Common;
using System.Globalization;

namespace Dendrite.Studies;

public sealed partial class Study
{
    private const string NextConfigKey = "dendrite:next_config";
    private const string ConfigKey = "dendrite:config";
    private const string RetryKey = "failed_trial";   // the key Optuna's RetryFailedTrialCallback uses

    /// <summary>
    /// Claims the next trial atomically, in one exclusive transaction: first fails the running trials whose heartbeat
    /// is older than <paramref name="grace"/> (re-queueing each configuration once), then takes the oldest waiting
    /// trial, else a new configuration k = the study's next, numbered by the count of the study's trials.
    /// </summary>
    /// <param name="budget">Configurations in the whole search (trials per round × rounds).</param>
    /// <param name="trialsPerRound">A configuration of round r = k / trialsPerRound is handed out only once every
    /// configuration of the earlier rounds has finished, since its space is narrowed from their results.</param>
    /// <param name="grace">How old a running trial's heartbeat may be before its worker counts as dead.</param>
    /// <returns>The claim, or null with <c>done</c> true when nothing is left to run or wait for.</returns>
    internal (TrialClaim? Claim, bool Done) Claim(int budget, int trialsPerRound, TimeSpan grace)
    {
        using var c = Storage.Connect();
        using var t = Storage.BeginExclusive(c, Id);
        FailStale(c, t, grace);
        var waiting = c.Query(t, "SELECT trial_id, number FROM trials WHERE study_id = @s AND state = 'WAITING' ORDER BY number LIMIT 1",
            r => (Id: Int(r.GetValue(0)), Number: Int(r.GetValue(1))), ("@s", Id));
        if (waiting.Count == 1)
        {
            var (trialId, number) = waiting[0];
            c.Exec(t, "UPDATE trials SET state = 'RUNNING', datetime_start = @d WHERE trial_id = @t", ("@d", Storage.Time(Now)), ("@t", trialId));
            c.Exec(t, "INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (@t, @h)", ("@t", trialId), ("@h", Storage.Time(Now)));
            int config = Int(c.Scalar(t, $"SELECT value_json FROM trial_system_attributes WHERE trial_id = @t AND \"key\" = '{ConfigKey}'", ("@t", trialId)));
            int retryOf = Int(c.Scalar(t, $"SELECT value_json FROM trial_system_attributes WHERE trial_id = @t AND \"key\" = '{RetryKey}'", ("@t", trialId)));
            t.Commit();
            return (new TrialClaim(trialId, number, config, retryOf >= 0 ? retryOf : null), false);
        }
        int next = c.Scalar(t, $"SELECT value_json FROM study_system_attributes WHERE study_id = @s AND \"key\" = '{NextConfigKey}'", ("@s", Id)) is { } v ? Int(v) : 0;
        if (next >= budget || (next >= trialsPerRound && Unfinished(c, t, next / trialsPerRound * trialsPerRound) > 0))
        {
            bool done = next >= budget && Convert.ToInt32(c.Scalar(t, "SELECT COUNT(*) FROM trials WHERE study_id = @s AND state = 'RUNNING'", ("@s", Id)), CultureInfo.InvariantCulture) == 0;
            t.Commit();
            return (null, done);
        }
        c.Exec(t, next == 0
            ? $"INSERT INTO study_system_attributes (study_id, \"key\", value_json) VALUES (@s, '{NextConfigKey}', @v)"
            : $"UPDATE study_system_attributes SET value_json = @v WHERE study_id = @s AND \"key\" = '{NextConfigKey}'",
            ("@s", Id), ("@v", (next + 1).ToString(CultureInfo.InvariantCulture)));
        var (id, n) = InsertTrial(c, t, TrialState.Running, next, retryOf: null);
        c.Exec(t, "INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (@t, @h)", ("@t", id), ("@h", Storage.Time(Now)));
        t.Commit();
        return (new TrialClaim(id, n, next, null), false);
    }

    /// <summary>Running or waiting trials whose configuration is below <paramref name="limit"/>.</summary>
    private int Unfinished(DbConnection c, DbTransaction t, int limit) => Convert.ToInt32(c.Scalar(t,
        "SELECT COUNT(*) FROM trials r JOIN trial_system_attributes a ON a.trial_id = r.trial_id AND a.\"key\" = @k " +
        "WHERE r.study_id = @s AND r.state IN ('RUNNING', 'WAITING') AND CAST(a.value_json AS INTEGER) < @l",
        ("@k", ConfigKey), ("@s", Id), ("@l", limit)), CultureInfo.InvariantCulture);

    /// <summary>Marks dead workers' trials failed and queues each configuration once more (not a retry's).</summary>
    private void FailStale(DbConnection c, DbTransaction t, TimeSpan grace)
    {
        var stale = c.Query(t,
            "SELECT r.trial_id, r.number FROM trials r JOIN trial_heartbeats h ON h.trial_id = r.trial_id " +
            "WHERE r.study_id = @s AND r.state = 'RUNNING' AND h.heartbeat < @cutoff",
            r => (Id: Int(r.GetValue(0)), Number: Int(r.GetValue(1))), ("@s", Id), ("@cutoff", Storage.Time(Now - grace)));
        foreach (var (trialId, number) in stale)
        {
            c.Exec(t, "UPDATE trials SET state = 'FAIL', datetime_complete = @d WHERE trial_id = @t", ("@d", Storage.Time(Now)), ("@t", trialId));
            bool isRetry = c.Scalar(t, $"SELECT value_json FROM trial_system_attributes WHERE trial_id = @t AND \"key\" = '{RetryKey}'", ("@t", trialId)) is not null;
            if (isRetry) continue;
            int config = Int(c.Scalar(t, $"SELECT value_json FROM trial_system_attributes WHERE trial_id = @t AND \"key\" = '{ConfigKey}'", ("@t", trialId)));
            InsertTrial(c, t, TrialState.Waiting, config, retryOf: number);
        }
    }

    /// <summary>Inserts a trial numbered by the count of the study's trials (unique and gap-free under the exclusive lock).</summary>
    private (int Id, int Number) InsertTrial(DbConnection c, DbTransaction t, TrialState state, int config, int? retryOf)
    {
        var row = c.Query(t,
            $"INSERT INTO trials (number, study_id, state, datetime_start) VALUES ((SELECT COUNT(*) FROM trials WHERE study_id = @s), @s, '{State(state)}', @d) " +
            "RETURNING trial_id, number",
            r => (Id: Int(r.GetValue(0)), Number: Int(r.GetValue(1))), ("@s", Id), ("@d", state == TrialState.Running ? Storage.Time(Now) : null))[0];
        SetSystemAttribute(c, t, row.Id, ConfigKey, config);
        if (retryOf is int r) SetSystemAttribute(c, t, row.Id, RetryKey, r);
        return row;
    }

    private static void SetSystemAttribute(DbConnection c, DbTransaction t, int trialId, string key, int value) =>
        c.Exec(t, "INSERT INTO trial_system_attributes (trial_id, \"key\", value_json) VALUES (@t, @k, @v)",
            ("@t", trialId), ("@k", key), ("@v", value.ToString(CultureInfo.InvariantCulture)));

    private static int Int(object? value) => value switch
    {
        null => -1,
        string s => int.Parse(s, CultureInfo.InvariantCulture),
        _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
    };
}
