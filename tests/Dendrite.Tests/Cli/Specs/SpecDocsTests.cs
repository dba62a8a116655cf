using System.Text.RegularExpressions;
using Dendrite.Cli.Specs;
using Dendrite.Tests.Shipping;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>
/// docs/SPEC.md's kind tables are the kinds themselves: each table is rendered from the kinds' names, fields, defaults
/// and what they build, and must appear in the docs word for word. A kind, field or default changed in code without
/// the docs (or the other way) fails here, and the message holds the table to paste.
/// </summary>
public partial class SpecDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(SourceCopy.Repository, "docs", "SPEC.md")).Replace("\r\n", "\n");

    public static TheoryData<string> Sections => ["layers", "zoo", "datasets", "augmentations", "optimizers", "schedules"];

    [Theory]
    [MemberData(nameof(Sections))]
    public void Each_kind_table_is_the_kinds_own_description(string section)
    {
        string table = Render(section);
        Assert.True(Doc.Contains(table, StringComparison.Ordinal), $"docs/SPEC.md does not hold the {section} table as the code describes it; expected:\n\n{table}");
    }

    [Fact]
    public void The_built_in_specs_table_lists_every_built_in_spec_and_nothing_else()
    {
        var lines = Doc.Split('\n');
        int start = Array.FindIndex(lines, l => l.StartsWith("## Built-in specs", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/SPEC.md has no section '## Built-in specs'");
        int header = Array.FindIndex(lines, start, l => l.StartsWith("| name |", StringComparison.Ordinal));
        var documented = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).SelectMany(l => Names(l.Split('|')[1]));
        Assert.Equal(SpecReader.BuiltInNames.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_loss_row_names_every_loss() =>
        Assert.Equal(RunSpec.Losses.Order(StringComparer.Ordinal),
                     Names(Doc.Split('\n').Single(l => l.StartsWith("| `loss` |", StringComparison.Ordinal)).Split('|')[2]).Order(StringComparer.Ordinal));

    [Fact]
    public void A_changed_default_is_caught()
    {
        string table = Render("optimizers");
        Assert.Contains(table, Doc, StringComparison.Ordinal);
        Assert.DoesNotContain(table.Replace("(`0.999`)", "(`0.99`)", StringComparison.Ordinal), Doc, StringComparison.Ordinal);
    }

    /// <summary>The markdown table of one family of kinds: header, separator and one row per kind.</summary>
    internal static string Render(string section) => section switch
    {
        "layers" => Table("type", "builds", LayerKinds.Table.All.Select(k => ((SpecKind)k, k.Builds))),
        "zoo" => Table("zoo", "builds", ZooKinds.Table.All.Select(k => ((SpecKind)k, k.Builds))),
        "datasets" => Table("dataset", "targets", DatasetKinds.Table.All.Select(k => ((SpecKind)k, k.Targets))),
        "augmentations" => Table("type", "builds", AugmentationKinds.Table.All.Select(k => ((SpecKind)k, k.Builds))),
        "optimizers" => Table("name", "builds", OptimizerKinds.Table.All.Select(k => ((SpecKind)k, k.Builds))),
        _ => Table("type", "α(t)", ScheduleKinds.Table.All.Select(k => ((SpecKind)k, k.Formula))),
    };

    private static string Table(string first, string last, IEnumerable<(SpecKind Kind, string Last)> rows) =>
        $"| {first} | fields (default) | {last} |\n|---|---|---|\n" +
        string.Concat(rows.Select(r => $"| `{r.Kind.Name}` | {Fields(r.Kind)} | {r.Last} |\n"));

    private static string Fields(SpecKind kind) => kind.Fields.Count == 0 ? "none" : string.Join("; ", kind.Fields.Select(f =>
        $"`{f.Name}` ({(f.Required ? "required" : f.DefaultText is null ? "optional" : f.Default is null ? f.DefaultText : $"`{f.DefaultText}`")}): {f.Doc}"));

    private static IEnumerable<string> Names(string cell) => Backticked().Matches(cell).Select(m => m.Groups[1].Value);

    [GeneratedRegex("`([a-z0-9_-]+)`")]
    private static partial Regex Backticked();
}
