using System.Text.RegularExpressions;
using Dendrite.Cli.Report;

namespace Dendrite.Tests.Cli.Report;

public sealed partial class ConfusionMatrixViewTests
{
    [GeneratedRegex("""<td class="cell(?<diagonal> diagonal)?" data-true="(?<t>\d+)" data-pred="(?<p>\d+)"[^>]*>(?<count>\d+)</td>""")]
    private static partial Regex Cell();

    [Fact]
    public void Each_cell_shows_the_count_of_its_true_and_predicted_class()
    {
        var matrix = ReportSamples.Matrix();
        var cells = Cell().Matches(ConfusionMatrixView.Render(matrix, ["cat", "dog", "bird"]));
        Assert.Equal(9, cells.Count);
        foreach (Match c in cells)
        {
            int t = int.Parse(c.Groups["t"].Value), p = int.Parse(c.Groups["p"].Value);
            Assert.Equal(matrix[t, p], long.Parse(c.Groups["count"].Value));
            Assert.Equal(t == p, c.Groups["diagonal"].Success);
        }
    }

    [Fact]
    public void Rows_are_true_classes_with_their_totals_and_names_label_both_axes()
    {
        string html = ConfusionMatrixView.Render(ReportSamples.Matrix(), ["cat", "dog", "bird"]);
        Assert.Contains("<th scope=\"row\">dog</th>", html);
        Assert.Contains("<th scope=\"col\">bird</th>", html);
        Assert.Contains("<td class=\"total\">50</td>", html); // 4 + 40 + 6 dogs
        Assert.Contains("150 examples", html);
    }

    [Fact]
    public void Without_names_classes_are_numbered_and_a_wrong_number_of_names_is_refused()
    {
        Assert.Contains("<th scope=\"col\">2</th>", ConfusionMatrixView.Render(ReportSamples.Matrix(), null));
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrixView.Render(ReportSamples.Matrix(), ["a", "b"]));
        Assert.Contains("2 class names", e.Message);
    }

    [Fact]
    public void The_diagonal_of_a_good_classifier_is_shaded_darker_than_its_mistakes()
    {
        string html = ConfusionMatrixView.Render(ReportSamples.Matrix(), null);
        Assert.Contains("data-true=\"0\" data-pred=\"0\" style=\"background:rgb(26,63,118);color:#fff\"", html); // 50/54 of the row
        Assert.Contains("data-true=\"2\" data-pred=\"0\" style=\"background:rgb(255,255,255);color:#111\"", html);
    }
}
