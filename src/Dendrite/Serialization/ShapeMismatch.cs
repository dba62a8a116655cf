namespace Dendrite.Serialization;

/// <summary>A tensor whose name the checkpoint and the model share but whose shapes differ.</summary>
/// <param name="Name">The dotted name, e.g. <c>layers.0.weight</c>.</param>
/// <param name="CheckpointShape">The shape stored in the checkpoint.</param>
/// <param name="ModelShape">The shape the model expects.</param>
public readonly record struct ShapeMismatch(string Name, Shape CheckpointShape, Shape ModelShape)
{
    /// <summary>E.g. <c>layers.0.weight: checkpoint has [20, 12288] but the model has [20, 784]</c>.</summary>
    public override string ToString() => $"{Name}: checkpoint has {CheckpointShape} but the model has {ModelShape}";
}
