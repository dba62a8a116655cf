using Dendrite.Training;

namespace Dendrite.Tests.Training.Metrics;

public class MeanIoUTests
{
    // labels [0 0 1 / 1 2 2], predictions [0 1 1 / 1 2 0]:
    // class 0: TP 1, FN 1 (pixel 1), FP 1 (pixel 5) → 1/3; class 1: TP 2, FP 1 → 2/3; class 2: TP 1, FN 1 → 1/2
    private static readonly int[] Labels = [0, 0, 1, 1, 2, 2];
    private static readonly int[] Predicted = [0, 1, 1, 1, 2, 0];

    /// <summary>Scores [1, C, 2, 3] whose arg-max over the classes is <paramref name="predicted"/>.</summary>
    private static Tensor Scores(int[] predicted, int classes)
    {
        var s = new float[classes * predicted.Length];
        for (int i = 0; i < predicted.Length; i++) s[predicted[i] * predicted.Length + i] = 1;
        return Tensor.FromArray(s, [1, classes, 2, 3]);
    }

    [Fact]
    public void Per_class_iou_is_tp_over_tp_fp_fn_and_the_mean_includes_background()
    {
        var metric = new MeanIoU();
        Assert.Equal(0.5, metric.Compute(Scores(Predicted, 3), Tensor.FromArray(Labels, [1, 2, 3])), 12);
        Assert.Equal([1.0 / 3, 2.0 / 3, 0.5], metric.PerClass());
        // the same from Int32 predicted classes with the class count given
        Assert.Equal(0.5, new MeanIoU(classes: 3).Compute(Tensor.FromArray(Predicted, [1, 2, 3]), Tensor.FromArray(Labels, [1, 2, 3])), 12);
        Assert.IsType<MeanIoU>(Dendrite.Training.Metrics.Create("mean_iou"));
    }

    [Fact]
    public void A_class_absent_from_labels_and_predictions_is_left_out_and_ignored_pixels_do_not_count()
    {
        var metric = new MeanIoU();
        Assert.Equal(0.5, metric.Compute(Scores(Predicted, 4), Tensor.FromArray(Labels, [1, 2, 3])), 12);
        Assert.True(double.IsNaN(metric.PerClass()[3]));
        // pixel 5 (label 2, predicted 0) ignored: class 0 → 1/2, class 1 → 2/3, class 2 → 1
        int[] ignored = [0, 0, 1, 1, 2, 255];
        Assert.Equal((0.5 + 2.0 / 3 + 1) / 3, new MeanIoU(ignoreIndex: 255).Compute(Scores(Predicted, 3), Tensor.FromArray(ignored, [1, 2, 3])), 12);
    }

    [Fact]
    public void Batches_pool_their_pixels_rather_than_averaging_per_image()
    {
        var metric = new MeanIoU();
        metric.Reset();
        metric.Update(Scores([0, 0, 0, 0, 0, 0], 3), Tensor.FromArray(new int[6], [1, 2, 3])); // all background, all right
        metric.Update(Scores(Predicted, 3), Tensor.FromArray(Labels, [1, 2, 3]));
        // class 0 over both images: TP 7, FN 1, FP 1 → 7/9; classes 1 and 2 as before
        Assert.Equal((7.0 / 9 + 2.0 / 3 + 0.5) / 3, metric.Result(), 12);
    }

    [Fact]
    public void Mismatched_shapes_fail_with_both()
    {
        var e = Assert.Throws<ArgumentException>(() => new MeanIoU().Update(Scores(Predicted, 3), Tensor.FromArray(Labels, [1, 3, 2])));
        Assert.Contains("[1, 3, 2, 3]", e.Message);
        Assert.Contains("[1, 3, 2]", e.Message);
        Assert.Throws<ArgumentException>(() => new MeanIoU().Update(Tensor.FromArray(Predicted, [1, 2, 3]), Tensor.FromArray(Labels, [1, 2, 3])));
    }
}
