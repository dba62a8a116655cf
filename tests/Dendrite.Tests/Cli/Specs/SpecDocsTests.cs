using System.Text.RegularExpressions;
using Dendrite.Cli.Specs;
using Dendrite.Tests.Shipping;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>docs/SPEC.md's tables name exactly the kinds the spec reader accepts: a kind added or removed in code without the docs (or the other way) fails here.</summary>
public partial class SpecDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(SourceCopy.Repository, "docs", "SPEC.md"));

    public static TheoryData<string, string, string[]> Tables => new()
    {
        { "model", "type", [.. LayerSpec.Types] },
        { "data", "dataset", [.. DataSpec.Datasets] },
        { "optimizer", "name", [.. OptimizerSpec.Names] },
        { "schedule", "type", [.. ScheduleSpec.Types] },
        { "Built-in specs", "name", [.. SpecReader.BuiltInNames] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Each_table_lists_every_kind_and_nothing_else(string section, string firstColumn, string[] kinds)
    {
        var documented = FirstColumn(section, firstColumn);
        Assert.Equal(kinds.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_loss_row_names_every_loss() =>
        Assert.Equal(RunSpec.Losses.Order(StringComparer.Ordinal),
                     Names(Doc.Split('\n').Single(l => l.StartsWith("| `loss` |", StringComparison.Ordinal)).Split('|')[2]).Order(StringComparer.Ordinal));

    /// <summary>The backticked names in the first column of the table, under <c>## section</c>, whose header starts with <paramref name="firstColumn"/>.</summary>
    private static List<string> FirstColumn(string section, string firstColumn)
    {
        var lines = Doc.Split('\n');
        int start = Array.FindIndex(lines, l => l.StartsWith("## " + section, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/SPEC.md has no section '## {section}'");
        int header = Array.FindIndex(lines, start, l => l.StartsWith($"| {firstColumn} |", StringComparison.Ordinal));
        Assert.True(header >= 0, $"docs/SPEC.md's section {section} has no table starting with '{firstColumn}'");
        return [.. lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).SelectMany(l => Names(l.Split('|')[1]))];
    }

    private static IEnumerable<string> Names(string cell) => Backticked().Matches(cell).Select(m => m.Groups[1].Value);

    [GeneratedRegex("`([a-z0-9_-]+)`")]
    private static partial Regex Backticked();
}
