using Dendrite.Training;

namespace Dendrite.Tests.Training.Strategy;

/// <summary>Error analysis on hand-made probabilities, and the course's ceiling table.</summary>
public class ErrorAnalysisTests
{
    // rows: (true label, probabilities over 3 classes)
    private static readonly double[,] P =
    {
        { 0.7, 0.2, 0.1 },   // 0 right
        { 0.1, 0.3, 0.6 },   // 1 wrong → 2, loss −ln 0.3
        { 0.5, 0.4, 0.1 },   // 1 wrong → 0, loss −ln 0.4
        { 0.05, 0.9, 0.05 }, // 2 wrong → 1, loss −ln 0.05
        { 0.2, 0.2, 0.6 },   // 2 right
        { 0.1, 0.2, 0.7 },   // 1 wrong → 2, loss −ln 0.2
    };
    private static readonly int[] Labels = [0, 1, 1, 2, 2, 1];

    [Fact]
    public void Misclassified_examples_come_worst_first_with_confidence_and_loss()
    {
        var errors = ErrorAnalysis.Misclassified(P, Labels);
        Assert.Equal([3, 5, 1, 2], errors.Select(e => e.Index));
        Assert.Equal(new Misclassified(3, 2, 1, 0.9, -Math.Log(0.05)), errors[0]);
        Assert.Equal(0.6, errors[2].Confidence);
        Assert.Equal(-Math.Log(0.3), errors[2].Loss, 12);
    }

    [Fact]
    public void Confused_pairs_count_true_and_predicted_classes()
    {
        var pairs = ErrorAnalysis.ConfusedPairs(ErrorAnalysis.Misclassified(P, Labels));
        Assert.Equal([(1, 2, 2), (1, 0, 1), (2, 1, 1)], pairs);
    }

    [Fact]
    public void Label_noise_candidates_are_the_lowest_probabilities_of_the_given_label()
    {
        var candidates = ErrorAnalysis.LabelNoiseCandidates(P, Labels, top: 2);
        Assert.Equal([(3, 2, 0.05), (5, 1, 0.2)], candidates);
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorAnalysis.LabelNoiseCandidates(P, [0, 1, 1, 2, 3, 1], 2));
    }

    [Fact]
    public void The_ceiling_table_is_the_courses()
    {
        // The lecture: dev error 10%, 100 mislabelled examples examined; 5 are dogs, 50 great cats, 61 blurry (an image may be both).
        var tags = new List<IReadOnlyList<string>>();
        for (int i = 0; i < 100; i++)
        {
            var t = new List<string>();
            if (i < 5) t.Add("dog");
            if (i >= 5 && i < 55) t.Add("great cat");
            if (i >= 39) t.Add("blurry");
            tags.Add(t);
        }
        var table = ErrorAnalysis.Ceiling(0.10, tags);
        Assert.Equal(["blurry", "great cat", "dog"], table.Select(r => r.Tag));
        Assert.Equal((61, 0.61), (table[0].Count, table[0].Share));
        Assert.Equal(0.05, table[1].ErrorIfFixed, 12);   // fixing great cats: 10% → 5%
        Assert.Equal(0.095, table[2].ErrorIfFixed, 12);  // fixing dogs: 10% → 9.5%, the course's ceiling
    }
}
