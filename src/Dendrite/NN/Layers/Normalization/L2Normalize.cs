namespace Dendrite.NN;

/// <summary>
/// L2 normalization along an axis (default the last, the feature axis of [N, D]): y = x / max(‖x‖₂, ε), so every
/// encoding lies on the unit sphere, as FaceNet's embedding layer. No parameters. <b>Shape:</b> any → same.
/// </summary>
/// <param name="axis">The axis whose vectors get unit length.</param>
/// <param name="epsilon">ε, the smallest norm divided by (PyTorch's 1e-12).</param>
public sealed class L2Normalize(int axis = -1, double epsilon = 1e-12) : Module
{
    /// <summary>The normalized axis.</summary>
    public int Axis { get; } = axis;

    /// <summary>ε, the smallest norm divided by.</summary>
    public double Epsilon { get; } = epsilon;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Normalize(input, Axis, Epsilon);

    /// <inheritdoc/>
    public override string Describe() => $"L2Normalize(axis: {Axis})";
}
