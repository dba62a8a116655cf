using Dendrite.Training;

namespace Dendrite.Tests.Training.Metrics;

public class ExactMatchTests
{
    [Fact]
    public void A_sequence_counts_only_when_every_labelled_step_is_right_and_batches_accumulate()
    {
        // arg-max per step: row 0 → [1, 0], row 1 → [1, 1], row 2 → [0, 1]
        var scores = Tensor.FromArray(new float[] { 0, 1, 1, 0, /**/ 0, 1, 0, 1, /**/ 1, 0, 0, 1 }, [3, 2, 2]);
        var labels = Tensor.FromArray(new[] { 1, 0, /**/ 1, 0, /**/ 0, -100 }, [3, 2]);
        var metric = new ExactMatch();
        Assert.Equal(2.0 / 3, metric.Compute(scores, labels), 12);  // row 1 is wrong at step 1; row 2's second step is ignored
        metric.Update(scores.Narrow(0, 1, 1), labels.Narrow(0, 1, 1));
        Assert.Equal(2.0 / 4, metric.Result(), 12);
        Assert.IsType<ExactMatch>(Dendrite.Training.Metrics.Create("exact_match"));
        var e = Assert.Throws<ArgumentException>(() => metric.Update(scores.Reshape(6, 2), labels));
        Assert.Contains("[N, T, C]", e.Message);
    }
}
