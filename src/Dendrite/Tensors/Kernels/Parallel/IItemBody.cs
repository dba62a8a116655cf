namespace Dendrite.Tensors.Kernels;

/// <summary>One independent item of a kernel's work (an image, a chunk of images, a block of channels) that
/// <see cref="KernelParallel"/> may run on any thread.</summary>
/// <remarks>Implemented by structs that hold the call's arrays, memories or pointers: the JIT specialises the item loop
/// for each body, and a call allocates nothing (a closure would be a new delegate and display class every call).</remarks>
internal interface IItemBody
{
    /// <summary>Runs item <paramref name="item"/>.</summary>
    void Run(int item);
}
