namespace Dendrite.Vision;

/// <summary>
/// Anchor boxes for YOLO chosen as YOLO v2 chooses them: k-means on the widths and heights of the training boxes with
/// the distance d(box, centroid) = 1 − IoU(box, centroid), both boxes placed at the same centre, so large and small
/// boxes count alike (Redmon &amp; Farhadi, "YOLO9000: Better, Faster, Stronger", 2017, §2 "Dimension Clusters").
/// </summary>
public static class AnchorBoxes
{
    /// <summary>IoU of two boxes that share their centre: min(w)·min(h) / (w₁h₁ + w₂h₂ − min(w)·min(h)).</summary>
    public static double CentredIou((double W, double H) a, (double W, double H) b)
    {
        double inter = Math.Min(a.W, b.W) * Math.Min(a.H, b.H);
        return inter / (a.W * a.H + b.W * b.H - inter);
    }

    /// <summary>
    /// Clusters box sizes into <paramref name="k"/> anchors (width, height), sorted by area: k-means++ seeding on the
    /// 1 − IoU distance, then Lloyd iterations (assign each box to its nearest anchor, move each anchor to the mean
    /// size of its boxes) until no assignment changes or <paramref name="iterations"/> pass.
    /// </summary>
    /// <param name="sizes">The (width, height) of every training box, in any unit (pixels or grid cells).</param>
    /// <param name="k">Number of anchors (YOLO v2 uses 5 on VOC).</param>
    /// <param name="random">Seeded generator for the seeding.</param>
    /// <param name="iterations">Most Lloyd iterations.</param>
    public static (double W, double H)[] KMeans(IReadOnlyList<(double W, double H)> sizes, int k, Random random, int iterations = 300)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), $"AnchorBoxes.KMeans needs k ≥ 1 but got {k}.");
        if (sizes.Count < k) throw new ArgumentException($"AnchorBoxes.KMeans needs at least k = {k} boxes but got {sizes.Count}.", nameof(sizes));
        foreach (var (w, h) in sizes)
            if (!(w > 0 && h > 0 && double.IsFinite(w * h))) throw new ArgumentException($"AnchorBoxes.KMeans: box size ({w}, {h}) must be positive and finite.", nameof(sizes));
        var centroids = Seed(sizes, k, random);
        var assignment = new int[sizes.Count];
        Array.Fill(assignment, -1);
        for (int pass = 0; pass < iterations; pass++)
        {
            bool changed = false;
            for (int i = 0; i < sizes.Count; i++)
            {
                int nearest = Nearest(sizes[i], centroids);
                changed |= nearest != assignment[i];
                assignment[i] = nearest;
            }
            if (!changed) break;
            for (int c = 0; c < k; c++)
            {
                double w = 0, h = 0;
                int n = 0;
                for (int i = 0; i < sizes.Count; i++)
                    if (assignment[i] == c) { w += sizes[i].W; h += sizes[i].H; n++; }
                if (n > 0) centroids[c] = (w / n, h / n);
            }
        }
        return [.. centroids.OrderBy(c => c.W * c.H)];
    }

    /// <summary>Mean over the boxes of the IoU with their best anchor (the figure YOLO v2 reports, "Avg IOU").</summary>
    public static double MeanBestIou(IReadOnlyList<(double W, double H)> sizes, IReadOnlyList<(double W, double H)> anchors) =>
        sizes.Average(s => anchors.Max(a => CentredIou(s, a)));

    /// <summary>Index of the anchor with the highest centred IoU with <paramref name="size"/> (the first on ties).</summary>
    public static int Nearest((double W, double H) size, IReadOnlyList<(double W, double H)> anchors)
    {
        int best = 0;
        double bestIou = -1;
        for (int a = 0; a < anchors.Count; a++)
        {
            double iou = CentredIou(size, anchors[a]);
            if (iou > bestIou) { bestIou = iou; best = a; }
        }
        return best;
    }

    /// <summary>k-means++: the first centroid uniformly, each next one with probability ∝ d² to its nearest chosen one.</summary>
    private static (double W, double H)[] Seed(IReadOnlyList<(double W, double H)> sizes, int k, Random random)
    {
        var centroids = new (double W, double H)[k];
        centroids[0] = sizes[random.Next(sizes.Count)];
        var d2 = new double[sizes.Count];
        for (int c = 1; c < k; c++)
        {
            double total = 0;
            for (int i = 0; i < sizes.Count; i++)
            {
                double d = 1 - CentredIou(sizes[i], centroids[Nearest(sizes[i], centroids.AsSpan(0, c).ToArray())]);
                d2[i] = d * d;
                total += d2[i];
            }
            double pick = random.NextDouble() * total;
            int chosen = sizes.Count - 1;
            for (int i = 0; i < sizes.Count; i++)
                if ((pick -= d2[i]) < 0) { chosen = i; break; }
            centroids[c] = sizes[chosen];
        }
        return centroids;
    }
}
