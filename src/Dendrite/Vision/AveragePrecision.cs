namespace Dendrite.Vision;

/// <summary>
/// Detection metrics: per-class average precision and its mean over classes (classes without ground truth are left
/// out), in the three usual forms.
/// </summary>
/// <remarks>
/// <para><b>PASCAL VOC</b> (<see cref="Voc"/>): detections of a class in decreasing score; each is matched to the
/// ground-truth box of its image with the highest IoU, a true positive when that IoU is above the threshold (0.5) and
/// the box is not matched yet, otherwise a false positive. All-point AP is the area under the monotone precision
/// envelope; 11-point AP is the mean over recall r ∈ {0, 0.1, …, 1} of the best precision at recall ≥ r (VOC 2007).</para>
/// <para><b>COCO</b> (<see cref="Coco"/>): a detection is matched to the best still-unmatched box with IoU ≥ t; for each
/// t ∈ {0.50, 0.55, …, 0.95}, precision is made monotone and read at 101 recall points r = 0, 0.01, …, 1 (the first
/// detection reaching recall r; 0 where recall never gets there); AP@[.5:.95] averages over the ten thresholds.</para>
/// </remarks>
public static class AveragePrecision
{
    /// <summary>VOC mAP at <paramref name="iouThreshold"/>: all-point, or the 2007 11-point form.</summary>
    public static double Voc(IReadOnlyList<Detection> detections, IReadOnlyList<GroundTruthBox> truths, double iouThreshold = 0.5, bool elevenPoint = false) =>
        MeanOverClasses(truths, c =>
        {
            var (precision, recall) = Curve(detections, truths, c, iouThreshold, coco: false);
            return elevenPoint ? ElevenPoint(precision, recall) : AllPoint(precision, recall);
        });

    /// <summary>COCO AP@[.5:.95] (101 recall points, ten IoU thresholds), or at one threshold when <paramref name="iouThreshold"/> is given.</summary>
    public static double Coco(IReadOnlyList<Detection> detections, IReadOnlyList<GroundTruthBox> truths, double? iouThreshold = null)
    {
        double[] thresholds = iouThreshold is double t ? [t] : [.. Enumerable.Range(0, 10).Select(i => 0.5 + 0.05 * i)];
        return MeanOverClasses(truths, c => thresholds.Average(th =>
        {
            var (precision, recall) = Curve(detections, truths, c, th, coco: true);
            return HundredOnePoint(precision, recall);
        }));
    }

    private static double MeanOverClasses(IReadOnlyList<GroundTruthBox> truths, Func<int, double> ap)
    {
        var classes = truths.Select(t => t.Class).Distinct().Order().ToArray();
        return classes.Length == 0 ? 0 : classes.Average(ap);
    }

    /// <summary>Precision and recall after each detection of class <paramref name="c"/> in decreasing score.</summary>
    private static (double[] Precision, double[] Recall) Curve(IReadOnlyList<Detection> detections, IReadOnlyList<GroundTruthBox> truths, int c, double threshold, bool coco)
    {
        var gts = truths.Where(t => t.Class == c).GroupBy(t => t.Image).ToDictionary(g => g.Key, g => g.ToArray());
        var matched = gts.ToDictionary(g => g.Key, g => new bool[g.Value.Length]);
        int total = gts.Values.Sum(g => g.Length);
        var ordered = detections.Where(d => d.Class == c).Select((d, i) => (d, i)).OrderByDescending(p => p.d.Score).ThenBy(p => p.i).Select(p => p.d).ToArray();
        var precision = new double[ordered.Length];
        var recall = new double[ordered.Length];
        int tp = 0;
        for (int k = 0; k < ordered.Length; k++)
        {
            var d = ordered[k];
            if (gts.TryGetValue(d.Image, out var boxes))
            {
                int best = -1;
                double bestIou = coco ? threshold : double.NegativeInfinity;
                for (int j = 0; j < boxes.Length; j++)
                {
                    if (coco && matched[d.Image][j]) continue;
                    double iou = Iou(d, boxes[j]);
                    if (coco ? iou >= bestIou : iou > bestIou) (best, bestIou) = (j, iou);
                }
                bool hit = coco ? best >= 0 : best >= 0 && bestIou > threshold && !matched[d.Image][best];
                if (hit)
                {
                    matched[d.Image][best] = true;
                    tp++;
                }
            }
            precision[k] = (double)tp / (k + 1);
            recall[k] = total == 0 ? 0 : (double)tp / total;
        }
        return (precision, recall);
    }

    private static double AllPoint(double[] precision, double[] recall)
    {
        var envelope = Envelope(precision);
        double ap = 0, previous = 0;
        for (int k = 0; k < recall.Length; k++)
        {
            ap += (recall[k] - previous) * envelope[k];
            previous = recall[k];
        }
        return ap;
    }

    private static double ElevenPoint(double[] precision, double[] recall) =>
        Enumerable.Range(0, 11).Average(i => Enumerable.Range(0, recall.Length).Where(k => recall[k] >= i / 10.0).Select(k => precision[k]).DefaultIfEmpty(0).Max());

    private static double HundredOnePoint(double[] precision, double[] recall)
    {
        var envelope = Envelope(precision);
        double sum = 0;
        for (int i = 0; i <= 100; i++)
        {
            int k = Array.FindIndex(recall, r => r >= i / 100.0);
            sum += k < 0 ? 0 : envelope[k];
        }
        return sum / 101;
    }

    /// <summary>Precision made non-increasing: each point takes the best precision at any later (higher-recall) point.</summary>
    private static double[] Envelope(double[] precision)
    {
        var e = (double[])precision.Clone();
        for (int k = e.Length - 2; k >= 0; k--) e[k] = Math.Max(e[k], e[k + 1]);
        return e;
    }

    private static double Iou(Detection d, GroundTruthBox g) => Boxes.Iou(d.X1, d.Y1, d.X2, d.Y2, g.X1, g.Y1, g.X2, g.Y2);
}
