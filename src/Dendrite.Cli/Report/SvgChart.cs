using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Dendrite.Cli.Report;

/// <summary>One line of a chart: points (x, y) in data units, drawn in one colour.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Colour);

/// <summary>Draws a line chart as inline SVG: axes with tick labels and titles, a legend, one polyline per series.</summary>
/// <remarks>
/// Points that are not finite (NaN, ±∞) are left out; a series of more than <see cref="MaxPoints"/> points is
/// downsampled (<see cref="Downsample"/>). Each chart is <c>&lt;svg class="chart" id="…"&gt;</c> and each series a
/// <c>&lt;polyline class="series" data-name="…"&gt;</c>, so tests and readers of the page can find them.
/// </remarks>
internal static class SvgChart
{
    /// <summary>Most points drawn per series.</summary>
    public const int MaxPoints = 1000;

    /// <summary>Series of at most this many points also get a dot per point (a single point has no line).</summary>
    public const int MaxMarkers = 40;

    private const double Width = 600, Height = 320, Left = 64, Right = 16, Top = 40, Bottom = 48;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element; <paramref name="id"/> is turned into a safe element id.</summary>
    public static string Render(string id, string title, string xTitle, string yTitle, IReadOnlyList<ChartSeries> series)
    {
        var shown = series.Select(s => s with { Points = Downsample(Finite(s.Points), MaxPoints) }).Where(s => s.Points.Count > 0).ToList();
        var x = Axis.Fit(shown.SelectMany(s => s.Points).Select(p => p.X), integral: true);
        var y = Axis.Fit(shown.SelectMany(s => s.Points).Select(p => p.Y), integral: false);

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg class=\"chart\" id=\"{HtmlEncode(ElementId(id))}\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{HtmlEncode(title)}\">\n"));
        svg.Append(Inv($"<text class=\"chart-title\" x=\"{Left}\" y=\"20\">{HtmlEncode(title)}</text>\n"));
        foreach (double v in y.Ticks())
        {
            double py = PixelY(y, v);
            svg.Append(Inv($"<line class=\"grid\" x1=\"{Left}\" y1=\"{py:F1}\" x2=\"{Left + PlotWidth}\" y2=\"{py:F1}\"/>"));
            svg.Append(Inv($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{py + 4:F1}\" text-anchor=\"end\">{y.Label(v)}</text>\n"));
        }
        foreach (double v in x.Ticks())
        {
            double px = PixelX(x, v);
            svg.Append(Inv($"<line class=\"axis\" x1=\"{px:F1}\" y1=\"{Top + PlotHeight}\" x2=\"{px:F1}\" y2=\"{Top + PlotHeight + 5}\"/>"));
            svg.Append(Inv($"<text class=\"tick\" x=\"{px:F1}\" y=\"{Top + PlotHeight + 18}\" text-anchor=\"middle\">{x.Label(v)}</text>\n"));
        }
        svg.Append(Inv($"<polyline class=\"axis\" fill=\"none\" points=\"{Left},{Top} {Left},{Top + PlotHeight} {Left + PlotWidth},{Top + PlotHeight}\"/>\n"));
        svg.Append(Inv($"<text class=\"axis-title\" x=\"{Left + PlotWidth / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{HtmlEncode(xTitle)}</text>\n"));
        svg.Append(Inv($"<text class=\"axis-title\" transform=\"translate(16 {Top + PlotHeight / 2}) rotate(-90)\" text-anchor=\"middle\">{HtmlEncode(yTitle)}</text>\n"));
        foreach (var s in shown) AppendSeries(svg, s, x, y);
        AppendLegend(svg, series);
        if (shown.Count == 0)
            svg.Append(Inv($"<text class=\"empty\" x=\"{Left + PlotWidth / 2}\" y=\"{Top + PlotHeight / 2}\" text-anchor=\"middle\">no finite values</text>\n"));
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>
    /// At most <paramref name="max"/> of <paramref name="points"/>, chosen deterministically: the first and the last, and
    /// between them the lowest and the highest point of each of (max − 2) / 2 equal buckets, in their original order,
    /// so that spikes (a diverging loss) survive where an even stride would skip them.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Downsample(IReadOnlyList<(double X, double Y)> points, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (points.Count <= max) return points;
        int inner = points.Count - 2, buckets = (max - 2) / 2;
        var kept = new List<(double X, double Y)>(max) { points[0] };
        for (int b = 0; b < buckets; b++)
        {
            int start = 1 + (int)((long)inner * b / buckets), end = 1 + (int)((long)inner * (b + 1) / buckets);
            int lo = start, hi = start;
            for (int i = start + 1; i < end; i++)
            {
                if (points[i].Y < points[lo].Y) lo = i;
                if (points[i].Y > points[hi].Y) hi = i;
            }
            kept.Add(points[Math.Min(lo, hi)]);
            if (lo != hi) kept.Add(points[Math.Max(lo, hi)]);
        }
        kept.Add(points[^1]);
        return kept;
    }

    /// <summary>The points whose coordinates are both finite.</summary>
    public static IReadOnlyList<(double X, double Y)> Finite(IReadOnlyList<(double X, double Y)> points) =>
        points.All(p => double.IsFinite(p.X) && double.IsFinite(p.Y)) ? points : [.. points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))];

    /// <summary>An element id made of letters, digits, '-' and '_' only.</summary>
    public static string ElementId(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);

    private static void AppendSeries(StringBuilder svg, ChartSeries s, Axis x, Axis y)
    {
        var points = string.Join(' ', s.Points.Select(p => Inv($"{PixelX(x, p.X):F1},{PixelY(y, p.Y):F1}")));
        svg.Append(Inv($"<polyline class=\"series\" data-name=\"{HtmlEncode(s.Name)}\" fill=\"none\" stroke=\"{s.Colour}\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"{points}\"><title>{HtmlEncode(s.Name)}</title></polyline>\n"));
        if (s.Points.Count > MaxMarkers) return;
        foreach (var p in s.Points)
            svg.Append(Inv($"<circle class=\"marker\" cx=\"{PixelX(x, p.X):F1}\" cy=\"{PixelY(y, p.Y):F1}\" r=\"2.5\" fill=\"{s.Colour}\"/>"));
        svg.Append('\n');
    }

    private static void AppendLegend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        // Right-aligned in the top margin; the width of a label is estimated at 7 px a character (12 px sans-serif).
        double right = Left + PlotWidth;
        foreach (var s in series.Reverse())
        {
            double start = right - 24 - 7 * s.Name.Length;
            svg.Append(Inv($"<g class=\"legend\"><line x1=\"{start:F1}\" y1=\"16\" x2=\"{start + 18:F1}\" y2=\"16\" stroke=\"{s.Colour}\" stroke-width=\"3\"/>"));
            svg.Append(Inv($"<text x=\"{start + 22:F1}\" y=\"20\">{HtmlEncode(s.Name)}</text></g>\n"));
            right = start - 12;
        }
    }

    private static double PixelX(Axis x, double v) => Left + (v - x.Min) / (x.Max - x.Min) * PlotWidth;

    private static double PixelY(Axis y, double v) => Top + PlotHeight - (v - y.Min) / (y.Max - y.Min) * PlotHeight;

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>An axis from <see cref="Min"/> to <see cref="Max"/> with a tick every <see cref="Step"/> (1, 2 or 5 × 10ᵏ).</summary>
    private sealed record Axis(double Min, double Max, double Step)
    {
        public static Axis Fit(IEnumerable<double> values, bool integral)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (double v in values) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
            if (lo > hi) (lo, hi) = (0, 1);
            else if (lo == hi) (lo, hi) = integral ? (lo - 1, hi + 1) : (lo - Pad(lo), hi + Pad(lo));
            double step = NiceStep((hi - lo) / 5);
            if (integral) step = Math.Max(1, step);
            return new Axis(Math.Floor(lo / step) * step, Math.Ceiling(hi / step) * step, step);
        }

        public IEnumerable<double> Ticks()
        {
            for (int k = 0; Min + k * Step <= Max + Step * 1e-9; k++) yield return Min + k * Step;
        }

        public string Label(double v)
        {
            int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(Step) - 1e-9), 0, 12);
            return (Math.Abs(v) < Step * 1e-9 ? 0 : v).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        private static double Pad(double v) => v == 0 ? 1 : Math.Abs(v) * 0.1;

        private static double NiceStep(double rough)
        {
            double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
            double m = rough / power;
            return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
        }
    }
}
