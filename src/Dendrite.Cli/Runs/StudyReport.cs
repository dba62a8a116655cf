using System.Globalization;
using System.Net;
using System.Text;
using Dendrite.Studies;

namespace Dendrite.Cli.Runs;

/// <summary>A shared study's leaderboard (text) and its report page: one scatter of objective against each parameter, as SVG.</summary>
internal static class StudyReport
{
    /// <summary>The best <paramref name="top"/> complete trials: rank, trial, configuration, value, every parameter; then the count per state.</summary>
    public static string Leaderboard(IReadOnlyList<StoredTrial> trials, bool maximize, string metric, int top)
    {
        var ranked = StudyRanking.Ranked(trials, maximize);
        var names = trials.SelectMany(t => t.Params.Keys).Distinct().ToList();
        bool constrained = ranked.Any(t => t.Unsatisfied is not null);
        var header = new List<string> { "rank", "trial", "config", metric };
        header.AddRange(names);
        if (constrained) header.Add("fails");
        var rows = ranked.Take(top).Select((t, i) =>
        {
            var row = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture), t.Number.ToString(CultureInfo.InvariantCulture),
                t.Config.ToString(CultureInfo.InvariantCulture), t.Value!.Value.ToString("0.0000", CultureInfo.InvariantCulture) };
            row.AddRange(names.Select(n => t.Params.TryGetValue(n, out var v) ? Format(v) : ""));
            if (constrained) row.Add(t.Unsatisfied ?? "");
            return row;
        }).ToList();
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        sb.AppendJoin("  ", header.Select((h, c) => h.PadLeft(widths[c])));
        foreach (var row in rows) sb.AppendLine().AppendJoin("  ", row.Select((v, c) => v.PadLeft(widths[c])));
        sb.AppendLine().Append(CultureInfo.InvariantCulture, $"{trials.Count} trials: ")
          .AppendJoin(", ", trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        return sb.ToString();
    }

    /// <summary>Parameters as <c>name=value</c> pairs.</summary>
    public static string Format(IReadOnlyDictionary<string, object> values) => string.Join(", ", values.Select(v => $"{v.Key}={Format(v.Value)}"));

    private static string Format(object value) => value is double d ? d.ToString("G4", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// One panel per parameter: x the parameter (log scale when its values are positive and span more than a decade;
    /// categories evenly spaced), y the objective; complete trials filled, pruned trials hollow, the best one red.
    /// </summary>
    public static string Svg(IReadOnlyList<StoredTrial> trials, bool maximize, string metric, string title)
    {
        const int W = 300, H = 240, M = 46;
        var shown = trials.Where(t => t.Value is double v && double.IsFinite(v) && t.State is TrialState.Complete or TrialState.Pruned).ToList();
        var best = StudyRanking.Ranked(trials, maximize).FirstOrDefault();
        var names = trials.SelectMany(t => t.Params.Keys).Distinct().ToList();
        double yLo = shown.Count == 0 ? 0 : shown.Min(t => t.Value!.Value), yHi = shown.Count == 0 ? 1 : shown.Max(t => t.Value!.Value);
        if (yHi <= yLo) (yLo, yHi) = (yLo - 0.5, yHi + 0.5);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Math.Max(1, names.Count) * W}\" height=\"{H + 30}\" font-family=\"sans-serif\" font-size=\"11\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"16\" font-size=\"13\">{WebUtility.HtmlEncode(title)}: {WebUtility.HtmlEncode(metric)} against each parameter ({shown.Count} trials)</text>");
        for (int p = 0; p < names.Count; p++)
        {
            string name = names[p];
            var points = shown.Where(t => t.Params.ContainsKey(name)).ToList();
            var x = Axis(points.Select(t => t.Params[name]).ToList());
            double ox = p * W + M, oy = 30;
            sb.Append(CultureInfo.InvariantCulture, $"<g><rect x=\"{ox}\" y=\"{oy}\" width=\"{W - M - 10}\" height=\"{H - M}\" fill=\"none\" stroke=\"#999\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{ox + (W - M) / 2.0}\" y=\"{oy + H - M + 28}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(name)}{(x.Log ? " (log)" : "")}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{ox - 4}\" y=\"{oy + 10}\" text-anchor=\"end\">{yHi:G3}</text><text x=\"{ox - 4}\" y=\"{oy + H - M}\" text-anchor=\"end\">{yLo:G3}</text>");
            foreach (var t in points)
            {
                double px = ox + 8 + x.Position(t.Params[name]) * (W - M - 26), py = oy + 6 + (1 - (t.Value!.Value - yLo) / (yHi - yLo)) * (H - M - 12);
                string colour = ReferenceEquals(t, best) ? "#d62728" : "#1f77b4";
                string fill = t.State == TrialState.Pruned ? "none" : colour;
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{px:F1}\" cy=\"{py:F1}\" r=\"4\" fill=\"{fill}\" stroke=\"{colour}\"><title>trial {t.Number}: {t.Value:G6}</title></circle>");
            }
            sb.Append("</g>");
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>Maps a parameter's values to [0, 1]: numbers linearly or on a log scale, categories by order of appearance.</summary>
    private static (bool Log, Func<object, double> Position) Axis(IReadOnlyList<object> values)
    {
        if (values.Count == 0 || values.Any(v => v is string))
        {
            var categories = values.Select(v => Format(v)).Distinct().Order(StringComparer.Ordinal).ToList();
            return (false, v => categories.Count <= 1 ? 0.5 : categories.IndexOf(Format(v)) / (double)(categories.Count - 1));
        }
        var numbers = values.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList();
        bool log = numbers.Min() > 0 && numbers.Max() / numbers.Min() > 10;
        Func<double, double> f = log ? Math.Log10 : x => x;
        double lo = f(numbers.Min()), hi = f(numbers.Max());
        return (log, v => hi > lo ? (f(Convert.ToDouble(v, CultureInfo.InvariantCulture)) - lo) / (hi - lo) : 0.5);
    }
}
