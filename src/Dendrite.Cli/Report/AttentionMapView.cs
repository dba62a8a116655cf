using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Dendrite.Cli.Report;

/// <summary>
/// Draws an <see cref="AttentionMap"/> as an HTML table heatmap, as the course's "Neural Machine Translation" plots it:
/// output symbols down, source symbols across, each cell shaded by α⟨t, t'⟩. Cells are
/// <c>&lt;td class="cell" data-output="t" data-source="t'"&gt;</c> with the weight in their title.
/// </summary>
internal static class AttentionMapView
{
    /// <summary>The table and a line naming where each output step looks most.</summary>
    public static string Render(AttentionMap map)
    {
        int rows = map.Output.Count, columns = map.Source.Count;
        if (map.Weights.GetLength(0) != rows || map.Weights.GetLength(1) != columns)
            throw new ArgumentException($"An attention map of {rows} outputs × {columns} source symbols got weights [{map.Weights.GetLength(0)}, {map.Weights.GetLength(1)}].", nameof(map));
        static string Symbol(string s) => s == " " ? "␣" : HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<table class=\"confusion attention\">\n<thead><tr><th class=\"corner\">output \\ source</th>");
        foreach (var s in map.Source) html.Append("<th scope=\"col\">").Append(Symbol(s)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (int t = 0; t < rows; t++)
        {
            html.Append("<tr><th scope=\"row\">").Append(Symbol(map.Output[t])).Append("</th>");
            for (int j = 0; j < columns; j++)
            {
                double w = map.Weights[t, j];
                html.Append(string.Create(CultureInfo.InvariantCulture,
                    $"<td class=\"cell\" data-output=\"{t}\" data-source=\"{j}\" style=\"{ConfusionMatrixView.Shade(Math.Clamp(w, 0, 1))}\" title=\"α = {w:F3}\"></td>"));
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        html.Append("<p class=\"note\">Source: ").Append(HtmlEncode(string.Concat(map.Source))).Append(" → output: ")
            .Append(HtmlEncode(string.Concat(map.Output))).Append(". Shade: the attention weight α⟨t, t'⟩ (each row sums to 1 over the whole source).</p>\n");
        return html.ToString();
    }
}
