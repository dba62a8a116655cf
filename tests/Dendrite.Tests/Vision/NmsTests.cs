using Dendrite.Data;
using Dendrite.Vision;

namespace Dendrite.Tests.Vision;

/// <summary>Box utilities and NMS: hand-computed cases and torchvision 0.14's box_iou, nms and batched_nms (Fixtures/make_nms_fixtures.py).</summary>
public class NmsTests
{
    private static IReadOnlyDictionary<string, Tensor> Fixture(int k) => Npz.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"nms_{k}.npz"));

    [Fact]
    public void Iou_conversions_and_areas_on_hand_computed_boxes()
    {
        var a = Tensor.FromArray(new double[] { 0, 0, 2, 2, 1, 1, 3, 3 }, [2, 4]);
        var b = Tensor.FromArray(new double[] { 1, 0, 3, 2, 5, 5, 6, 6 }, [2, 4]);
        var iou = Boxes.Iou(a, b).ToArray<double>();
        Assert.Equal([2.0 / 6, 0, 2.0 / 6, 0], iou, new Tolerance(1e-12));   // both overlaps are 2 unit² of areas 4 + 4
        Assert.Equal([4.0, 4.0], Boxes.Area(a));
        var centre = Boxes.XyxyToCxcywh(a);
        Assert.Equal([1.0, 1, 2, 2, 2, 2, 2, 2], centre.ToArray<double>());
        Assert.Equal(a.ToArray<double>(), Boxes.CxcywhToXyxy(centre).ToArray<double>());
        Assert.Contains("[N, 4]", Assert.Throws<ArgumentException>(() => Boxes.Iou(Tensor.Zeros([2, 3], DType.Float64), b)).Message);
    }

    [Fact]
    public void A_box_is_suppressed_only_when_its_iou_is_greater_than_the_threshold()
    {
        // boxes 0 and 1 overlap with IoU exactly 1/3; box 2 is apart
        var boxes = Tensor.FromArray(new double[] { 0, 0, 2, 2, 1, 0, 3, 2, 10, 10, 11, 11 }, [3, 4]);
        var scores = Tensor.FromArray(new double[] { 0.9, 0.8, 0.7 });
        Assert.Equal([0, 1, 2], Nms.Apply(boxes, scores, 1.0 / 3));        // equal to the threshold: kept
        Assert.Equal([0, 2], Nms.Apply(boxes, scores, 0.3));
        Assert.Equal([0, 1, 2], Nms.Batched(boxes, scores, [0, 1, 0], 0.3)); // different classes never suppress each other
        Assert.Equal([0, 1], Nms.ScoreFilter(scores, 0.8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Nms_batched_nms_and_box_iou_equal_torchvisions(int k)
    {
        var f = Fixture(k);
        var boxes = f["boxes"];
        var scores = f["scores"];
        var classes = f["classes"].ToArray<int>();
        if (f.TryGetValue("iou", out var iou)) Assert.Equal(iou.ToArray<double>(), Boxes.Iou(boxes, boxes).ToArray<double>(), new Tolerance(1e-12));
        foreach (var t in new[] { "0.3", "0.5", "0.7" })
        {
            double threshold = double.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(f["keep_" + t].ToArray<int>(), Nms.Apply(boxes, scores, threshold));
            Assert.Equal(f["batched_" + t].ToArray<int>(), Nms.Batched(boxes, scores, classes, threshold));
        }
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
