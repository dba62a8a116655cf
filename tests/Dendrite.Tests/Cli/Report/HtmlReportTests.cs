using Dendrite.Cli.Report;
using Dendrite.Training;

namespace Dendrite.Tests.Cli.Report;

public sealed class HtmlReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dendrite-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Text_from_the_run_is_escaped_everywhere()
    {
        const string evil = "<script>alert(1)</script>";
        var history = ReportSamples.History(3, e => [("loss", 1.0 / (e + 1)), ("<img src=x onerror=alert(2)>", 0.5), ("dev_<img src=x onerror=alert(2)>", 0.4)]);
        var data = new ReportData(evil, [new("spec \"name\"", evil), new("a&b", "'quoted'")], history,
                                  [new("<b>test</b>", 0.5)], ReportSamples.Matrix(), ["<i>cat</i>", "dog", evil]);
        string html = HtmlReport.Render(data);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<i>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("a&amp;b", html);
        Assert.Contains("spec &quot;name&quot;", html);
        Assert.Contains("data-name=\"&lt;img src=x onerror=alert(2)&gt;\"", html);
        Assert.Contains("id=\"chart--img-src-x-onerror-alert-2--\"", html);
    }

    [Fact]
    public void The_page_loads_nothing_from_anywhere()
    {
        string html = HtmlReport.Render(ReportSamples.Data());
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html);
        foreach (var outside in (string[])["<script", "<link", "<img", "<iframe", "http:", "https:", "url(", "@import", "src="])
            Assert.DoesNotContain(outside, html);
    }

    [Fact]
    public void Final_metrics_and_settings_appear_in_the_order_given()
    {
        string html = HtmlReport.Render(ReportSamples.Data());
        Assert.Contains("<tr><th scope=\"row\">test_accuracy</th><td>0.9731</td></tr>", html);
        int optimizer = html.IndexOf("<th scope=\"row\">optimizer</th><td>adam</td>", StringComparison.Ordinal);
        int batch = html.IndexOf("<th scope=\"row\">batch size</th><td>64</td>", StringComparison.Ordinal);
        Assert.True(optimizer > 0 && batch > optimizer);
        Assert.Contains("<h1>mnist-mlp</h1>", html);
        Assert.Contains("id=\"confusion-matrix\"", html);
    }

    [Fact]
    public void A_run_with_no_epochs_and_no_matrix_still_makes_a_page()
    {
        var data = new ReportData("empty", [], new History(), []);
        string html = HtmlReport.Render(data);
        Assert.Contains("No epochs were logged.", html);
        Assert.Empty(ReportSamples.Charts(html));
        Assert.DoesNotContain("confusion-matrix", html);
    }

    [Fact]
    public void Write_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_folder, "report.html");
        File.WriteAllText(path, "old");
        HtmlReport.Write(path, ReportSamples.Data());
        Assert.Equal(HtmlReport.Render(ReportSamples.Data()), File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]); // no byte-order mark
    }

    [Fact]
    public void Write_into_a_missing_folder_names_it_and_creates_nothing()
    {
        string missing = Path.Combine(_folder, "no-such-folder");
        var e = Assert.Throws<DirectoryNotFoundException>(() => HtmlReport.Write(Path.Combine(missing, "report.html"), ReportSamples.Data()));
        Assert.Contains(missing, e.Message);
        Assert.False(Directory.Exists(missing));
    }
}
