namespace Dendrite.Vision;

/// <summary>A labelled box: the image it is in, its class and its corners (x1, y1, x2, y2).</summary>
public sealed record GroundTruthBox(int Image, int Class, double X1, double Y1, double X2, double Y2);
