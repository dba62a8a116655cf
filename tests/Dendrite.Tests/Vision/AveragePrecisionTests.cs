using Dendrite.Vision;

namespace Dendrite.Tests.Vision;

/// <summary>VOC and COCO average precision on hand-computed cases.</summary>
public class AveragePrecisionTests
{
    // One image, three boxes of class 0; five detections in decreasing score: TP, FP (no overlap), TP, FP (a duplicate), TP.
    private static readonly GroundTruthBox[] Truths = [new(0, 0, 0, 0, 10, 10), new(0, 0, 20, 0, 30, 10), new(0, 0, 40, 0, 50, 10)];
    private static readonly Detection[] Detections =
    [
        new(0, 0, 0.9, 0, 0, 10, 10), new(0, 0, 0.8, 60, 60, 70, 70), new(0, 0, 0.7, 20, 0, 30, 10),
        new(0, 0, 0.6, 0, 0, 10, 10), new(0, 0, 0.5, 40, 0, 50, 10),
    ];

    [Fact]
    public void Voc_all_point_and_eleven_point_ap_of_the_hand_case()
    {
        // precision 1, 1/2, 2/3, 1/2, 3/5 at recall 1/3, 1/3, 2/3, 2/3, 1; envelope 1, 2/3, 2/3, 3/5, 3/5
        Assert.Equal(1.0 / 3 + 1.0 / 3 * 2 / 3 + 1.0 / 3 * 0.6, AveragePrecision.Voc(Detections, Truths), 12);              // 34/45
        Assert.Equal((4 * 1.0 + 3 * 2.0 / 3 + 4 * 0.6) / 11, AveragePrecision.Voc(Detections, Truths, elevenPoint: true), 12);
    }

    [Fact]
    public void Coco_reads_the_envelope_at_101_recall_points()
    {
        // r = 0 … 0.33 → 1 (34 points), 0.34 … 0.66 → 2/3 (33), 0.67 … 1 → 3/5 (34); exact boxes match at every IoU threshold
        double expected = (34 * 1.0 + 33 * 2.0 / 3 + 34 * 0.6) / 101;
        Assert.Equal(expected, AveragePrecision.Coco(Detections, Truths, 0.5), 12);
        Assert.Equal(expected, AveragePrecision.Coco(Detections, Truths), 12);
    }

    [Fact]
    public void A_box_of_iou_0_62_counts_up_to_the_threshold_0_6_only()
    {
        GroundTruthBox[] truth = [new(0, 1, 0, 0, 10, 10)];
        Detection[] found = [new(0, 1, 0.9, 0, 0, 10, 6.2)];
        Assert.Equal(0.3, AveragePrecision.Coco(found, truth), 12);   // AP 1 at 0.50, 0.55, 0.60; 0 at the seven above
        Assert.Equal(1, AveragePrecision.Voc(found, truth), 12);
        Assert.Equal(0, AveragePrecision.Voc(found, truth, iouThreshold: 0.7), 12);
    }

    [Fact]
    public void Classes_average_detections_in_other_images_are_false_positives_and_classes_without_truth_are_skipped()
    {
        GroundTruthBox[] truths = [new(0, 0, 0, 0, 10, 10), new(1, 1, 0, 0, 10, 10)];
        Detection[] detections =
        [
            new(1, 0, 0.95, 0, 0, 10, 10),   // class 0 in image 1, which has no class-0 box: a false positive ranked first
            new(0, 0, 0.9, 0, 0, 10, 10),
            new(1, 1, 0.8, 0, 0, 10, 10),
            new(0, 2, 0.99, 0, 0, 10, 10),   // class 2 has no ground truth: not averaged in
        ];
        // class 0: precision 0, 1/2 at recall 0, 1 → envelope 1/2 → AP 1/2; class 1: AP 1
        Assert.Equal(0.75, AveragePrecision.Voc(detections, truths), 12);
        Assert.Equal(0, AveragePrecision.Voc([], truths), 12);
    }
}
