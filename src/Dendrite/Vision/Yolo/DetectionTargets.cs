using Dendrite.Data;

namespace Dendrite.Vision;

/// <summary>
/// Ground-truth boxes packed as a tensor, so a detection set flows through <see cref="TensorDataset"/>, data loaders and
/// the trainer like any (x, y) pair: targets [N, B, 5] hold per image up to B rows (class, x1, y1, x2, y2) in pixels,
/// unused rows having class −1.
/// </summary>
public static class DetectionTargets
{
    /// <summary>Packs each image's boxes into [N, B, 5] (B = the most boxes of any image, unless given).</summary>
    /// <param name="boxes">Per image, its objects.</param>
    /// <param name="maxBoxes">B; an image with more boxes is an error.</param>
    public static Tensor Pack(IReadOnlyList<IReadOnlyList<ShapeBox>> boxes, int? maxBoxes = null)
    {
        int b = maxBoxes ?? Math.Max(1, boxes.Count == 0 ? 1 : boxes.Max(x => x.Count));
        var data = new float[boxes.Count * b * 5];
        for (int n = 0; n < boxes.Count; n++)
        {
            if (boxes[n].Count > b) throw new ArgumentException($"DetectionTargets.Pack: image {n} has {boxes[n].Count} boxes, more than maxBoxes = {b}.", nameof(boxes));
            for (int r = 0; r < b; r++)
            {
                var row = data.AsSpan((n * b + r) * 5, 5);
                if (r >= boxes[n].Count) { row[0] = -1; continue; }
                var box = boxes[n][r];
                (row[0], row[1], row[2], row[3], row[4]) = (box.Class, box.X0, box.Y0, box.X1, box.Y1);
            }
        }
        return Tensor.FromArray(data, [boxes.Count, b, 5]);
    }

    /// <summary>The boxes of targets [N, B, 5] as ground truth, row n of the batch being image <paramref name="firstImage"/> + n.</summary>
    public static List<GroundTruthBox> Unpack(Tensor targets, int firstImage = 0)
    {
        if (targets.Rank != 3 || targets.Shape[2] != 5)
            throw new ArgumentException($"Detection targets must be [N, B, 5] rows of (class, x1, y1, x2, y2) but got {targets.Shape}.", nameof(targets));
        var t = targets.ToArray<double>();
        int b = targets.Shape[1];
        var truths = new List<GroundTruthBox>();
        for (int n = 0; n < targets.Shape[0]; n++)
            for (int r = 0; r < b; r++)
            {
                int at = (n * b + r) * 5;
                if (t[at] < 0) continue;
                if (!(t[at + 3] > t[at + 1] && t[at + 4] > t[at + 2]))
                    throw new ArgumentException($"Detection target row {r} of image {n} is an empty box ({t[at + 1]}, {t[at + 2]}, {t[at + 3]}, {t[at + 4]}).", nameof(targets));
                truths.Add(new GroundTruthBox(firstImage + n, (int)t[at], t[at + 1], t[at + 2], t[at + 3], t[at + 4]));
            }
        return truths;
    }
}
