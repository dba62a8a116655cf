using Dendrite.Cli;
using Dendrite.Cli.Specs;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>Layer sizes are checked from the spec before any layer allocates: the array limit per tensor, the memory budget in total.</summary>
public class ParameterBudgetTests
{
    [Fact]
    public void A_tensor_past_the_array_limit_names_the_field_and_the_exact_count()
    {
        var budget = new ParameterBudget(long.MaxValue, 4);
        // 2^22 · 2^21 · 2^21 = 2^64 would wrap to 0 in 64-bit arithmetic; the check saturates and prints the exact product.
        var e = Assert.Throws<CliException>(() => budget.Add("model.layers[3]", [("filters", "weight", [1L << 22, 1L << 21, 1L << 21])]));
        Assert.StartsWith("model.layers[3].filters: its weight would be 4,194,304 × 2,097,152 × 2,097,152 = 18,446,744,073,709,551,616 values", e.Message);
        Assert.Contains($"{Array.MaxLength:N0}", e.Message);
    }

    [Fact]
    public void The_running_total_is_held_to_a_quarter_of_the_budget()
    {
        var budget = new ParameterBudget(1 << 20, 4); // 1 MiB: 4 copies of at most 65,536 float32 values
        budget.Add("model.layers[0]", [("units", "weight", [256, 255]), ("units", "bias", [256])]);
        Assert.Equal(65_536, budget.Count);
        var e = Assert.Throws<CliException>(() => budget.Add("model.layers[2]", [("units", "bias", [1])]));
        Assert.StartsWith("model.layers[2].units: the model's parameters would reach 65,537 values", e.Message);
        Assert.Contains("more than the 1.0 MiB of memory", e.Message);
    }

    [Fact]
    public void Empty_dimensions_count_nothing() => new ParameterBudget(16, 4).Add("model.layers[0]", [("units", "weight", [0, long.MaxValue])]);

    [Theory]
    [InlineData("""{ "type": "dense", "units": 100000 }, { "type": "dense", "units": 100000 }""", "model.layers[1].units: its weight would be 100,000 × 100,000")]
    [InlineData("""{ "type": "dense", "units": 1000000000 }""", "model.layers[0].units: the model's parameters would reach 2,000,000,000 values")]
    public void A_huge_layer_in_a_spec_fails_before_it_is_built(string layers, string expected)
    {
        var spec = SpecReaderTests.Parse($$"""{ "data": { "dataset": "moons", "count": 50 }, "model": { "layers": [ {{layers}} ] }, "loss": "mse" }""");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CliException>(() => RunFactory.Build(spec));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "the layer was allocated before the check");
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void A_recurrent_layer_is_sized_by_its_hidden_field()
    {
        var spec = SpecReaderTests.Parse("""
            { "data": { "dataset": "dates", "count": 20, "test_count": 0 },
              "model": { "layers": [ { "type": "embedding", "dim": 4 }, { "type": "lstm", "hidden": 100000 } ] }, "loss": "cross_entropy" }
            """);
        var e = Assert.Throws<CliException>(() => RunFactory.Build(spec));
        Assert.StartsWith("model.layers[1].hidden: its weight_hh_l0 would be 400,000 × 100,000", e.Message);
    }
}
