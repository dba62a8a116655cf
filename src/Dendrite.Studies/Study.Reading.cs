using System.Data.Common;
using System.Text.Json;

namespace Dendrite.Studies;

public sealed partial class Study
{
    /// <summary>Every trial of the study with its parameters, values and attributes, by number.</summary>
    public IReadOnlyList<StoredTrial> Trials()
    {
        using var c = Storage.Connect();
        var s = ("@s", (object?)Id);
        const string Mine = " JOIN trials r ON r.trial_id = x.trial_id WHERE r.study_id = @s";
        var parameters = c.Query(null, "SELECT x.trial_id, x.param_name, x.param_value, x.distribution_json FROM trial_params x" + Mine,
            r => (Trial: Int(r.GetValue(0)), Name: r.GetString(1), Value: OptunaDistribution.Decode(r.GetDouble(2), r.GetString(3))), s)
            .ToLookup(p => p.Trial);
        var values = c.Query(null, "SELECT x.trial_id, x.value, CAST(x.value_type AS VARCHAR(7)) FROM trial_values x" + Mine + " AND x.objective = 0",
            r => (Trial: Int(r.GetValue(0)), Value: Read(r, 1, 2)), s).ToDictionary(v => v.Trial, v => v.Value);
        var intermediate = c.Query(null, "SELECT x.trial_id, x.step, x.intermediate_value, CAST(x.intermediate_value_type AS VARCHAR(7)) FROM trial_intermediate_values x" + Mine,
            r => (Trial: Int(r.GetValue(0)), Step: Int(r.GetValue(1)), Value: Read(r, 2, 3)), s).ToLookup(v => v.Trial);
        var system = c.Query(null, "SELECT x.trial_id, x.\"key\", x.value_json FROM trial_system_attributes x" + Mine,
            r => (Trial: Int(r.GetValue(0)), Key: r.GetString(1), Value: r.GetString(2)), s).ToLookup(a => a.Trial);
        var user = c.Query(null, "SELECT x.trial_id, x.\"key\", x.value_json FROM trial_user_attributes x" + Mine,
            r => (Trial: Int(r.GetValue(0)), Key: r.GetString(1), Value: r.GetString(2)), s).ToLookup(a => a.Trial);
        return c.Query(null, "SELECT trial_id, number, CAST(state AS VARCHAR(8)), datetime_start, datetime_complete FROM trials WHERE study_id = @s ORDER BY number", r =>
        {
            int id = Int(r.GetValue(0));
            var attributes = system[id].ToDictionary(a => a.Key, a => a.Value);
            var mine = user[id].ToDictionary(a => a.Key, a => a.Value);
            return new StoredTrial(Int(r.GetValue(1)), attributes.TryGetValue(ConfigKey, out var k) ? Int(k) : -1,
                Enum.Parse<TrialState>(r.GetString(2), ignoreCase: true), values.TryGetValue(id, out var v) ? v : null,
                parameters[id].ToDictionary(p => p.Name, p => p.Value), intermediate[id].ToDictionary(i => i.Step, i => i.Value),
                mine.TryGetValue("unsatisfied", out var u) ? JsonSerializer.Deserialize(u, StudyJson.Default.String) : null,
                mine.TryGetValue("seed", out var seed) ? Int(seed) : null, attributes.TryGetValue(RetryKey, out var f) ? Int(f) : null,
                StudyStorage.ReadTime(r.GetValue(3)), StudyStorage.ReadTime(r.GetValue(4)));
        }, s);
    }

    /// <summary>The other trials' values at <paramref name="step"/>, with their states: what a pruner compares against.</summary>
    internal IReadOnlyList<PeerValue> ValuesAt(int step, int exceptTrialId)
    {
        using var c = Storage.Connect();
        return c.Query(null,
            "SELECT CAST(r.state AS VARCHAR(8)), x.intermediate_value FROM trial_intermediate_values x JOIN trials r ON r.trial_id = x.trial_id " +
            "WHERE r.study_id = @s AND x.step = @p AND x.trial_id <> @t AND x.intermediate_value IS NOT NULL",
            r => new PeerValue(Enum.Parse<TrialState>(r.GetString(0), ignoreCase: true), r.GetDouble(1)), ("@s", Id), ("@p", step), ("@t", exceptTrialId));
    }

    /// <summary>A value column with its type column: NULL with INF_POS/INF_NEG/NAN are ±∞ and NaN.</summary>
    private static double Read(DbDataReader r, int value, int type) => r.GetString(type) switch
    {
        "INF_POS" => double.PositiveInfinity,
        "INF_NEG" => double.NegativeInfinity,
        "NAN" => double.NaN,
        _ => r.GetDouble(value),
    };
}
