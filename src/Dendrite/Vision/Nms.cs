namespace Dendrite.Vision;

/// <summary>
/// Non-maximum suppression with torchvision's semantics: boxes are taken in decreasing score order (ties by lower
/// index, as a stable sort), and a box is suppressed when its IoU with a kept, higher-scoring box is <b>greater than</b>
/// the threshold. <see cref="Batched"/> suppresses only within a class; <see cref="ScoreFilter"/> keeps scores above a threshold.
/// </summary>
public static class Nms
{
    /// <summary>Indices of the kept boxes [N, 4] (corner form), highest score first.</summary>
    public static int[] Apply(Tensor boxes, Tensor scores, double iouThreshold)
    {
        var b = Boxes.Values(boxes, "Nms");
        var s = Scores(scores, b.Length / 4, "Nms");
        return Keep(b, s, [.. Enumerable.Range(0, s.Length)], iouThreshold);
    }

    /// <summary>Per-class NMS (torchvision's <c>batched_nms</c>): boxes of different classes never suppress each other; kept indices by decreasing score.</summary>
    public static int[] Batched(Tensor boxes, Tensor scores, IReadOnlyList<int> classes, double iouThreshold)
    {
        var b = Boxes.Values(boxes, "BatchedNms");
        var s = Scores(scores, b.Length / 4, "BatchedNms");
        if (classes.Count != s.Length) throw new ArgumentException($"BatchedNms got {classes.Count} classes for {s.Length} boxes.", nameof(classes));
        var kept = Enumerable.Range(0, s.Length).GroupBy(i => classes[i]).SelectMany(group => Keep(b, s, [.. group], iouThreshold));
        return [.. kept.OrderByDescending(i => s[i]).ThenBy(i => i)];
    }

    /// <summary>The kept ones among <paramref name="candidates"/> of the flat boxes and scores, highest score first.</summary>
    private static int[] Keep(double[] b, double[] s, int[] candidates, double iouThreshold)
    {
        var order = candidates.OrderByDescending(i => s[i]).ToArray();   // OrderBy is stable: ties keep the lower index first
        var kept = new List<int>();
        var suppressed = new bool[s.Length];
        foreach (int i in order)
        {
            if (suppressed[i]) continue;
            kept.Add(i);
            foreach (int j in order)
                if (j != i && !suppressed[j] && Boxes.Iou(b, i, b, j) > iouThreshold) suppressed[j] = true;
        }
        return [.. kept];
    }

    /// <summary>Indices whose score is at least <paramref name="threshold"/> (the course's <c>yolo_filter_boxes</c> keeps score ≥ 0.6).</summary>
    public static int[] ScoreFilter(Tensor scores, double threshold)
    {
        var s = Scores(scores, scores.Count, "ScoreFilter");
        return [.. Enumerable.Range(0, s.Length).Where(i => s[i] >= threshold)];
    }

    private static double[] Scores(Tensor scores, int boxes, string what)
    {
        if (scores.Rank != 1 || scores.Shape[0] != boxes || !scores.DType.IsFloatingPoint())
            throw new ArgumentException($"{what} expects float scores [{boxes}] but got {scores.DType} {scores.Shape}.");
        return scores.To(DType.Float64).ToArray<double>();
    }
}
