namespace Dendrite.Data;

/// <summary>
/// A random data augmentation applied to a whole batch of images [N, C, H, W]; every random choice is drawn from the
/// <see cref="Random"/> passed in, so the same generator state gives the same result.
/// </summary>
public interface ITransform
{
    /// <summary>Returns the transformed batch as a new tensor; <paramref name="images"/> is left unchanged.</summary>
    /// <param name="images">The batch, [N, C, H, W].</param>
    /// <param name="random">The source of every random choice.</param>
    Tensor Apply(Tensor images, Random random);
}

/// <summary>Checks shared by the image transforms.</summary>
internal static class ImageBatch
{
    /// <summary>The batch as a contiguous [N, C, H, W] tensor, or an error naming the transform and the shape.</summary>
    public static Tensor Require(Tensor images, string transform)
    {
        if (images.Rank != 4)
            throw new ArgumentException($"{transform} expects images [N, C, H, W] but got {images.DType} {images.Shape}.", nameof(images));
        return images.Contiguous();
    }
}
