namespace Dendrite.NN;

/// <summary>How <see cref="Upsample"/> and <see cref="Functional.Interpolate(Tensor, double, InterpolationMode, bool)"/> fill the new pixels.</summary>
public enum InterpolationMode
{
    /// <summary>Each output pixel copies the input pixel at ⌊o·in/out⌋ (PyTorch's "nearest").</summary>
    Nearest,

    /// <summary>Each output pixel weighs the four input pixels around its source point (PyTorch's "bilinear").</summary>
    Bilinear,
}
