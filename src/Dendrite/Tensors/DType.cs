namespace Dendrite;

/// <summary>Element type of a tensor.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float: the default and the fast path.</summary>
    Float32,
    /// <summary>64-bit IEEE float: for gradient checking and digit-for-digit comparison with numpy.</summary>
    Float64,
    /// <summary>32-bit signed integer: class labels and indices; not differentiable.</summary>
    Int32,
}
