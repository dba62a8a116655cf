using System.Text;
using Dendrite.Cli;
using Dendrite.Cli.Specs;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>Hostile spec text — deep nesting, alias bombs, text that is not Unicode — gets a one-line error naming the file, before any expansion.</summary>
public class SpecLimitsTests
{
    [Theory]
    [InlineData(40_000)]
    [InlineData(33)]
    public void Yaml_nested_past_the_limit_is_refused_without_recursion(int depth)
    {
        string yaml = "name: deep\nx: " + new string('[', depth) + new string(']', depth) + "\n";
        var e = Assert.Throws<CliException>(() => SpecReader.Parse(yaml, "deep.yaml", null));
        Assert.StartsWith("deep.yaml: line 2: nested more than 32 levels deep", e.Message);
    }

    [Fact]
    public void Yaml_at_the_depth_limit_still_parses_into_the_binder()
    {
        string yaml = "name: ok\ndata: moons\nmodel: {layers: [{type: dense, units: 1}]}\nx: " + new string('[', 30) + new string(']', 30) + "\n";
        var e = Assert.Throws<CliException>(() => SpecReader.Parse(yaml, "ok.yaml", null));
        Assert.Contains("x", e.Message); // the binder's unknown-field error: the parser let it through
    }

    [Fact]
    public void An_alias_bomb_is_refused_before_expansion()
    {
        var yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'i'; c++) yaml.Append($"{c}: &{c} [*{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}]\n");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CliException>(() => SpecReader.Parse(yaml.ToString(), "bomb.yaml", null));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "the aliases were expanded");
        Assert.StartsWith("bomb.yaml: line 2: the alias *a is not supported in specs", e.Message);
    }

    [Fact]
    public void Too_many_nodes_are_refused()
    {
        string yaml = "name: wide\nx: [" + string.Join(", ", Enumerable.Repeat("1", YamlToJson.MaxNodes + 10)) + "]\n";
        Assert.Contains("more than 100,000 YAML nodes", Assert.Throws<CliException>(() => SpecReader.Parse(yaml, "wide.yaml", null)).Message);
    }

    [Fact]
    public void Json_with_a_lone_surrogate_names_the_file()
    {
        string json = "{ \"name\": \"a" + '\ud800' + "b\" }";
        var e = Assert.Throws<CliException>(() => SpecReader.Parse(json, "bad.json", null));
        Assert.StartsWith("bad.json: invalid JSON: the text is not valid Unicode", e.Message);
    }
}
