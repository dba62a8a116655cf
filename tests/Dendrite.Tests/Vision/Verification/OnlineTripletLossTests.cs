using Dendrite.NN;
using Dendrite.Vision;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.Vision.Verification;

/// <summary>
/// Online triplet mining: the triplets chosen and the loss equal a naive reference that enumerates every valid triplet
/// first and then filters it; a hand-worked semi-hard case; float64 gradient checks through the distance matrix.
/// </summary>
public class OnlineTripletLossTests
{
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 2, 2, 2, 1];

    /// <summary>The reference: D by double loops, every (a, p, n) with a ≠ p of one label and n of another, then each rule as a filter.</summary>
    private static (List<Triplet> Triplets, double Loss) Reference(double[] e, int d, int[] labels, double margin, TripletMining mining)
    {
        int n = labels.Length;
        double D(int i, int j) => Enumerable.Range(0, d).Sum(k => (e[i * d + k] - e[j * d + k]) * (e[i * d + k] - e[j * d + k]));
        var valid = (from a in Enumerable.Range(0, n)
                     from p in Enumerable.Range(0, n)
                     from q in Enumerable.Range(0, n)
                     where a != p && labels[a] == labels[p] && labels[q] != labels[a]
                     select new Triplet(a, p, q)).ToList();
        double Hinge(Triplet t) => Math.Max(D(t.Anchor, t.Positive) - D(t.Anchor, t.Negative) + margin, 0);
        List<Triplet> chosen = mining switch
        {
            TripletMining.BatchAll => valid.Where(t => Hinge(t) > 0).ToList(),
            TripletMining.BatchHard => valid.GroupBy(t => t.Anchor).Select(g =>
            {
                int p = g.Select(t => t.Positive).Distinct().OrderByDescending(p => D(g.Key, p)).ThenBy(p => p).First();
                int q = g.Select(t => t.Negative).Distinct().OrderBy(q => D(g.Key, q)).ThenBy(q => q).First();
                return new Triplet(g.Key, p, q);
            }).ToList(),
            _ => valid.GroupBy(t => (t.Anchor, t.Positive)).Select(g =>
            {
                double dap = D(g.Key.Anchor, g.Key.Positive);
                var band = g.Where(t => D(t.Anchor, t.Negative) > dap && D(t.Anchor, t.Negative) < dap + margin).ToList();
                return (band.Count > 0 ? band : g.ToList()).OrderBy(t => D(t.Anchor, t.Negative)).ThenBy(t => t.Negative).First();
            }).ToList(),
        };
        return (chosen, chosen.Count == 0 ? 0 : chosen.Average(Hinge));
    }

    [Theory]
    [InlineData(TripletMining.BatchAll, 0.2)]
    [InlineData(TripletMining.BatchAll, 1.0)]
    [InlineData(TripletMining.BatchHard, 0.2)]
    [InlineData(TripletMining.BatchHard, 1.0)]
    [InlineData(TripletMining.SemiHard, 0.2)]
    [InlineData(TripletMining.SemiHard, 1.0)]
    public void Triplets_and_loss_equal_the_naive_reference(TripletMining mining, double margin)
    {
        var embeddings = Functional.Normalize(Tensor.Uniform([Labels.Length, 3], -1, 1, new Random(7), DType.Float64));
        var loss = new OnlineTripletLoss(margin, mining);
        var (expected, expectedLoss) = Reference(embeddings.ToArray<double>(), 3, Labels, margin, mining);
        var mined = loss.Mine(Functional.PairwiseSquaredDistances(embeddings, embeddings), Labels);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(t => (t.Anchor, t.Positive, t.Negative)), mined);
        Assert.Equal(expectedLoss, loss.Compute(embeddings, Tensor.FromArray(Labels)).Item(), 13);
    }

    [Fact]
    public void Semi_hard_takes_the_band_and_falls_back_to_the_hardest_negative()
    {
        // 1-D points: A at 0 and 1, B at 1.1 and 3; α = 0.5 on squared distances.
        // (0, 1): d⁺ = 1, negatives 1.21 (in (1, 1.5)) and 9 → row 2.   (1, 0): d⁺ = 1, negatives 0.01 and 4, none in the band → hardest, row 2.
        // (2, 3): d⁺ = 3.61, negatives 1.21 and 0.01, none in (3.61, 4.11) → hardest, row 1.   (3, 2): d⁺ = 3.61, negatives 9 and 4 → 4 is in the band, row 1.
        var x = Tensor.FromArray(new double[] { 0, 1, 1.1, 3 }, [4, 1]);
        int[] labels = [0, 0, 1, 1];
        var loss = new OnlineTripletLoss(0.5, TripletMining.SemiHard);
        Assert.Equal([new(0, 1, 2), new(1, 0, 2), new(2, 3, 1), new Triplet(3, 2, 1)], loss.Mine(Functional.PairwiseSquaredDistances(x, x), labels));
        // (0.29 + 1.49 + 4.1 + 0.11) / 4
        Assert.Equal(5.99 / 4, loss.Compute(x, Tensor.FromArray(labels)).Item(), 12);
    }

    [Fact]
    public void A_batch_without_valid_triplets_costs_zero_and_still_backpropagates()
    {
        var x = Leaf([4, 2], 1);
        var j = new OnlineTripletLoss(mining: TripletMining.BatchHard).Compute(x, Tensor.FromArray(new[] { 3, 3, 3, 3 }));
        Assert.Equal(0.0, j.Item());
        j.Backward();
        Assert.All(x.Grad!.ToArray<double>(), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void Wrong_labels_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new OnlineTripletLoss().Compute(Tensor.Zeros([4, 2]), Tensor.FromArray(new[] { 1, 2, 3 })));
        Assert.Contains("[4, 2]", e.Message);
        Assert.Contains("[3]", e.Message);
    }

    [Theory]
    [InlineData(TripletMining.BatchAll)]
    [InlineData(TripletMining.BatchHard)]
    [InlineData(TripletMining.SemiHard)]
    public void Gradient_check_through_the_distance_matrix(TripletMining mining)
    {
        var labels = Tensor.FromArray(Labels);
        AssertCorrect(t => new OnlineTripletLoss(0.5, mining).Compute(t[0], labels), Leaf([Labels.Length, 3], 11, -1, 1));
    }
}
