using System.Text.RegularExpressions;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Report;

/// <summary>The course's decision-boundary figure in the report of a 2-D classifier.</summary>
public sealed class DecisionBoundaryTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_moons_run_draws_both_classes_regions_and_its_points()
    {
        string spec = _dir.File("moons.json", """
            { "name": "moons", "data": { "dataset": "moons", "count": 300, "noise": 0.2, "seed": 3 },
              "model": { "layers": [ { "type": "dense", "units": 16, "init": "he" }, "relu", { "type": "dense", "units": 1 } ] },
              "optimizer": { "name": "adam", "learning_rate": 0.01 }, "batch_size": 32, "epochs": 60, "seed": 1 }
            """);
        var r = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "train", spec, "--out", "run", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        string report = File.ReadAllText(Path.Combine(_dir.Path, "run", "report.html"));
        Assert.Contains("img-src data:", report);   // the page's content security policy lets the inline image show
        var match = Regex.Match(report, "<img class=\"decision-boundary\"[^>]* src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");
        Assert.True(match.Success, "no decision-boundary image in the report");
        var png = Png.Decode(Convert.FromBase64String(match.Groups[1].Value));
        Assert.Equal((240, 240), (png.Width, png.Height));
        var counts = new Dictionary<(byte, byte, byte), int>();
        for (int y = 0; y < 240; y++)
            for (int x = 0; x < 240; x++) counts[png[x, y]] = counts.GetValueOrDefault(png[x, y]) + 1;
        (byte, byte, byte) lightBlue = (198, 219, 239), lightOrange = (253, 208, 162), blue = (8, 81, 156), orange = (217, 72, 1);
        Assert.True(counts.GetValueOrDefault(lightBlue) > 240 * 240 / 5, "class 0's region is missing");
        Assert.True(counts.GetValueOrDefault(lightOrange) > 240 * 240 / 5, "class 1's region is missing");
        Assert.True(counts.GetValueOrDefault(blue) > 300 && counts.GetValueOrDefault(orange) > 300, "the training points are missing");
        // Moons: the outer moon (class 0) tops the plane, the inner one (class 1) its bottom right.
        Assert.Equal(lightBlue, png[120, 8]);
        Assert.Equal(lightOrange, png[225, 225]);
    }

    [Fact]
    public void Runs_with_more_than_two_features_have_no_decision_boundary()
    {
        string csv = _dir.File("three.csv", "a,b,c,label\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => $"{i % 7},{i % 5},{i % 3},{i % 2}")));
        string spec3 = _dir.File("three.json", $$"""
            { "data": { "dataset": "csv", "path": "{{csv}}", "classification": true }, "model": { "layers": [ { "type": "dense", "units": 2 } ] }, "epochs": 1 }
            """);
        var r = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "train", spec3, "--out", "run3", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("decision-boundary", File.ReadAllText(Path.Combine(_dir.Path, "run3", "report.html")));
    }
}
