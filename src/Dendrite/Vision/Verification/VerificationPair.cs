namespace Dendrite.Vision;

/// <summary>Two rows of a labelled set to verify as one identity or two.</summary>
/// <param name="First">Row of the first image.</param>
/// <param name="Second">Row of the second image (never the first).</param>
/// <param name="Same">Whether both rows carry one label: a positive pair when true, a negative pair when false.</param>
public readonly record struct VerificationPair(int First, int Second, bool Same);
