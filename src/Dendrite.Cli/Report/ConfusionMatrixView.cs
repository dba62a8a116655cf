using System.Globalization;
using System.Text;
using Dendrite.Training;
using static System.Net.WebUtility;

namespace Dendrite.Cli.Report;

/// <summary>Draws a <see cref="ConfusionMatrix"/> as an HTML table heatmap: true classes down, predicted classes across.</summary>
/// <remarks>
/// A cell's shade is its share of its row (the recall of the row's class on the diagonal), so a rare class is as
/// readable as a common one; the cell shows the count. Cells are <c>&lt;td class="cell" data-true="t" data-pred="p"&gt;</c>.
/// </remarks>
internal static class ConfusionMatrixView
{
    /// <summary>The table; <paramref name="classNames"/> label rows and columns (class indices when null).</summary>
    public static string Render(ConfusionMatrix matrix, IReadOnlyList<string>? classNames)
    {
        int n = matrix.Classes;
        if (classNames is not null && classNames.Count != n)
            throw new ArgumentException($"The report has {classNames.Count} class names for a confusion matrix of {n} classes.", nameof(classNames));
        string Name(int c) => HtmlEncode(classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture));

        var html = new StringBuilder();
        html.Append("<table class=\"confusion\">\n<thead><tr><th class=\"corner\">true \\ predicted</th>");
        for (int p = 0; p < n; p++) html.Append("<th scope=\"col\">").Append(Name(p)).Append("</th>");
        html.Append("<th scope=\"col\" class=\"total\">total</th></tr></thead>\n<tbody>\n");
        for (int t = 0; t < n; t++)
        {
            long rowTotal = matrix.Actual(t);
            html.Append("<tr><th scope=\"row\">").Append(Name(t)).Append("</th>");
            for (int p = 0; p < n; p++)
            {
                long count = matrix[t, p];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                html.Append(string.Create(CultureInfo.InvariantCulture,
                    $"<td class=\"cell{(t == p ? " diagonal" : "")}\" data-true=\"{t}\" data-pred=\"{p}\" style=\"{Shade(share)}\" title=\"{share:P1} of row\">{count}</td>"));
            }
            html.Append(string.Create(CultureInfo.InvariantCulture, $"<td class=\"total\">{rowTotal}</td></tr>\n"));
        }
        html.Append("</tbody>\n</table>\n");
        html.Append(string.Create(CultureInfo.InvariantCulture,
            $"<p class=\"note\">{matrix.Total} examples; accuracy {matrix.Result():P2}. Shade: share of the true class's row.</p>\n"));
        return html.ToString();
    }

    /// <summary>Background from white (share 0) to dark blue (share 1), with text that stays readable on it.</summary>
    internal static string Shade(double share)
    {
        // Linear blend of white (255, 255, 255) towards #08306b (8, 48, 107).
        int r = (int)Math.Round(255 - share * (255 - 8)), g = (int)Math.Round(255 - share * (255 - 48)), b = (int)Math.Round(255 - share * (255 - 107));
        string text = share > 0.5 ? "#fff" : "#111";
        return string.Create(CultureInfo.InvariantCulture, $"background:rgb({r},{g},{b});color:{text}");
    }
}
