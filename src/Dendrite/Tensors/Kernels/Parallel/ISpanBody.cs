namespace Dendrite.Tensors.Kernels;

/// <summary>
/// A piece of work over the range [start, start + length) of something indexed: elements of arrays held by pointer,
/// or planes of a stack. <see cref="KernelParallel"/> cuts a whole range into such pieces.
/// </summary>
internal interface ISpanBody
{
    /// <summary>Runs the piece [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    void Run(int start, int length);
}
