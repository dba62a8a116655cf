namespace Dendrite.Vision;

/// <summary>
/// The YOLO v2 output layer read as the course's <c>yolo_head</c> and <c>yolo_eval</c>: a network's last convolution
/// gives, for every grid cell (i, j) and anchor a, the numbers t = (t_x, t_y, t_w, t_h, t_o, t_c₁ … t_c_C), decoded as
/// b_x = (σ(t_x) + j)·cell_w, b_y = (σ(t_y) + i)·cell_h, b_w = p_w·e^{t_w}, b_h = p_h·e^{t_h} (the box centre and size
/// in pixels), box confidence σ(t_o) and class probabilities softmax(t_c); a box's score for class c is
/// σ(t_o)·softmax(t_c)_c.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> the output is [N, A·(5 + C), S_h, S_w], channel a·(5 + C) + k holding number k of anchor a (the
/// Darknet layout); the image is <see cref="ImageHeight"/>×<see cref="ImageWidth"/> pixels, so a cell is
/// ImageHeight/S_h × ImageWidth/S_w.</para>
/// <para>Anchors (p_w, p_h) are in pixels of the input image (<see cref="AnchorBoxes.KMeans"/> picks them).</para>
/// <para>J. Redmon, A. Farhadi, "YOLO9000: Better, Faster, Stronger" (2017), §2 "Direct location prediction".</para>
/// </remarks>
public sealed class YoloHead
{
    /// <summary>Creates the head.</summary>
    /// <param name="anchors">(p_w, p_h) of each anchor, in pixels.</param>
    /// <param name="numClasses">C.</param>
    /// <param name="imageHeight">Input height in pixels.</param>
    /// <param name="imageWidth">Input width in pixels.</param>
    public YoloHead(IReadOnlyList<(double W, double H)> anchors, int numClasses, int imageHeight, int imageWidth)
    {
        if (anchors.Count == 0 || anchors.Any(a => !(a.W > 0 && a.H > 0)))
            throw new ArgumentException($"YoloHead needs at least one anchor with positive width and height but got [{string.Join(", ", anchors)}].", nameof(anchors));
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), $"YoloHead needs at least one class but got {numClasses}.");
        if (imageHeight < 1 || imageWidth < 1) throw new ArgumentOutOfRangeException(nameof(imageHeight), $"YoloHead needs a positive image size but got {imageHeight}×{imageWidth}.");
        Anchors = [.. anchors];
        NumClasses = numClasses;
        ImageHeight = imageHeight;
        ImageWidth = imageWidth;
    }

    /// <summary>The anchors (p_w, p_h) in pixels.</summary>
    public IReadOnlyList<(double W, double H)> Anchors { get; }

    /// <summary>C.</summary>
    public int NumClasses { get; }

    /// <summary>Input height in pixels.</summary>
    public int ImageHeight { get; }

    /// <summary>Input width in pixels.</summary>
    public int ImageWidth { get; }

    /// <summary>Numbers per anchor, 5 + C.</summary>
    public int PerAnchor => 5 + NumClasses;

    /// <summary>Channels the network's last layer must give, A·(5 + C).</summary>
    public int Channels => Anchors.Count * PerAnchor;

    /// <summary>
    /// The course's <c>yolo_eval</c>: decodes every box, keeps those whose best class score is at least
    /// <paramref name="scoreThreshold"/> (the course's 0.6), clips them to the image, runs NMS at
    /// <paramref name="iouThreshold"/> (0.5) — across classes as the course does, or per class — and keeps at most
    /// <paramref name="maxBoxes"/> per image, best first.
    /// </summary>
    /// <param name="output">The network output [N, A·(5 + C), S_h, S_w].</param>
    /// <param name="scoreThreshold">Smallest score σ(t_o)·p_c kept.</param>
    /// <param name="iouThreshold">NMS threshold: a box is dropped when its IoU with a kept, better box is greater.</param>
    /// <param name="maxBoxes">Most boxes per image.</param>
    /// <param name="perClass">NMS within each class only (torchvision's batched NMS) instead of across classes.</param>
    /// <param name="firstImage">Image index given to the first row of the batch (for a data set read in batches).</param>
    public List<Detection> Detect(Tensor output, double scoreThreshold = 0.6, double iouThreshold = 0.5, int maxBoxes = 10,
        bool perClass = false, int firstImage = 0)
    {
        var grid = Check(output, "YoloHead.Detect");
        var t = output.Contiguous().ToArray<double>();
        var all = new List<Detection>();
        for (int n = 0; n < grid.N; n++)
        {
            var candidates = new List<Detection>();
            for (int a = 0; a < Anchors.Count; a++)
                for (int i = 0; i < grid.H; i++)
                    for (int j = 0; j < grid.W; j++)
                    {
                        var box = DecodeCell(t, grid, n, a, i, j);
                        var (c, p) = BestClass(t, grid, n, a, i, j);
                        double score = Sigmoid(t[grid.At(n, a, 4, i, j)]) * p;
                        if (score < scoreThreshold) continue;
                        candidates.Add(new Detection(firstImage + n, c, score,
                            Math.Clamp(box.X1, 0, ImageWidth), Math.Clamp(box.Y1, 0, ImageHeight),
                            Math.Clamp(box.X2, 0, ImageWidth), Math.Clamp(box.Y2, 0, ImageHeight)));
                    }
            if (candidates.Count == 0) continue;
            var boxes = Tensor.FromArray(candidates.SelectMany(d => new[] { d.X1, d.Y1, d.X2, d.Y2 }).ToArray(), [candidates.Count, 4]);
            var scores = Tensor.FromArray(candidates.Select(d => d.Score).ToArray(), [candidates.Count]);
            var kept = perClass ? Nms.Batched(boxes, scores, [.. candidates.Select(d => d.Class)], iouThreshold) : Nms.Apply(boxes, scores, iouThreshold);
            all.AddRange(kept.Take(maxBoxes).Select(k => candidates[k]));
        }
        return all;
    }

    /// <summary>The decoded box of anchor a in cell (i, j) of image n, in corner form (pixels, not clipped).</summary>
    internal (double X1, double Y1, double X2, double Y2) DecodeCell(double[] t, YoloGrid g, int n, int a, int i, int j)
    {
        double cx = (Sigmoid(t[g.At(n, a, 0, i, j)]) + j) * g.CellW, cy = (Sigmoid(t[g.At(n, a, 1, i, j)]) + i) * g.CellH;
        double w = Anchors[a].W * Math.Exp(Math.Min(t[g.At(n, a, 2, i, j)], 20)), h = Anchors[a].H * Math.Exp(Math.Min(t[g.At(n, a, 3, i, j)], 20));
        return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    /// <summary>The arg-max class of softmax(t_c) and its probability.</summary>
    private (int Class, double Probability) BestClass(double[] t, YoloGrid g, int n, int a, int i, int j)
    {
        int best = 0;
        double max = double.NegativeInfinity, sum = 0;
        for (int c = 0; c < NumClasses; c++)
        {
            double v = t[g.At(n, a, 5 + c, i, j)];
            if (v > max) { max = v; best = c; }
        }
        for (int c = 0; c < NumClasses; c++) sum += Math.Exp(t[g.At(n, a, 5 + c, i, j)] - max);
        return (best, 1 / sum);
    }

    /// <summary>Checks the output's shape against the head and returns its grid.</summary>
    internal YoloGrid Check(Tensor output, string what)
    {
        if (output.Rank != 4 || output.Shape[1] != Channels)
            throw new ArgumentException($"{what} expects the network output [N, {Channels}, S_h, S_w] = [N, A·(5 + C)] for {Anchors.Count} anchors and {NumClasses} classes but got {output.Shape}.");
        return new YoloGrid(output.Shape[0], Anchors.Count, PerAnchor, output.Shape[2], output.Shape[3],
            (double)ImageHeight / output.Shape[2], (double)ImageWidth / output.Shape[3]);
    }

    internal static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
