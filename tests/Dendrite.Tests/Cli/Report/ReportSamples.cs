using System.Text.RegularExpressions;
using Dendrite.Cli.Report;
using Dendrite.Training;

namespace Dendrite.Tests.Cli.Report;

/// <summary>Histories and reports for the report tests, and a reader of the charts in the written HTML.</summary>
internal static partial class ReportSamples
{
    /// <summary>A history of <paramref name="epochs"/> epochs whose values are given by <paramref name="values"/>(epoch).</summary>
    public static History History(int epochs, Func<int, IEnumerable<(string Name, double Value)>> values)
    {
        var history = new History();
        for (int e = 0; e < epochs; e++)
            history.Add(new EpochLog(e, [.. values(e).Select(v => KeyValuePair.Create(v.Name, v.Value))]));
        return history;
    }

    /// <summary>A plausible run: loss falling from 2.3 towards 0.1, dev a little worse, accuracy rising, lr halving every 10 epochs.</summary>
    public static History Realistic(int epochs = 30) => History(epochs, e =>
    {
        double wobble = 0.03 * Math.Sin(1.7 * e);
        double loss = 2.2 * Math.Exp(-e / 6.0) + 0.1 + wobble;
        double devLoss = 2.2 * Math.Exp(-e / 7.0) + 0.18 - wobble / 2;
        return [("loss", loss), ("accuracy", 1 - 0.9 * Math.Exp(-e / 5.0)), ("dev_loss", devLoss),
                ("dev_accuracy", 0.97 - 0.87 * Math.Exp(-e / 6.0)), ("lr", 0.01 * Math.Pow(0.5, e / 10)), ("seconds", 1.5)];
    });

    /// <summary>A three-class matrix: row t holds the counts of true class t.</summary>
    public static ConfusionMatrix Matrix()
    {
        var m = new ConfusionMatrix(3);
        int[][] counts = [[50, 3, 1], [4, 40, 6], [0, 2, 44]];
        for (int t = 0; t < 3; t++)
            for (int p = 0; p < 3; p++)
                m.Add(Enumerable.Repeat(t, counts[t][p]).ToArray(), Enumerable.Repeat(p, counts[t][p]).ToArray());
        return m;
    }

    /// <summary>A full report of the realistic run.</summary>
    public static ReportData Data(History? history = null) => new(
        "mnist-mlp",
        [new("spec", "specs/mnist.yaml"), new("optimizer", "adam"), new("learning rate", "0.01"), new("batch size", "64"), new("epochs", "30")],
        history ?? Realistic(),
        [new("test_accuracy", 0.9731), new("test_loss", 0.0912)],
        Matrix(),
        ["cat", "dog", "bird"]);

    /// <summary>The charts of a page, by svg id, each with its series by name and their points as "x,y" strings.</summary>
    public static Dictionary<string, Dictionary<string, string[]>> Charts(string html) =>
        ChartPattern().Matches(html).ToDictionary(
            m => m.Groups["id"].Value,
            m => SeriesPattern().Matches(m.Groups["body"].Value).ToDictionary(
                s => System.Net.WebUtility.HtmlDecode(s.Groups["name"].Value),
                s => s.Groups["points"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [GeneratedRegex("""<svg class="chart" id="(?<id>[^"]*)"(?<body>.*?)</svg>""", RegexOptions.Singleline)]
    private static partial Regex ChartPattern();

    [GeneratedRegex("""<polyline class="series" data-name="(?<name>[^"]*)"[^>]*?points="(?<points>[^"]*)"[^>]*>""")]
    private static partial Regex SeriesPattern();
}
