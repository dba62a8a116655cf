using Dendrite.Models;
using Dendrite.NN;
using Dendrite.Vision;

namespace Dendrite.Cli.Specs;

/// <summary>
/// The detector's part of a run: checks that a spec with boxes as targets trains a YOLO model with loss yolo, chooses
/// the model's anchors by k-means (1 − IoU) on the training boxes, and builds the head that decodes its outputs.
/// </summary>
internal static class DetectionSetup
{
    /// <summary>The head for <paramref name="model"/>, whose anchors are set from <paramref name="trainY"/> [m, B, 5].</summary>
    public static YoloHead Prepare(RunSpec spec, LoadedData data, Module model, Tensor trainY, Shape inputShape, int seed)
    {
        if (model is not TinyYolo yolo)
            throw new CliException($"{spec.Name}: model: {spec.Data.Dataset} has boxes as targets, which a detector predicts; expected model.zoo tiny_yolo");
        if (spec.Loss is string loss && loss != "yolo")
            throw new CliException($"{spec.Name}: loss: {loss} does not fit boxes as targets; expected yolo (or no loss field)");
        if (spec.Data.Augment.Count > 0)
            throw new CliException($"{spec.Name}: data.augment: augmentations move pixels but not the boxes of {spec.Data.Dataset}; expected none");
        var truths = DetectionTargets.Unpack(trainY);
        int classes = data.ClassNames?.Count ?? (truths.Count == 0 ? 1 : truths.Max(t => t.Class) + 1);
        if (yolo.NumClasses < classes)
            throw new CliException($"{spec.Name}: model.classes: tiny_yolo predicts {yolo.NumClasses} classes but {spec.Data.Dataset} has {classes}; expected classes: {classes}");
        if (truths.Count < yolo.Anchors)
            throw new CliException($"{spec.Name}: model.anchors: {yolo.Anchors} anchors need at least as many training boxes but there are {truths.Count}");
        var sizes = truths.Select(t => (t.X2 - t.X1, t.Y2 - t.Y1)).ToList();
        yolo.SetAnchors(AnchorBoxes.KMeans(sizes, yolo.Anchors, new Random(seed)));
        return new YoloHead(yolo.AnchorSizes, yolo.NumClasses, inputShape[1], inputShape[2]);
    }

    /// <summary>An error for loss yolo on data without boxes.</summary>
    public static CliException YoloWithoutBoxes(RunSpec spec) =>
        new($"{spec.Name}: loss: yolo trains a detector on boxes but {spec.Data.Dataset} has no boxes as targets; expected bce, bce_logits, cross_entropy or mse");
}
