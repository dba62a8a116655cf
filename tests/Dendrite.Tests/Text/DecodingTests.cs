using Dendrite.Text;

namespace Dendrite.Tests.Text;

/// <summary>Greedy and temperature sampling, and beam search with the course's length normalization.</summary>
public class DecodingTests
{
    [Fact]
    public void Greedy_takes_the_first_largest_score()
    {
        Assert.Equal(1, Sampling.Greedy([0.1, 3, 3, -2]));
        Assert.Equal(2, Sampling.WithTemperature([1, 2, 5], 0, new Random(1)));
    }

    [Fact]
    public void Temperature_one_with_numpys_generator_is_np_random_choice_of_the_softmax()
    {
        double[] logits = [0.5, -1, 2, 0];
        var p = Sampling.Softmax(logits);
        Assert.Equal(1, p.Sum(), 12);
        var a = new NumpyRandom(3);
        var b = new NumpyRandom(3);
        for (int i = 0; i < 20; i++) Assert.Equal(b.Choice(4, p), Sampling.WithTemperature(logits, 1, a));
    }

    [Fact]
    public void Temperature_sharpens_or_flattens_the_distribution()
    {
        double[] logits = [0, 1, 2];
        static double[] Frequencies(double[] logits, double t)
        {
            var random = new Random(5);
            var counts = new double[3];
            for (int i = 0; i < 20_000; i++) counts[Sampling.WithTemperature(logits, t, random)]++;
            return [.. counts.Select(c => c / 20_000)];
        }
        var normal = Frequencies(logits, 1);
        var expected = Sampling.Softmax(logits);
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], normal[i], 1.5e-2);
        Assert.True(Frequencies(logits, 0.2)[2] > 0.99);
        Assert.All(Frequencies(logits, 100), f => Assert.InRange(f, 0.3, 0.37));
    }

    /// <summary>
    /// A toy decoder over tokens {0: "a", 1: "b", 2: end}: after "a" it is unsure, after "b" it is sure; greedy picks "a"
    /// first (0.6 against 0.4) but "b end" (0.4·0.9 = 0.36) beats any continuation of "a" (at most 0.6·0.4 = 0.24).
    /// </summary>
    private static double[] Toy(IReadOnlyList<int> prefix)
    {
        double[] p = prefix.Count == 0 ? [0.6, 0.4, 0.0] : prefix[^1] == 0 ? [0.3, 0.3, 0.4] : [0.05, 0.05, 0.9];
        return [.. p.Select(v => Math.Log(v))];
    }

    [Fact]
    public void A_wider_beam_finds_what_greedy_misses()
    {
        var greedy = BeamSearch.Decode(Toy, endToken: 2, beamWidth: 1, maxLength: 5, alpha: 0);
        Assert.Equal([0, 2], greedy[0].Tokens);
        var beam = BeamSearch.Decode(Toy, endToken: 2, beamWidth: 2, maxLength: 5, alpha: 0);
        Assert.Equal([1, 2], beam[0].Tokens);
        Assert.Equal(Math.Log(0.4 * 0.9), beam[0].LogProbability, 12);
    }

    [Fact]
    public void Length_normalization_divides_by_the_length_to_the_power_alpha()
    {
        // tokens {0: "a", 1: end}: "end" alone has P 0.4 (log −0.916); "a a end" has 0.6·0.6·0.9 = 0.324 (log −1.127,
        // −0.522 per 3^0.7), "a end" 0.24 (−0.878 per 2^0.7): raw probability favours the short output, the course's
        // normalized objective the long one
        static double[] Model(IReadOnlyList<int> prefix) =>
            [.. (prefix.Count < 2 ? new[] { 0.6, 0.4 } : [0.1, 0.9]).Select(v => Math.Log(v))];
        var raw = BeamSearch.Decode(Model, endToken: 1, beamWidth: 3, maxLength: 3, alpha: 0);
        Assert.Equal([1], raw[0].Tokens);
        var normalized = BeamSearch.Decode(Model, endToken: 1, beamWidth: 3, maxLength: 3);
        Assert.Equal([0, 0, 1], normalized[0].Tokens);
        Assert.Equal(Math.Log(0.324) / Math.Pow(3, 0.7), normalized[0].Score, 12);
    }
}
