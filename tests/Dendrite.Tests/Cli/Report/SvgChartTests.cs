using System.Globalization;
using Dendrite.Cli.Report;

namespace Dendrite.Tests.Cli.Report;

public sealed class SvgChartTests
{
    private static (double X, double Y) Parse(string point)
    {
        var xy = point.Split(',');
        return (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Each_epoch_of_a_short_run_is_one_point_inside_the_plot()
    {
        var charts = ReportSamples.Charts(HtmlReport.Render(ReportSamples.Data()));
        Assert.Equal(30, charts["chart-loss"]["loss"].Length);
        Assert.Equal(30, charts["chart-loss"]["dev_loss"].Length);
        Assert.All(charts.Values.SelectMany(c => c.Values).SelectMany(p => p).Select(Parse), p =>
        {
            Assert.InRange(p.X, 64, 584);  // plot area: x from the left margin to width − right margin
            Assert.InRange(p.Y, 40, 272);  // y from the top margin to height − bottom margin
        });
    }

    [Fact]
    public void A_falling_loss_is_drawn_from_top_left_to_bottom_right()
    {
        var loss = ReportSamples.Charts(HtmlReport.Render(ReportSamples.Data()))["chart-loss"]["loss"].Select(Parse).ToArray();
        Assert.True(loss[0].X < loss[^1].X);
        Assert.True(loss[0].Y < loss[^1].Y, "SVG y grows downwards, so a higher loss has a smaller y");
    }

    [Fact]
    public void Cost_each_metric_and_the_learning_rate_get_one_chart_with_train_and_dev_series()
    {
        var charts = ReportSamples.Charts(HtmlReport.Render(ReportSamples.Data()));
        Assert.Equal(["chart-loss", "chart-accuracy", "chart-lr"], charts.Keys);
        Assert.Equal(["loss", "dev_loss"], charts["chart-loss"].Keys);
        Assert.Equal(["accuracy", "dev_accuracy"], charts["chart-accuracy"].Keys);
        Assert.Equal(["lr"], charts["chart-lr"].Keys);
    }

    [Fact]
    public void A_metric_logged_only_on_the_dev_set_still_gets_its_chart()
    {
        var history = ReportSamples.History(5, e => [("loss", 1.0 / (e + 1)), ("dev_f1", 0.1 * e)]);
        var charts = ReportSamples.Charts(HtmlReport.Render(ReportSamples.Data(history)));
        Assert.Equal(["loss"], charts["chart-loss"].Keys);
        Assert.Equal(["dev_f1"], charts["chart-f1"].Keys);
    }

    [Fact]
    public void One_epoch_draws_one_point_with_a_marker()
    {
        var history = ReportSamples.History(1, _ => [("loss", 0.7), ("accuracy", 0.5)]);
        string html = HtmlReport.Render(ReportSamples.Data(history));
        var point = Parse(Assert.Single(ReportSamples.Charts(html)["chart-loss"]["loss"]));
        Assert.True(double.IsFinite(point.X) && double.IsFinite(point.Y));
        Assert.Contains("<circle class=\"marker\"", html);
    }

    [Fact]
    public void NaN_and_infinite_values_are_skipped()
    {
        var history = ReportSamples.History(10, e => [("loss", e is 3 or 7 ? double.NaN : e == 5 ? double.PositiveInfinity : 1.0 / (e + 1))]);
        string html = HtmlReport.Render(ReportSamples.Data(history));
        Assert.Equal(7, ReportSamples.Charts(html)["chart-loss"]["loss"].Length);
        Assert.DoesNotContain("NaN", html);
        Assert.DoesNotContain("Infinity", html);
    }

    [Fact]
    public void A_series_with_no_finite_value_leaves_an_empty_chart_that_says_so()
    {
        var history = ReportSamples.History(3, _ => [("loss", double.NaN)]);
        string html = HtmlReport.Render(ReportSamples.Data(history));
        Assert.Empty(ReportSamples.Charts(html)["chart-loss"]);
        Assert.Contains("no finite values", html);
    }

    [Fact]
    public void Ten_thousand_epochs_are_drawn_with_at_most_a_thousand_points_from_first_to_last()
    {
        var history = ReportSamples.History(10_000, e => [("loss", 2.0 / Math.Sqrt(e + 1)), ("dev_loss", 2.5 / Math.Sqrt(e + 1))]);
        string html = HtmlReport.Render(ReportSamples.Data(history));
        var loss = ReportSamples.Charts(html)["chart-loss"]["loss"].Select(Parse).ToArray();
        Assert.InRange(loss.Length, 900, SvgChart.MaxPoints);
        Assert.Equal(64, loss[0].X, 0.1);     // epoch 1 at the left edge of the plot
        Assert.Equal(584, loss[^1].X, 0.1);   // epoch 10,000 at the right edge
        Assert.DoesNotContain("<circle", html);
        Assert.Equal(html, HtmlReport.Render(ReportSamples.Data(history)));
    }

    [Fact]
    public void Downsampling_keeps_first_last_and_spikes_in_order()
    {
        var points = Enumerable.Range(0, 10_000).Select(i => ((double)i, i == 4321 ? 50.0 : i == 777 ? -3.0 : Math.Sin(i * 0.01))).ToList();
        var kept = SvgChart.Downsample(points, SvgChart.MaxPoints);
        Assert.InRange(kept.Count, 2, SvgChart.MaxPoints);
        Assert.Equal(points[0], kept[0]);
        Assert.Equal(points[^1], kept[^1]);
        Assert.Contains(points[4321], kept);
        Assert.Contains(points[777], kept);
        Assert.Equal(kept.OrderBy(p => p.X), kept);
        Assert.Equal(kept, SvgChart.Downsample(points, SvgChart.MaxPoints));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1002)]
    [InlineData(12_345)]
    public void Downsampling_never_exceeds_the_budget_and_leaves_short_series_alone(int count)
    {
        var points = Enumerable.Range(0, count).Select(i => ((double)i, (double)(i % 7))).ToList();
        var kept = SvgChart.Downsample(points, SvgChart.MaxPoints);
        if (count <= SvgChart.MaxPoints) Assert.Equal(points, kept);
        else Assert.InRange(kept.Count, SvgChart.MaxPoints - 2, SvgChart.MaxPoints);
    }

    [Fact]
    public void Element_ids_keep_only_safe_characters()
    {
        Assert.Equal("chart-my-metric---", SvgChart.ElementId("chart-my metric\"<>"));
    }
}
