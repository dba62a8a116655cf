using System.Globalization;

namespace Dendrite.Studies;

/// <summary>
/// One named study in a <see cref="StudyStorage"/>: its direction, its settings (study system attributes) and its
/// trials. Workers in any number of processes share it; every write is one short transaction.
/// </summary>
public sealed partial class Study
{
    private Study(StudyStorage storage, int id, string name, bool maximize)
    {
        Storage = storage;
        Id = id;
        Name = name;
        Maximize = maximize;
    }

    /// <summary>The storage holding the study.</summary>
    public StudyStorage Storage { get; }

    /// <summary><c>studies.study_id</c>.</summary>
    public int Id { get; }

    /// <summary><c>studies.study_name</c>.</summary>
    public string Name { get; }

    /// <summary>Whether larger values are better (<c>study_directions.direction</c> = MAXIMIZE).</summary>
    public bool Maximize { get; }

    /// <summary>Joins the study called <paramref name="name"/>, creating it (with its direction and settings) when new.</summary>
    /// <param name="storage">Where the study lives.</param>
    /// <param name="name">The study's unique name.</param>
    /// <param name="maximize">Whether larger values are better.</param>
    /// <param name="settings">Written as study system attributes when the study is created; when it exists, each must
    /// equal the stored one, so workers with different searches cannot join one study.</param>
    /// <exception cref="InvalidOperationException">The study exists with another direction or other settings.</exception>
    public static Study CreateOrJoin(StudyStorage storage, string name, bool maximize, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var c = storage.Connect();
        using var t = storage.BeginExclusive(c, 0);
        int id;
        if (c.Scalar(t, "SELECT study_id FROM studies WHERE study_name = @n", ("@n", name)) is { } existing)
        {
            id = Convert.ToInt32(existing, CultureInfo.InvariantCulture);
            string direction = (string)c.Scalar(t, "SELECT CAST(direction AS VARCHAR(8)) FROM study_directions WHERE study_id = @s AND objective = 0", ("@s", id))!;
            if (direction != (maximize ? "MAXIMIZE" : "MINIMIZE"))
                throw new InvalidOperationException($"Study '{name}' in {storage} is {direction}; this worker would {(maximize ? "maximize" : "minimize")}.");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
                if (c.Scalar(t, "SELECT value_json FROM study_system_attributes WHERE study_id = @s AND \"key\" = @k", ("@s", id), ("@k", key)) is string stored && stored != value)
                    throw new InvalidOperationException($"Study '{name}' in {storage} has {key} = {stored}, but this worker's is {value}: join it with the same search.");
        }
        else
        {
            id = Convert.ToInt32(c.Scalar(t, "INSERT INTO studies (study_name) VALUES (@n) RETURNING study_id", ("@n", name)), CultureInfo.InvariantCulture);
            c.Exec(t, $"INSERT INTO study_directions (direction, study_id, objective) VALUES ('{(maximize ? "MAXIMIZE" : "MINIMIZE")}', @s, 0)", ("@s", id));
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
                c.Exec(t, "INSERT INTO study_system_attributes (study_id, \"key\", value_json) VALUES (@s, @k, @v)", ("@s", id), ("@k", key), ("@v", value));
        }
        t.Commit();
        return new Study(storage, id, name, maximize);
    }

    /// <summary>Opens an existing study, reading its direction.</summary>
    /// <exception cref="KeyNotFoundException">No study has that name.</exception>
    public static Study Load(StudyStorage storage, string name)
    {
        using var c = storage.Connect();
        var id = c.Scalar(null, "SELECT study_id FROM studies WHERE study_name = @n", ("@n", name))
                 ?? throw new KeyNotFoundException($"{storage} has no study '{name}'.");
        int studyId = Convert.ToInt32(id, CultureInfo.InvariantCulture);
        string direction = (string)c.Scalar(null, "SELECT CAST(direction AS VARCHAR(8)) FROM study_directions WHERE study_id = @s AND objective = 0", ("@s", studyId))!;
        return new Study(storage, studyId, name, direction == "MAXIMIZE");
    }

    /// <summary>A study system attribute's JSON text, or null.</summary>
    public string? Setting(string key)
    {
        using var c = Storage.Connect();
        return c.Scalar(null, "SELECT value_json FROM study_system_attributes WHERE study_id = @s AND \"key\" = @k", ("@s", Id), ("@k", key)) as string;
    }

    /// <summary>Stores a trial's parameters (before it trains), in Optuna's encoding, and its seed (user attribute <c>seed</c>).</summary>
    internal void SetParams(int trialId, int seed, IEnumerable<(string Name, double Internal, string Json)> parameters)
    {
        using var c = Storage.Connect();
        using var t = c.BeginTransaction();
        c.Exec(t, "INSERT INTO trial_user_attributes (trial_id, \"key\", value_json) VALUES (@t, 'seed', @v)",
            ("@t", trialId), ("@v", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var (name, value, json) in parameters)
            c.Exec(t, "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (@t, @n, @v, @j)",
                ("@t", trialId), ("@n", name), ("@v", value), ("@j", json));
        t.Commit();
    }

    /// <summary>Stores the value a trial reached at <paramref name="step"/> (an epoch).</summary>
    internal void ReportIntermediate(int trialId, int step, double value)
    {
        using var c = Storage.Connect();
        c.Exec(null, $"INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) VALUES (@t, @s, @v, '{ValueType(value, intermediate: true)}')",
            ("@t", trialId), ("@s", step), ("@v", double.IsFinite(value) ? value : null));
    }

    /// <summary>Moves a running trial's heartbeat to now.</summary>
    internal void Beat(int trialId)
    {
        using var c = Storage.Connect();
        c.Exec(null, "UPDATE trial_heartbeats SET heartbeat = @h WHERE trial_id = @t", ("@h", Storage.Time(Now)), ("@t", trialId));
    }

    /// <summary>Ends a trial: its state, final value (none for a failure or NaN) and the constraints it misses.</summary>
    internal void Finish(int trialId, TrialState state, double? value, string? unsatisfied)
    {
        if (value is double v && double.IsNaN(v)) (state, value) = (state == TrialState.Complete ? TrialState.Fail : state, null);
        using var c = Storage.Connect();
        using var t = c.BeginTransaction();
        // Only a trial still running is finished: one that another worker already failed (its heartbeat had stopped)
        // stays failed, without a value, and its re-queued copy decides the configuration.
        if (c.Exec(t, $"UPDATE trials SET state = '{State(state)}', datetime_complete = @d WHERE trial_id = @t AND state = 'RUNNING'",
                ("@d", Storage.Time(Now)), ("@t", trialId)) == 0) return;
        if (value is double x)
            c.Exec(t, $"INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (@t, 0, @v, '{ValueType(x, intermediate: false)}')",
                ("@t", trialId), ("@v", double.IsFinite(x) ? x : null));
        if (unsatisfied is not null)
            c.Exec(t, "INSERT INTO trial_user_attributes (trial_id, \"key\", value_json) VALUES (@t, 'unsatisfied', @v)",
                ("@t", trialId), ("@v", System.Text.Json.JsonSerializer.Serialize(unsatisfied, StudyJson.Default.String)));
        t.Commit();
    }

    /// <summary>Local time without a kind, as Optuna writes its DATETIME columns.</summary>
    internal static DateTime Now => DateTime.SpecifyKind(DateTime.Now, DateTimeKind.Unspecified);

    /// <summary>A state as Optuna spells it.</summary>
    internal static string State(TrialState state) => state.ToString().ToUpperInvariant();

    private static string ValueType(double value, bool intermediate) =>
        double.IsNaN(value) ? (intermediate ? "NAN" : throw new ArgumentException("A final value cannot be NaN."))
        : double.IsPositiveInfinity(value) ? "INF_POS" : double.IsNegativeInfinity(value) ? "INF_NEG" : "FINITE";
}
