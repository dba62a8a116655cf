using Dendrite.Cli.Report;

namespace Dendrite.Tests.Cli.Report;

/// <summary>Opens a written report in headless Chromium: the page must render its curves, not merely contain them.</summary>
/// <remarks>Set <c>DENDRITE_KEEP_REPORT</c> to a folder to keep the report and its screenshot there for a look.</remarks>
public sealed class HtmlReportBrowserTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dendrite-report-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteReport()
    {
        string path = Path.Combine(_folder, "report.html");
        HtmlReport.Write(path, ReportSamples.Data(ReportSamples.Realistic(30)));
        return path;
    }

    private static bool Near((byte R, byte G, byte B) pixel, string hex)
    {
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        return Math.Abs(pixel.R - r) + Math.Abs(pixel.G - g) + Math.Abs(pixel.B - b) < 60;
    }

    [ChromiumFact]
    public void The_screenshot_shows_the_learning_curves_in_their_colours()
    {
        string page = WriteReport(), png = Path.Combine(_folder, "report.png");
        Chromium.Screenshot(page, png, 1280, 1600);
        if (Environment.GetEnvironmentVariable("DENDRITE_KEEP_REPORT") is { Length: > 0 } keep)
        {
            File.Copy(page, Path.Combine(keep, "report.html"), overwrite: true);
            File.Copy(png, Path.Combine(keep, "report.png"), overwrite: true);
        }

        var image = Png.Decode(File.ReadAllBytes(png));
        Assert.Equal((1280, 1600), (image.Width, image.Height));
        long inked = 0;
        var columns = new Dictionary<string, HashSet<int>> { [HtmlReport.TrainColour] = [], [HtmlReport.DevColour] = [] };
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var p = image[x, y];
                if (p.R + p.G + p.B < 3 * 240) inked++;
                foreach (var (colour, seen) in columns)
                    if (Near(p, colour)) seen.Add(x);
            }
        double share = (double)inked / (image.Width * image.Height);
        Assert.InRange(share, 0.005, 0.5);
        foreach (var (colour, seen) in columns)
        {
            // A curve over 30 epochs runs across most of a 520 px plot; the legend swatches (18 px) and the dots on
            // the points (5 px) alone would colour under 200 columns.
            Assert.True(seen.Count > 400, $"only {seen.Count} pixel columns hold {colour}: the curves are not drawn");
        }
    }

    [ChromiumFact]
    public void The_decision_boundary_image_shows_under_the_pages_security_policy()
    {
        // Left half light blue, right half light orange: the inline PNG must render, not be blocked as an image source.
        var pixels = new byte[240 * 240 * 3];
        for (int k = 0; k < 240 * 240; k++)
        {
            byte[] colour = k % 240 < 120 ? [198, 219, 239] : [253, 208, 162];
            colour.CopyTo(pixels, 3 * k);
        }
        string page = Path.Combine(_folder, "report.html"), png = Path.Combine(_folder, "report.png");
        HtmlReport.Write(page, ReportSamples.Data() with { DecisionBoundary = Dendrite.Data.PngWriter.Encode(pixels, 240, 240, 3) });
        Chromium.Screenshot(page, png, 1280, 2400);
        var image = Png.Decode(File.ReadAllBytes(png));
        int blue = 0, orange = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                blue += Near(image[x, y], "#c6dbef") ? 1 : 0;
                orange += Near(image[x, y], "#fdd0a2") ? 1 : 0;
            }
        Assert.True(blue > 120 * 240 * 0.8 && orange > 120 * 240 * 0.8, $"the decision boundary shows {blue} light-blue and {orange} light-orange pixels");
    }

    [ChromiumFact]
    public void The_browser_DOM_holds_every_chart_with_its_points()
    {
        string dom = Chromium.DumpDom(WriteReport());
        var charts = ReportSamples.Charts(dom);
        Assert.Equal(["chart-loss", "chart-accuracy", "chart-lr"], charts.Keys);
        Assert.All(charts.Values.SelectMany(c => c.Values), points => Assert.Equal(30, points.Length));
        Assert.Contains("<td class=\"cell diagonal\" data-true=\"1\" data-pred=\"1\"", dom);
    }
}
