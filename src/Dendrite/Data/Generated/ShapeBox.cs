namespace Dendrite.Data;

/// <summary>
/// One object of a generated detection image: its class index and its box in pixel coordinates, (x0, y0) the top-left
/// corner and (x1, y1) the bottom-right one (exclusive), the xyxy layout of torchvision.
/// </summary>
/// <param name="Class">Index into the set's class names.</param>
/// <param name="X0">Left edge.</param>
/// <param name="Y0">Top edge.</param>
/// <param name="X1">Right edge (x0 + width).</param>
/// <param name="Y1">Bottom edge (y0 + height).</param>
public readonly record struct ShapeBox(int Class, float X0, float Y0, float X1, float Y1);
