using System.Globalization;
using System.Text;

namespace Dendrite.Training;

/// <summary>The trials of a search ranked by the dev metric, best first, with the space each round sampled.</summary>
public sealed class SearchResults
{
    /// <summary>Ranks <paramref name="results"/>: best score first, NaN last, ties by trial index.</summary>
    public SearchResults(IEnumerable<TrialResult> results, bool maximize, IReadOnlyList<SearchSpace> spaces, string metricName = "score")
    {
        Maximize = maximize;
        MetricName = metricName;
        Spaces = spaces.ToArray();
        var ranked = results.ToList();
        ranked.Sort(Compare);
        Trials = ranked;
    }

    /// <summary>All trials, best first.</summary>
    public IReadOnlyList<TrialResult> Trials { get; }

    /// <summary>The best trial.</summary>
    public TrialResult Best => Trials.Count > 0 ? Trials[0] : throw new InvalidOperationException("The search ran no trials.");

    /// <summary>Whether larger scores are better.</summary>
    public bool Maximize { get; }

    /// <summary>The heading of the score column.</summary>
    public string MetricName { get; }

    /// <summary>The space sampled in each round: the first is the coarse one, later ones narrower.</summary>
    public IReadOnlyList<SearchSpace> Spaces { get; }

    /// <summary>The ranking order: NaN last, trials that meet the satisficing constraints before those that do not, better score first, then lower trial index.</summary>
    public int Compare(TrialResult a, TrialResult b)
    {
        bool nanA = double.IsNaN(a.Score), nanB = double.IsNaN(b.Score);
        if (nanA != nanB) return nanA ? 1 : -1;
        if (a.Satisfies != b.Satisfies) return a.Satisfies ? -1 : 1;
        int byScore = nanA ? 0 : Maximize ? b.Score.CompareTo(a.Score) : a.Score.CompareTo(b.Score);
        return byScore != 0 ? byScore : a.Trial.Index.CompareTo(b.Trial.Index);
    }

    /// <summary>The full leaderboard.</summary>
    public override string ToString() => ToString(Trials.Count);

    /// <summary>The leaderboard's first <paramref name="top"/> rows: rank, trial, round, score and every hyperparameter.</summary>
    public string ToString(int top)
    {
        var names = Trials.Count > 0 ? Trials[0].Trial.Names : [];
        bool constrained = Trials.Any(r => !r.Satisfies);
        var header = new List<string> { "rank", "trial", "round", MetricName };
        header.AddRange(names);
        if (constrained) header.Add("fails");
        var rows = Trials.Take(top).Select((r, i) =>
        {
            var row = new List<string>
            {
                (i + 1).ToString(CultureInfo.InvariantCulture),
                r.Trial.Index.ToString(CultureInfo.InvariantCulture),
                r.Trial.Round.ToString(CultureInfo.InvariantCulture),
                r.Score.ToString("0.0000", CultureInfo.InvariantCulture),
            };
            row.AddRange(names.Select(n => Trial.Format(r.Trial.Values[n])));
            if (constrained) row.Add(r.Unsatisfied ?? "");
            return row;
        }).ToList();
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        sb.AppendJoin("  ", header.Select((h, c) => h.PadLeft(widths[c])));
        foreach (var row in rows) sb.AppendLine().AppendJoin("  ", row.Select((v, c) => v.PadLeft(widths[c])));
        return sb.ToString();
    }
}
