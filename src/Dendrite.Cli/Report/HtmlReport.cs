using System.Globalization;
using System.Text;
using Dendrite.Data;
using Dendrite.Training;
using static System.Net.WebUtility;

namespace Dendrite.Cli.Report;

/// <summary>
/// Writes the run report of <c>dendrite train</c>: one self-contained HTML file with the final metrics, the learning
/// curves as inline SVG, the confusion matrix, the attention map of a translation model and the run settings.
/// </summary>
/// <remarks>
/// The page loads nothing: no scripts, no external styles or fonts, and a Content-Security-Policy that forbids them,
/// so it opens from disk in any browser. Every piece of text from the run (spec names, metric names) is HTML-escaped.
/// </remarks>
internal static class HtmlReport
{
    /// <summary>Colour of training series.</summary>
    public const string TrainColour = "#1f77b4";

    /// <summary>Colour of dev-set series.</summary>
    public const string DevColour = "#ff7f0e";

    /// <summary>Colour of the learning-rate series.</summary>
    public const string RateColour = "#2ca02c";

    /// <summary>The human-level line on the accuracy chart (1 − human_error).</summary>
    public const string HumanColour = "#9467bd";

    private const string DevPrefix = "dev_";

    private static readonly HashSet<string> NotMetrics = ["loss", "dev_loss", "lr", "seconds", "epoch"];

    /// <summary>Creates or replaces <paramref name="path"/> with the report of <paramref name="data"/>, atomically.</summary>
    public static void Write(string path, ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string html = Render(data);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{path}: cannot write the report because the folder {folder} does not exist.");
        AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(html)));
    }

    /// <summary>The report as an HTML document.</summary>
    public static string Render(ReportData data)
    {
        string title = HtmlEncode(data.Title);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(title).Append(" · Dendrite run report</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(title).Append("</h1>\n");
        html.Append(string.Create(CultureInfo.InvariantCulture, $"<p class=\"note\">Dendrite run report · {data.History.Epochs.Count} epochs</p>\n"));

        html.Append("<section id=\"final-metrics\">\n<h2>Final metrics</h2>\n");
        if (data.FinalMetrics.Count == 0) html.Append("<p class=\"note\">No final metrics were recorded.</p>\n");
        else html.Append(Table("metrics", data.FinalMetrics.Select(m => KeyValuePair.Create(m.Key, FormatValue(m.Value)))));
        html.Append("</section>\n");

        html.Append("<section id=\"learning-curves\">\n<h2>Learning curves</h2>\n");
        var charts = LearningCurves(data.History, data.HumanError);
        if (charts.Count == 0) html.Append("<p class=\"note\">No epochs were logged.</p>\n");
        else html.Append("<div class=\"charts\">\n").AppendJoin("", charts).Append("</div>\n");
        html.Append("</section>\n");

        if (data.DecisionBoundary is { } png)
        {
            html.Append("<section id=\"decision-boundary\">\n<h2>Decision boundary</h2>\n");
            html.Append(string.Create(CultureInfo.InvariantCulture,
                $"<img class=\"decision-boundary\" width=\"{DecisionBoundary.Side}\" height=\"{DecisionBoundary.Side}\" alt=\"predicted class over the input plane, training points on top\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">\n"));
            html.Append("<p class=\"note\">The plane coloured by the predicted class; the training points in their true class's colour.</p>\n</section>\n");
        }

        if (data.Misclassified is { } grid)
            ImageSection(html, "misclassified", "Misclassified examples", string.Create(CultureInfo.InvariantCulture,
                $"{grid.Errors} of {grid.Total} {grid.Split} examples are misclassified; the worst {grid.Captions.Count} (highest loss first), eight to a row:"),
                "the worst misclassified images", grid.Png, grid.Captions);

        if (data.Detections is { } detections)
            ImageSection(html, "detections", "Detections", string.Create(CultureInfo.InvariantCulture,
                $"The first {detections.Captions.Count} {detections.Split} images with the boxes found at score ≥ 0.6 after NMS at IoU 0.5 (drawn at twice their size), eight to a row:"),
                "held-out images with the detected boxes", detections.Png, detections.Captions);

        if (data.Segmentation is { } segmentation)
            ImageSection(html, "segmentation", "Segmentation", string.Create(CultureInfo.InvariantCulture,
                $"The first {segmentation.Count} {segmentation.Split} images (top row), their true masks (middle) and the predicted masks (bottom); background black, then red, green, blue… by class."),
                "input, true mask and predicted mask of held-out images", segmentation.Png, []);

        if (data.Diagnosis is { } diagnosis)
        {
            html.Append("<section id=\"diagnosis\">\n<h2>Diagnosis</h2>\n");
            html.Append(DiagnosisView.Render(diagnosis)).Append("</section>\n");
        }

        if (data.Confusion is { } matrix)
        {
            html.Append("<section id=\"confusion-matrix\">\n<h2>Confusion matrix</h2>\n");
            html.Append(ConfusionMatrixView.Render(matrix, data.ClassNames)).Append("</section>\n");
        }

        if (data.Attention is { } attention)
        {
            html.Append("<section id=\"attention-map\">\n<h2>Attention map</h2>\n");
            html.Append(AttentionMapView.Render(attention)).Append("</section>\n");
        }

        html.Append("<section id=\"settings\">\n<h2>Settings</h2>\n");
        if (data.Settings.Count == 0) html.Append("<p class=\"note\">No settings were recorded.</p>\n");
        else html.Append(Table("settings", data.Settings));
        html.Append("</section>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// One SVG chart for the cost (<c>loss</c> and <c>dev_loss</c>), one per metric (<c>m</c> and <c>dev_m</c>) in the
    /// order the history first logs them, and one for the learning rate <c>lr</c>; x is the epoch, counted from 1.
    /// </summary>
    public static IReadOnlyList<string> LearningCurves(History history, double? humanError = null)
    {
        var names = history.Epochs.SelectMany(e => e.Values.Select(v => v.Key)).Distinct().ToList();
        var charts = new List<string>();
        int last = history.Epochs.Count == 0 ? 1 : history.Epochs[^1].Epoch + 1;
        void Add(string id, string title, string yTitle, params (string Name, string Colour)[] series)
        {
            var present = series.Where(s => names.Contains(s.Name)).Select(s => new ChartSeries(s.Name, Values(history, s.Name), s.Colour)).ToList();
            if (yTitle == "accuracy" && humanError is double h && present.Count > 0)
                present.Add(new ChartSeries("human-level", [(1, 1 - h), (last, 1 - h)], HumanColour));
            if (present.Count > 0) charts.Add(SvgChart.Render(id, title, "epoch", yTitle, present));
        }

        Add("chart-loss", "cost", "loss", ("loss", TrainColour), ("dev_loss", DevColour));
        var metrics = names.Where(n => !NotMetrics.Contains(n)).Select(n => n.StartsWith(DevPrefix, StringComparison.Ordinal) ? n[DevPrefix.Length..] : n).Distinct();
        foreach (var metric in metrics)
            Add("chart-" + metric, metric, metric, (metric, TrainColour), (DevPrefix + metric, DevColour));
        Add("chart-lr", "learning rate", "lr", ("lr", RateColour));
        return charts;
    }

    private static List<(double X, double Y)> Values(History history, string name) =>
        [.. history.Epochs.Where(e => e.TryGet(name, out _)).Select(e => ((double)e.Epoch + 1, e[name]))];

    /// <summary>A section with a note, an inline PNG (its class is the section id) and, when given, numbered captions.</summary>
    private static void ImageSection(StringBuilder html, string id, string title, string note, string alt, byte[] png, IReadOnlyList<string> captions)
    {
        html.Append($"<section id=\"{id}\">\n<h2>{title}</h2>\n<p class=\"note\">").Append(HtmlEncode(note)).Append("</p>\n");
        html.Append($"<img class=\"{id}\" alt=\"{alt}\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">\n");
        if (captions.Count > 0)
        {
            html.Append("<ol class=\"captions\">");
            foreach (var caption in captions) html.Append("<li>").Append(HtmlEncode(caption)).Append("</li>");
            html.Append("</ol>\n");
        }
        html.Append("</section>\n");
    }

    private static string Table(string cssClass, IEnumerable<KeyValuePair<string, string>> rows)
    {
        var html = new StringBuilder($"<table class=\"{cssClass}\">\n");
        foreach (var (key, value) in rows)
            html.Append("<tr><th scope=\"row\">").Append(HtmlEncode(key)).Append("</th><td>").Append(HtmlEncode(value)).Append("</td></tr>\n");
        return html.Append("</table>\n").ToString();
    }

    private static string FormatValue(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #111; background: #fff; margin: 20px 24px; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        .note { color: #555; font-size: 13px; margin: 4px 0; }
        table { border-collapse: collapse; font-size: 14px; }
        table.metrics th, table.settings th { text-align: left; font-weight: 600; padding: 3px 16px 3px 0; }
        table.metrics td, table.settings td { font-family: ui-monospace, Menlo, Consolas, monospace; padding: 3px 0; }
        ol.captions { columns: 4; font-size: 13px; }
        table.diagnosis th, table.diagnosis td { border: 1px solid #ccc; padding: 6px 10px; text-align: left; } table.diagnosis tr.largest { background: #fff3cd; font-weight: 600; }
        table.confusion th, table.confusion td { border: 1px solid #ccc; padding: 6px 10px; text-align: center; min-width: 36px; }
        table.confusion td.cell { font-variant-numeric: tabular-nums; } table.confusion .total { color: #555; background: #f6f6f6; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        svg.chart { border: 1px solid #e4e4e4; background: #fff; max-width: 100%; height: auto; font-size: 12px; }
        svg.chart text { fill: #222; } svg.chart .chart-title { font-weight: 600; font-size: 14px; }
        svg.chart .axis { stroke: #333; stroke-width: 1; } svg.chart .grid { stroke: #eee; stroke-width: 1; }
        svg.chart .axis-title { font-size: 12px; fill: #444; } svg.chart .empty { fill: #888; }

        """;
}
