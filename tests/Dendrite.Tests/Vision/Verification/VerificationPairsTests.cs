using Dendrite.Vision;

namespace Dendrite.Tests.Vision.Verification;

/// <summary>Balanced pairs, pair distances, and the best threshold against a brute-force sweep.</summary>
public class VerificationPairsTests
{
    [Fact]
    public void Balanced_pairs_have_as_many_positives_as_negatives_and_the_right_labels()
    {
        int[] labels = [0, 0, 0, 1, 1, 2];
        var pairs = VerificationPairs.Balanced(labels, 50, new Random(1));
        Assert.Equal(100, pairs.Length);
        Assert.Equal(50, pairs.Count(p => p.Same));
        Assert.All(pairs, p =>
        {
            Assert.NotEqual(p.First, p.Second);
            Assert.Equal(labels[p.First] == labels[p.Second], p.Same);
        });
        Assert.DoesNotContain(pairs, p => p.Same && p.First == 5);   // label 2 has one row: never a positive
        Assert.Equal(pairs, VerificationPairs.Balanced(labels, 50, new Random(1)));
        Assert.Throws<ArgumentException>(() => VerificationPairs.Balanced([0, 1, 2], 1, new Random(1)));
    }

    [Fact]
    public void Distances_are_euclidean_between_the_paired_rows()
    {
        var encodings = Tensor.FromArray(new double[] { 0, 0, 3, 4, 1, 1 }, [3, 2]);
        var d = VerificationPairs.Distances(encodings, [new(0, 1, false), new(2, 0, true)]);
        Assert.Equal([5, Math.Sqrt(2)], d);
    }

    [Fact]
    public void Best_threshold_on_a_hand_worked_case()
    {
        // Sorted: 0.1 S, 0.2 S, 0.4 D, 0.5 S, 0.9 D. Cutting between 0.2 and 0.4 gets 4 of 5 right (so does 0.5 | 0.9; the smaller wins).
        VerificationPair[] pairs = [new(0, 1, true), new(0, 2, true), new(0, 3, false), new(0, 4, true), new(0, 5, false)];
        var choice = VerificationPairs.BestThreshold([0.1, 0.2, 0.4, 0.5, 0.9], pairs);
        Assert.Equal(0.3, choice.Threshold, 12);
        Assert.Equal(0.8, choice.Accuracy, 12);
    }

    [Fact]
    public void Best_threshold_equals_a_brute_force_sweep()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = random.Next(1, 60);
            var pairs = Enumerable.Range(0, n).Select(i => new VerificationPair(i, i + 1, random.NextDouble() < 0.5)).ToArray();
            var distances = pairs.Select(p => Math.Round(random.NextDouble() + (p.Same ? 0 : 0.4), 1)).ToArray(); // rounding makes ties
            var candidates = distances.Append(distances.Max() + 1).Distinct();
            double best = candidates.Max(t => VerificationPairs.Accuracy(distances, pairs, t));
            var choice = VerificationPairs.BestThreshold(distances, pairs);
            Assert.Equal(best, choice.Accuracy, 12);
            Assert.Equal(best, VerificationPairs.Accuracy(distances, pairs, choice.Threshold), 12);
        }
    }
}
