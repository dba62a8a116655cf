using Dendrite.Tests.Support;
using Dendrite.Vision;

namespace Dendrite.Tests.Vision;

/// <summary>YOLO's anchors, decoding and loss on hand-computed cases and against a naive reference of the loss.</summary>
public class YoloTests
{
    [Fact]
    public void Centred_iou_and_kmeans_find_the_size_clusters()
    {
        Assert.Equal(4.0 / (4 * 2 + 8 * 1 - 4 * 1), AnchorBoxes.CentredIou((4, 2), (8, 1)), 12);
        var random = new Random(5);
        (double W, double H)[] centres = [(6, 12), (20, 10), (40, 40)];
        var sizes = Enumerable.Range(0, 600).Select(i => centres[i % 3]).Select(c => (c.W * (0.9 + 0.2 * random.NextDouble()), c.H * (0.9 + 0.2 * random.NextDouble()))).ToList();
        var anchors = AnchorBoxes.KMeans(sizes, 3, new Random(1));
        for (int k = 0; k < 3; k++)
        {
            Assert.InRange(anchors[k].W, centres[k].W * 0.95, centres[k].W * 1.05);
            Assert.InRange(anchors[k].H, centres[k].H * 0.95, centres[k].H * 1.05);
        }
        Assert.True(AnchorBoxes.MeanBestIou(sizes, anchors) > 0.85);
        Assert.True(AnchorBoxes.MeanBestIou(sizes, anchors) > AnchorBoxes.MeanBestIou(sizes, AnchorBoxes.KMeans(sizes, 1, new Random(1))) + 0.2);
        Assert.Throws<ArgumentException>(() => AnchorBoxes.KMeans([(1, 1)], 2, new Random(0)));
    }

    /// <summary>One anchor (16, 8), two classes, a 2×2 grid over 64×64: only cell (1, 0) holds an object.</summary>
    private static (YoloHead Head, Tensor Output) OneBox(double classLogit = 1.0986122886681098)
    {
        var head = new YoloHead([(16, 8)], numClasses: 2, imageHeight: 64, imageWidth: 64);
        var t = new double[7 * 2 * 2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) t[At(4, i, j)] = -10;
        t[At(2, 1, 0)] = Math.Log(2);   // t_w: w = 16·2 = 32
        t[At(4, 1, 0)] = 10;            // confident
        t[At(6, 1, 0)] = classLogit;    // softmax(0, ln 3) = (0.25, 0.75)
        return (head, Tensor.FromArray(t, [1, 7, 2, 2]));
    }

    private static int At(int channel, int i, int j) => (channel * 2 + i) * 2 + j;

    [Fact]
    public void Decoding_follows_the_course_formulas()
    {
        var (head, t) = OneBox();
        var found = Assert.Single(head.Detect(t));
        // centre ((σ(0) + 0)·32, (σ(0) + 1)·32) = (16, 48), size (32, 8); score σ(10)·0.75; x1 = 0 after clipping
        Assert.Equal(1, found.Class);
        Assert.Equal(0.75 / (1 + Math.Exp(-10)), found.Score, 12);
        Assert.Equal((0.0, 44.0, 32.0, 52.0), (found.X1, found.Y1, found.X2, found.Y2));
        Assert.Empty(head.Detect(OneBox(classLogit: 0).Output)); // 0.5 < 0.6: filtered by score
        Assert.Single(head.Detect(OneBox(classLogit: 0).Output, scoreThreshold: 0.4));
        var e = Assert.Throws<ArgumentException>(() => head.Detect(Tensor.Zeros([1, 8, 2, 2])));
        Assert.Contains("[N, 7, S_h, S_w]", e.Message);
    }

    [Fact]
    public void Nms_runs_across_classes_as_the_course_does_or_per_class()
    {
        var (head, one) = OneBox();
        // the box again from cell (1, 1) as class 0 with σ(t_x) ≈ 0: centre x 32 instead of 16, IoU 1/3 with the first
        var v = one.ToArray<double>();
        v[At(0, 1, 1)] = -30; v[At(2, 1, 1)] = Math.Log(2); v[At(4, 1, 1)] = 10; v[At(5, 1, 1)] = 5;
        var t = Tensor.FromArray(v, [1, 7, 2, 2]);
        var across = head.Detect(t, scoreThreshold: 0.5);
        var perClass = head.Detect(t, scoreThreshold: 0.5, perClass: true);
        Assert.Single(head.Detect(t, scoreThreshold: 0.5, iouThreshold: 0.3));
        Assert.Equal(2, across.Count); // IoU 1/3 is not above 0.5
        Assert.Equal(2, perClass.Count);
        Assert.Equal(2, head.Detect(t, scoreThreshold: 0.5, iouThreshold: 0.3, perClass: true).Count);
        Assert.Single(head.Detect(t, scoreThreshold: 0.5, perClass: true, maxBoxes: 1));
    }

    [Fact]
    public void The_loss_equals_a_naive_reference()
    {
        var (head, output, targets) = RandomCase(seed: 3);
        var loss = new YoloLoss(head);
        Assert.Equal(NaiveLoss(head, output, targets, 5, 0.5, 0.6), loss.Forward(output, targets).Item(), 10);
        Assert.Equal(NaiveLoss(head, output, targets, 2, 1, 1.1), new YoloLoss(head, 2, 1, ignoreThreshold: 1.1).Forward(output, targets).Item(), 10);
    }

    [Fact]
    public void The_loss_passes_the_gradient_check()
    {
        var (head, output, targets) = RandomCase(seed: 4);
        Gradients.AssertCorrect(x => new YoloLoss(head).Forward(x[0], targets), Gradients.WithGrad(output));
    }

    [Fact]
    public void A_perfect_prediction_costs_almost_nothing()
    {
        var (head, t) = OneBox(classLogit: 30);
        // the box of cell (1, 0): centre (16, 48), 32×8, class 1
        var targets = Tensor.FromArray(new double[] { 1, 0, 44, 32, 52, -1, 0, 0, 0, 0 }, [1, 2, 5]);
        Assert.InRange(new YoloLoss(head).Forward(t, targets).Item(), 0, 1e-6);
        var wrongClass = Tensor.FromArray(new double[] { 0, 0, 44, 32, 52, -1, 0, 0, 0, 0 }, [1, 2, 5]);
        Assert.Equal(2.0, new YoloLoss(head).Forward(t, wrongClass).Item(), 6); // (1 − 0)² + (0 − 1)²
    }

    [Fact]
    public void Bad_targets_are_named()
    {
        var (head, t) = OneBox();
        Assert.Contains("class 5", Assert.Throws<ArgumentException>(() => new YoloLoss(head).Forward(t, Tensor.FromArray(new double[] { 5, 0, 0, 4, 4 }, [1, 1, 5]))).Message);
        Assert.Contains("[1, B, 5]", Assert.Throws<ArgumentException>(() => new YoloLoss(head).Forward(t, Tensor.Zeros([2, 1, 5]))).Message);
    }

    private static (YoloHead, Tensor, Tensor) RandomCase(int seed)
    {
        var random = new Random(seed);
        var head = new YoloHead([(10, 14), (30, 20)], numClasses: 3, imageHeight: 48, imageWidth: 64);
        var output = Tensor.Uniform([2, 16, 3, 4], -1.5, 1.5, random, DType.Float64);
        var rows = new List<double>();
        for (int n = 0; n < 2; n++)
            for (int b = 0; b < 3; b++)
            {
                if (n == 1 && b == 2) { rows.AddRange([-1, 0, 0, 0, 0]); continue; }
                double x = random.NextDouble() * 40, y = random.NextDouble() * 30;
                rows.AddRange([random.Next(3), x, y, x + 5 + random.NextDouble() * 20, y + 5 + random.NextDouble() * 15]);
            }
        return (head, output, Tensor.FromArray([.. rows], [2, 3, 5]));
    }

    /// <summary>The loss written term by term from its definition, independently of YoloLossTerms.</summary>
    private static double NaiveLoss(YoloHead head, Tensor output, Tensor targets, double lambdaCoord, double lambdaNoObj, double ignore)
    {
        int n = output.Shape[0], a = head.Anchors.Count, sh = output.Shape[2], sw = output.Shape[3], k = 5 + head.NumClasses;
        double cellH = 48.0 / sh, cellW = 64.0 / sw;
        var values = output.ToArray<double>();
        var rows3 = targets.ToArray<double>();
        double T(int img, int anchor, int f, int i, int j) => values[((img * a * k + anchor * k + f) * sh + i) * sw + j];
        static double S(double v) => 1 / (1 + Math.Exp(-v));
        var owner = new Dictionary<(int, int, int, int), double[]>();
        var boxes = new List<(int Image, double[] Row)>();
        for (int img = 0; img < n; img++)
            for (int b = 0; b < targets.Shape[1]; b++)
            {
                double[] row = rows3.AsSpan((img * targets.Shape[1] + b) * 5, 5).ToArray();
                if (row[0] < 0) continue;
                boxes.Add((img, row));
                double cx = (row[1] + row[3]) / 2, cy = (row[2] + row[4]) / 2, w = row[3] - row[1], h = row[4] - row[2];
                int best = Enumerable.Range(0, a).MaxBy(q => Math.Min(w, head.Anchors[q].W) * Math.Min(h, head.Anchors[q].H)
                    / (w * h + head.Anchors[q].W * head.Anchors[q].H - Math.Min(w, head.Anchors[q].W) * Math.Min(h, head.Anchors[q].H)));
                owner[(img, best, (int)(cy / cellH), (int)(cx / cellW))] = row;
            }
        double total = 0;
        for (int img = 0; img < n; img++)
            for (int q = 0; q < a; q++)
                for (int i = 0; i < sh; i++)
                    for (int j = 0; j < sw; j++)
                    {
                        if (owner.TryGetValue((img, q, i, j), out var row))
                        {
                            double cx = (row[1] + row[3]) / 2, cy = (row[2] + row[4]) / 2;
                            total += lambdaCoord * (Math.Pow(S(T(img, q, 0, i, j)) - (cx / cellW - j), 2) + Math.Pow(S(T(img, q, 1, i, j)) - (cy / cellH - i), 2)
                                + Math.Pow(T(img, q, 2, i, j) - Math.Log((row[3] - row[1]) / head.Anchors[q].W), 2)
                                + Math.Pow(T(img, q, 3, i, j) - Math.Log((row[4] - row[2]) / head.Anchors[q].H), 2));
                            total += Math.Pow(S(T(img, q, 4, i, j)) - 1, 2);
                            double z = Enumerable.Range(0, head.NumClasses).Sum(c => Math.Exp(T(img, q, 5 + c, i, j)));
                            for (int c = 0; c < head.NumClasses; c++)
                                total += Math.Pow(Math.Exp(T(img, q, 5 + c, i, j)) / z - (c == (int)row[0] ? 1 : 0), 2);
                            continue;
                        }
                        double bx = (S(T(img, q, 0, i, j)) + j) * cellW, by = (S(T(img, q, 1, i, j)) + i) * cellH;
                        double bw = head.Anchors[q].W * Math.Exp(T(img, q, 2, i, j)), bh = head.Anchors[q].H * Math.Exp(T(img, q, 3, i, j));
                        bool ignored = boxes.Where(b => b.Image == img).Any(b =>
                        {
                            double iw = Math.Min(bx + bw / 2, b.Row[3]) - Math.Max(bx - bw / 2, b.Row[1]), ih = Math.Min(by + bh / 2, b.Row[4]) - Math.Max(by - bh / 2, b.Row[2]);
                            double inter = Math.Max(iw, 0) * Math.Max(ih, 0);
                            return inter / (bw * bh + (b.Row[3] - b.Row[1]) * (b.Row[4] - b.Row[2]) - inter) > ignore;
                        });
                        if (!ignored) total += lambdaNoObj * Math.Pow(S(T(img, q, 4, i, j)), 2);
                    }
        return total / n;
    }
}
