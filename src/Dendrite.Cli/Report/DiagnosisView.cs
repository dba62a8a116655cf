using System.Globalization;
using System.Text;
using Dendrite.Training;
using static System.Net.WebUtility;

namespace Dendrite.Cli.Report;

/// <summary>Draws a <see cref="Diagnosis"/>: the error levels with the gap above each, the largest gap highlighted, and its remedies.</summary>
internal static class DiagnosisView
{
    public static string Render(Diagnosis d)
    {
        static string P(double? v) => v is double x ? (100 * x).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";
        var gaps = d.Gaps.ToDictionary(g => g.Gap, g => g.Size);
        var html = new StringBuilder("<table class=\"diagnosis\">\n<thead><tr><th>error</th><th>value</th><th>gap</th></tr></thead>\n<tbody>\n");
        void Row(string level, double? error, Gap? gap)
        {
            bool largest = gap is Gap g && gaps.ContainsKey(g) && g == d.Largest;
            string gapText = gap is Gap k && gaps.TryGetValue(k, out double size) ? $"{Diagnosis.Describe(k)} {P(size)}" : "";
            html.Append(largest ? "<tr class=\"largest\">" : "<tr>").Append("<th scope=\"row\">").Append(level).Append("</th><td>").Append(P(error))
                .Append("</td><td>").Append(HtmlEncode(gapText)).Append("</td></tr>\n");
        }
        Row("human-level", d.HumanError, null);
        Row("train", d.TrainError, Gap.AvoidableBias);
        if (d.TrainDevError is not null) Row("train-dev", d.TrainDevError, Gap.Variance);
        Row("dev", d.DevError, d.TrainDevError is null ? Gap.Variance : Gap.DataMismatch);
        if (d.TestError is not null) Row("test", d.TestError, Gap.OverfittingToDev);
        html.Append("</tbody>\n</table>\n<p><strong>Largest gap: ").Append(Diagnosis.Describe(d.Largest)).Append(".</strong> What helps:</p>\n<ul>\n");
        foreach (var remedy in Diagnosis.Remedies(d.Largest)) html.Append("<li>").Append(HtmlEncode(remedy)).Append("</li>\n");
        html.Append("</ul>\n");
        if (d.HumanError is null) html.Append("<p class=\"note\">No human-level error was given (spec field human_error), so avoidable bias is unknown.</p>\n");
        return html.ToString();
    }
}
