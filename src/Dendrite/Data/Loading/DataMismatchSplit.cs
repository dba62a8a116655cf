namespace Dendrite.Data;

/// <summary>The four sets of the course's data-mismatch analysis.</summary>
/// <param name="Train">Trained on: source examples plus some target examples.</param>
/// <param name="TrainDev">Same distribution as <paramref name="Train"/>, held out.</param>
/// <param name="Dev">Target examples for choosing models.</param>
/// <param name="Test">Target examples for the final estimate.</param>
public sealed record DataMismatchSplit(Subset Train, Subset TrainDev, Subset Dev, Subset Test);
