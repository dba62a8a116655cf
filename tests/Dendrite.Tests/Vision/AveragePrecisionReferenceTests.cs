using Dendrite.Vision;

namespace Dendrite.Tests.Vision;

/// <summary>
/// <see cref="AveragePrecision"/> against an independent reference written here from the PASCAL VOC devkit's
/// <c>voc_eval</c>/<c>voc_ap</c> (sentinel recall 0 and 1, precision envelope, sum where recall changes) and from
/// pycocotools' <c>evaluate</c>/<c>accumulate</c> (greedy best unmatched match, <c>np.linspace(0, 1, 101)</c> recall
/// thresholds read with <c>searchsorted</c>), on random scenes.
/// </summary>
public class AveragePrecisionReferenceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Voc_and_coco_equal_the_reference_on_random_scenes(int seed)
    {
        var (detections, truths) = Scene(seed);
        Assert.Equal(Reference.Map(detections, truths, c => Reference.VocAp(detections, truths, c, 0.5, elevenPoint: false)), AveragePrecision.Voc(detections, truths), 12);
        Assert.Equal(Reference.Map(detections, truths, c => Reference.VocAp(detections, truths, c, 0.5, elevenPoint: true)), AveragePrecision.Voc(detections, truths, elevenPoint: true), 12);
        Assert.Equal(Reference.Map(detections, truths, c => Reference.VocAp(detections, truths, c, 0.7, elevenPoint: false)), AveragePrecision.Voc(detections, truths, 0.7), 12);
        double coco = Reference.Map(detections, truths, c => Enumerable.Range(0, 10).Average(i => Reference.CocoAp(detections, truths, c, 0.5 + 0.05 * i)));
        Assert.Equal(coco, AveragePrecision.Coco(detections, truths), 12);
        Assert.InRange(coco, 0.05, 0.95); // the scenes are neither empty nor perfect
    }

    /// <summary>Truth boxes in 20 images, and detections: jittered copies of most truths, duplicates, and random false boxes.</summary>
    private static (List<Detection>, List<GroundTruthBox>) Scene(int seed)
    {
        var random = new Random(seed);
        var truths = new List<GroundTruthBox>();
        var detections = new List<Detection>();
        for (int image = 0; image < 20; image++)
            for (int k = random.Next(0, 5); k > 0; k--)
            {
                double x = random.NextDouble() * 80, y = random.NextDouble() * 80, w = 5 + random.NextDouble() * 20, h = 5 + random.NextDouble() * 20;
                var truth = new GroundTruthBox(image, random.Next(3), x, y, x + w, y + h);
                truths.Add(truth);
                for (int copies = random.Next(0, 3); copies > 0; copies--)
                {
                    double j() => (random.NextDouble() - 0.5) * 0.5 * w;
                    int cls = random.NextDouble() < 0.9 ? truth.Class : random.Next(3);
                    detections.Add(new Detection(image, cls, Math.Round(random.NextDouble(), 3), truth.X1 + j(), truth.Y1 + j(), truth.X2 + j(), truth.Y2 + j()));
                }
                if (random.NextDouble() < 0.3)
                    detections.Add(new Detection(image, random.Next(3), Math.Round(random.NextDouble(), 3), x + 40, y + 40, x + 40 + w, y + 40 + h));
            }
        return (detections, truths);
    }

    private static class Reference
    {
        public static double Map(List<Detection> detections, List<GroundTruthBox> truths, Func<int, double> ap)
        {
            var classes = truths.Select(t => t.Class).Distinct().ToList();
            double sum = 0;
            foreach (int c in classes) sum += ap(c);
            return sum / classes.Count;
        }

        /// <summary>voc_eval: detections by decreasing confidence (stable), each to the truth of max overlap in its image.</summary>
        public static double VocAp(List<Detection> detections, List<GroundTruthBox> truths, int c, double threshold, bool elevenPoint)
        {
            var mine = truths.Where(t => t.Class == c).ToList();
            var used = new HashSet<GroundTruthBox>(ReferenceEqualityComparer.Instance);
            var sorted = detections.Where(d => d.Class == c).OrderByDescending(d => d.Score).ToList();
            var tp = new double[sorted.Count];
            var fp = new double[sorted.Count];
            for (int k = 0; k < sorted.Count; k++)
            {
                var d = sorted[k];
                GroundTruthBox? best = null;
                double ovmax = double.NegativeInfinity;
                foreach (var g in mine.Where(g => g.Image == d.Image))
                {
                    double o = Overlap(d, g);
                    if (o > ovmax) { ovmax = o; best = g; }
                }
                if (best is not null && ovmax > threshold && used.Add(best)) tp[k] = 1; else fp[k] = 1;
            }
            var rec = new double[sorted.Count];
            var prec = new double[sorted.Count];
            double ctp = 0, cfp = 0;
            for (int k = 0; k < sorted.Count; k++)
            {
                ctp += tp[k];
                cfp += fp[k];
                rec[k] = ctp / mine.Count;
                prec[k] = ctp / Math.Max(ctp + cfp, double.Epsilon);
            }
            if (elevenPoint)
            {
                double ap = 0;
                for (int i = 0; i <= 10; i++)
                {
                    double p = 0;
                    for (int k = 0; k < rec.Length; k++) if (rec[k] >= i / 10.0) p = Math.Max(p, prec[k]);
                    ap += p / 11;
                }
                return ap;
            }
            var mrec = new List<double> { 0 };
            mrec.AddRange(rec);
            mrec.Add(1);
            var mpre = new List<double> { 0 };
            mpre.AddRange(prec);
            mpre.Add(0);
            for (int i = mpre.Count - 1; i > 0; i--) mpre[i - 1] = Math.Max(mpre[i - 1], mpre[i]);
            double area = 0;
            for (int i = 1; i < mrec.Count; i++)
                if (mrec[i] != mrec[i - 1]) area += (mrec[i] - mrec[i - 1]) * mpre[i];
            return area;
        }

        /// <summary>pycocotools: greedy match to the unmatched truth of best IoU ≥ t; precision envelope read at linspace(0, 1, 101).</summary>
        public static double CocoAp(List<Detection> detections, List<GroundTruthBox> truths, int c, double t)
        {
            var mine = truths.Where(g => g.Class == c).ToList();
            var sorted = detections.Where(d => d.Class == c).OrderByDescending(d => d.Score).ToList();
            var taken = new bool[mine.Count];
            var hits = new List<bool>();
            foreach (var d in sorted)
            {
                double iou = Math.Min(t, 1 - 1e-10);
                int m = -1;
                for (int g = 0; g < mine.Count; g++)
                {
                    if (taken[g] || mine[g].Image != d.Image) continue;
                    double o = Overlap(d, mine[g]);
                    if (o < iou) continue;
                    iou = o;
                    m = g;
                }
                if (m >= 0) taken[m] = true;
                hits.Add(m >= 0);
            }
            var rc = new double[hits.Count];
            var pr = new double[hits.Count];
            int tps = 0;
            for (int k = 0; k < hits.Count; k++)
            {
                tps += hits[k] ? 1 : 0;
                rc[k] = (double)tps / mine.Count;
                pr[k] = (double)tps / (k + 1);
            }
            for (int k = pr.Length - 1; k > 0; k--) pr[k - 1] = Math.Max(pr[k - 1], pr[k]);
            double sum = 0;
            for (int i = 0; i <= 100; i++)
            {
                double threshold = i / 100.0; // np.linspace(0, 1, 101) at the recalls these scenes reach
                int at = Array.FindIndex(rc, r => r >= threshold);
                sum += at < 0 ? 0 : pr[at];
            }
            return sum / 101;
        }

        private static double Overlap(Detection d, GroundTruthBox g)
        {
            double iw = Math.Min(d.X2, g.X2) - Math.Max(d.X1, g.X1), ih = Math.Min(d.Y2, g.Y2) - Math.Max(d.Y1, g.Y1);
            if (iw <= 0 || ih <= 0) return 0;
            double inter = iw * ih;
            return inter / ((d.X2 - d.X1) * (d.Y2 - d.Y1) + (g.X2 - g.X1) * (g.Y2 - g.Y1) - inter);
        }
    }
}
