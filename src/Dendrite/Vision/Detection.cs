namespace Dendrite.Vision;

/// <summary>A predicted box: the image it is in, its class, its score and its corners (x1, y1, x2, y2).</summary>
public sealed record Detection(int Image, int Class, double Score, double X1, double Y1, double X2, double Y2);
