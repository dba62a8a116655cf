namespace Dendrite.Vision;

/// <summary>The YOLO loss's sums and their gradient with respect to the raw outputs t, term by term (see <see cref="YoloLoss"/>).</summary>
internal static class YoloLossTerms
{
    /// <summary>What a responsible prediction is pulled towards.</summary>
    private readonly record struct Target(double X, double Y, double W, double H, int Class);

    /// <summary>Adds every term's value to the returned sum and its ∂/∂t into <paramref name="gradient"/> (not yet divided by N).</summary>
    public static double Accumulate(YoloLoss loss, YoloGrid g, double[] t, List<GroundTruthBox> truths, double[] gradient)
    {
        var head = loss.Head;
        var responsible = new Dictionary<int, Target>();
        foreach (var box in truths)
        {
            double cx = (box.X1 + box.X2) / 2, cy = (box.Y1 + box.Y2) / 2, w = box.X2 - box.X1, h = box.Y2 - box.Y1;
            int j = Math.Clamp((int)Math.Floor(cx / g.CellW), 0, g.W - 1), i = Math.Clamp((int)Math.Floor(cy / g.CellH), 0, g.H - 1);
            int a = AnchorBoxes.Nearest((w, h), head.Anchors);
            responsible[g.At(box.Image, a, 0, i, j)] = new Target(cx / g.CellW - j, cy / g.CellH - i,
                Math.Log(w / head.Anchors[a].W), Math.Log(h / head.Anchors[a].H), box.Class);
        }
        var byImage = truths.ToLookup(b => b.Image);
        double sum = 0;
        for (int n = 0; n < g.N; n++)
            for (int a = 0; a < g.A; a++)
                for (int i = 0; i < g.H; i++)
                    for (int j = 0; j < g.W; j++)
                    {
                        int first = g.At(n, a, 0, i, j);
                        if (responsible.TryGetValue(first, out var target))
                            sum += Responsible(loss, g, t, gradient, n, a, i, j, target);
                        else if (!Ignored(head, g, t, n, a, i, j, byImage[n], loss.IgnoreThreshold))
                        {
                            int o = g.At(n, a, 4, i, j);
                            double s = YoloHead.Sigmoid(t[o]);
                            sum += loss.NoObjectWeight * s * s;
                            gradient[o] += loss.NoObjectWeight * 2 * s * s * (1 - s);
                        }
                    }
        return sum;
    }

    /// <summary>The coordinate, object and class terms of the prediction responsible for a box.</summary>
    private static double Responsible(YoloLoss loss, YoloGrid g, double[] t, double[] gradient, int n, int a, int i, int j, Target target)
    {
        double sum = 0;
        // λ_coord (σ(t) − x̂)²: ∂/∂t = 2 λ_coord (σ − x̂) σ (1 − σ); λ_coord (t_w − ŵ)²: ∂/∂t_w = 2 λ_coord (t_w − ŵ)
        Span<double> wanted = [target.X, target.Y, target.W, target.H];
        for (int k = 0; k < 4; k++)
        {
            int at = g.At(n, a, k, i, j);
            double v = k < 2 ? YoloHead.Sigmoid(t[at]) : t[at], d = v - wanted[k];
            sum += loss.CoordinateWeight * d * d;
            gradient[at] += loss.CoordinateWeight * 2 * d * (k < 2 ? v * (1 - v) : 1);
        }
        int o = g.At(n, a, 4, i, j);
        double s = YoloHead.Sigmoid(t[o]);
        sum += loss.ObjectWeight * (s - 1) * (s - 1);
        gradient[o] += loss.ObjectWeight * 2 * (s - 1) * s * (1 - s);
        // λ_class Σ_c (p_c − y_c)² with p = softmax(z): ∂/∂z_k = p_k (e_k − Σ_c p_c e_c), e_c = 2 λ_class (p_c − y_c)
        int classes = g.K - 5;
        Span<double> p = stackalloc double[classes];
        double max = double.NegativeInfinity, total = 0, weighted = 0;
        for (int c = 0; c < classes; c++) max = Math.Max(max, t[g.At(n, a, 5 + c, i, j)]);
        for (int c = 0; c < classes; c++) total += p[c] = Math.Exp(t[g.At(n, a, 5 + c, i, j)] - max);
        for (int c = 0; c < classes; c++)
        {
            p[c] /= total;
            double d = p[c] - (c == target.Class ? 1 : 0);
            sum += loss.ClassWeight * d * d;
            weighted += p[c] * 2 * loss.ClassWeight * d;
        }
        for (int c = 0; c < classes; c++)
            gradient[g.At(n, a, 5 + c, i, j)] += p[c] * (2 * loss.ClassWeight * (p[c] - (c == target.Class ? 1 : 0)) - weighted);
        return sum;
    }

    /// <summary>Whether the decoded box overlaps a ground truth of its image by more than the threshold.</summary>
    private static bool Ignored(YoloHead head, YoloGrid g, double[] t, int n, int a, int i, int j, IEnumerable<GroundTruthBox> truths, double threshold)
    {
        var box = head.DecodeCell(t, g, n, a, i, j);
        foreach (var truth in truths)
            if (Boxes.Iou(box.X1, box.Y1, box.X2, box.Y2, truth.X1, truth.Y1, truth.X2, truth.Y2) > threshold) return true;
        return false;
    }
}
