using Dendrite.Vision;

namespace Dendrite.Training;

/// <summary>
/// Detection quality of a YOLO network over a split: its raw outputs are decoded by the <see cref="YoloHead"/> (every
/// box scoring at least <see cref="ScoreThreshold"/>, NMS per class at IoU 0.5, at most <see cref="MaxBoxes"/> per
/// image) and compared with the target boxes: PASCAL VOC all-point mAP at IoU 0.5 (<c>map50</c>) or COCO AP@[.5:.95]
/// (<c>map</c>), see <see cref="AveragePrecision"/>.
/// </summary>
/// <remarks><b>Shape:</b> predictions [N, A·(5 + C), S_h, S_w], targets [N, B, 5] rows (class, x1, y1, x2, y2), class −1
/// for padding (<see cref="DetectionTargets"/>). Batches are numbered on as images, so a split may come in any batches.</remarks>
/// <param name="head">The decoding; required before the first update (the registry creates the metric without one, to read its name and direction).</param>
/// <param name="coco">COCO AP@[.5:.95] instead of VOC AP@0.5.</param>
public sealed class MeanAveragePrecision(YoloHead? head = null, bool coco = false) : Metric
{
    private readonly List<Detection> _detections = [];
    private readonly List<GroundTruthBox> _truths = [];
    private int _images;

    /// <summary>The decoding.</summary>
    public YoloHead? Head { get; } = head;

    /// <summary>COCO AP@[.5:.95] rather than VOC AP@0.5.</summary>
    public bool Coco { get; } = coco;

    /// <summary>Lowest score decoded (low, so the precision–recall curve runs to high recall).</summary>
    public double ScoreThreshold { get; init; } = 0.01;

    /// <summary>Most boxes kept per image.</summary>
    public int MaxBoxes { get; init; } = 100;

    /// <inheritdoc/>
    public override string Name => Coco ? "map" : "map50";

    /// <inheritdoc/>
    public override bool HigherIsBetter => true;

    /// <inheritdoc/>
    public override void Reset()
    {
        _detections.Clear();
        _truths.Clear();
        _images = 0;
    }

    /// <inheritdoc/>
    public override void Update(Tensor predictions, Tensor targets)
    {
        if (Head is null) throw new InvalidOperationException($"{Name} decodes YOLO outputs and needs a YoloHead: create it as new MeanAveragePrecision(head).");
        if (targets.Rank != 3 || targets.Shape[0] != predictions.Shape[0])
            throw new ArgumentException($"{Name} expects targets [{predictions.Shape[0]}, B, 5] for predictions {predictions.Shape} but got {targets.Shape}.");
        _detections.AddRange(Head.Detect(predictions, ScoreThreshold, 0.5, MaxBoxes, perClass: true, firstImage: _images));
        _truths.AddRange(DetectionTargets.Unpack(targets, _images));
        _images += predictions.Shape[0];
    }

    /// <inheritdoc/>
    public override double Result() => Coco ? AveragePrecision.Coco(_detections, _truths) : AveragePrecision.Voc(_detections, _truths);
}
