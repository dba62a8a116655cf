using Dendrite.Autograd;

namespace Dendrite.Vision;

/// <summary>
/// The YOLO loss (v1's weighted sum of squares with v2's anchors and log-space sizes). Each ground-truth box is assigned
/// to the cell holding its centre and, there, to the anchor whose shape has the highest IoU with it; that prediction
/// is "responsible" and the others in the grid are "no object" unless their decoded box already overlaps a ground
/// truth by more than <see cref="IgnoreThreshold"/> (YOLO v2's rule, so good boxes are not pushed down):
/// <code>
/// L = 1/N Σ_responsible [ λ_coord ((σ(t_x) − x̂)² + (σ(t_y) − ŷ)² + (t_w − ln(w/p_w))² + (t_h − ln(h/p_h))²)
///                        + λ_obj (σ(t_o) − 1)² + λ_class Σ_c (softmax(t_c)_c − 1[c = class])² ]
///   + 1/N Σ_no-object λ_noobj σ(t_o)²
/// </code>
/// with x̂ = b_x/cell_w − j, ŷ = b_y/cell_h − i the centre's place inside its cell. The defaults are the YOLO v1 paper's
/// weights, λ_coord = 5 and λ_noobj = 0.5, with λ_obj = λ_class = 1.
/// </summary>
/// <remarks>
/// <para><b>Shape:</b> output [N, A·(5 + C), S_h, S_w] (see <see cref="YoloHead"/>), targets [N, B, 5] rows (class, x1,
/// y1, x2, y2) in pixels, class −1 for padding (<see cref="DetectionTargets"/>) → a scalar. When two boxes fall on the
/// same cell and anchor, the later one is the target.</para>
/// <para>J. Redmon et al., "You Only Look Once" (2016), §2.2; "YOLO9000" (2017), §2.</para>
/// </remarks>
/// <param name="head">The decoding (anchors, classes, image size).</param>
/// <param name="coordinateWeight">λ_coord.</param>
/// <param name="noObjectWeight">λ_noobj.</param>
/// <param name="objectWeight">λ_obj.</param>
/// <param name="classWeight">λ_class.</param>
/// <param name="ignoreThreshold">A non-responsible prediction whose box has IoU above this with a ground truth gets no no-object term.</param>
public sealed class YoloLoss(YoloHead head, double coordinateWeight = 5, double noObjectWeight = 0.5, double objectWeight = 1,
    double classWeight = 1, double ignoreThreshold = 0.6)
{
    /// <summary>The decoding.</summary>
    public YoloHead Head { get; } = head;

    /// <summary>λ_coord.</summary>
    public double CoordinateWeight { get; } = coordinateWeight;

    /// <summary>λ_noobj.</summary>
    public double NoObjectWeight { get; } = noObjectWeight;

    /// <summary>λ_obj.</summary>
    public double ObjectWeight { get; } = objectWeight;

    /// <summary>λ_class.</summary>
    public double ClassWeight { get; } = classWeight;

    /// <summary>IoU above which a non-responsible prediction is not penalised as "no object".</summary>
    public double IgnoreThreshold { get; } = ignoreThreshold;

    /// <summary>The loss of <paramref name="output"/> against <paramref name="targets"/>, differentiable with respect to the output.</summary>
    public Tensor Forward(Tensor output, Tensor targets)
    {
        var g = Head.Check(output, "YoloLoss");
        if (targets.Rank != 3 || targets.Shape[0] != output.Shape[0] || targets.Shape[2] != 5)
            throw new ArgumentException($"YoloLoss expects targets [{output.Shape[0]}, B, 5] for output {output.Shape} but got {targets.Shape}.", nameof(targets));
        var truths = DetectionTargets.Unpack(targets);
        foreach (var t in truths)
            if (t.Class >= Head.NumClasses)
                throw new ArgumentException($"YoloLoss: a target of image {t.Image} has class {t.Class} but the head has {Head.NumClasses} classes.", nameof(targets));
        var t0 = output.Contiguous();
        var values = t0.ToArray<double>();
        var gradient = new double[values.Length];
        double loss = YoloLossTerms.Accumulate(this, g, values, truths, gradient) / g.N;
        for (int k = 0; k < gradient.Length; k++) gradient[k] /= g.N;
        var result = Tensor.Scalar(loss, output.DType);
        return Graph.Record(result, "YoloLoss", [t0], dy =>
        {
            var dx = Tensor.FromArray(gradient, output.Shape).To(output.DType);
            return [dx * dy.Item()];
        });
    }
}
