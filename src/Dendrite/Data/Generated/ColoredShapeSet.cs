namespace Dendrite.Data;

/// <summary>
/// A generated detection and segmentation set (<see cref="ColoredShapes"/>): the images, a class per pixel and the
/// boxes of each image's objects.
/// </summary>
/// <param name="Images">[m, 3, side, side] RGB in [0, 1].</param>
/// <param name="Masks">[m, side, side] Int32: 0 background, c + 1 for a pixel of an object of class c.</param>
/// <param name="Boxes">Per image, its objects (class and xyxy box in pixels), in drawing order.</param>
public sealed record ColoredShapeSet(Tensor Images, Tensor Masks, IReadOnlyList<IReadOnlyList<ShapeBox>> Boxes)
{
    /// <summary>Number of images m.</summary>
    public int Count => Images.Shape[0];

    /// <summary>Image side in pixels.</summary>
    public int Side => Images.Shape[2];
}
