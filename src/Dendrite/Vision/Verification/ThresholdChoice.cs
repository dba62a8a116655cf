namespace Dendrite.Vision;

/// <summary>A verification threshold and the accuracy it reaches on the pairs it was chosen or measured on.</summary>
/// <param name="Threshold">Pairs closer than this (d &lt; threshold) are called one identity.</param>
/// <param name="Accuracy">The fraction of pairs called right.</param>
public readonly record struct ThresholdChoice(double Threshold, double Accuracy);
