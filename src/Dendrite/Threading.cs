using Dendrite.Tensors.Kernels;

namespace Dendrite;

/// <summary>How many threads the kernels may use (like torch.set_num_threads).</summary>
/// <remarks>
/// Defaults to the number of processors, or to the environment variable <c>DENDRITE_NUM_THREADS</c> when set. Results
/// do not depend on it: work is cut into fixed pieces and reductions are summed in a fixed order, so a run with one
/// thread is bitwise identical to a run with all of them.
/// </remarks>
public static class Threading
{
    /// <summary>The largest number of threads one kernel call uses (at least 1).</summary>
    public static int MaxThreads
    {
        get => Gemm.MaxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Gemm.MaxThreads = value;
        }
    }
}
