namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Runs the independent items of a kernel (channels, images, planes) on the GEMM's worker pool
/// (<see cref="GemmWorkers"/>), so convolution, pooling and batch norm share the threads the GEMM already keeps warm.
/// </summary>
/// <remarks>
/// Which thread runs an item never changes what the item computes: callers give each item its own outputs and
/// combine per-item partial results in item order, so results are bitwise identical for any thread count.
/// At most <see cref="Gemm.MaxThreads"/> threads run, and small calls stay on the calling thread.
/// </remarks>
internal static class KernelParallel
{
    /// <summary>Below this many element operations per extra thread, waking a worker costs more than it saves.</summary>
    private const double MinWorkPerThread = 32_768;

    /// <summary>Runs <paramref name="body"/>(i) for i in [0, items); <paramref name="work"/> estimates the whole call in element operations.</summary>
    public static void For(int items, double work, Action<int> body)
    {
        int threads = Threads(items, work);
        if (threads <= 1)
        {
            for (int i = 0; i < items; i++) body(i);
            return;
        }
        var job = t_job ?? new Job();
        t_job = null; // a nested call on this thread gets its own
        job.Body = body;
        GemmWorkers.Run(job, items, 0, threads);
        job.Body = null;
        t_job = job;
    }

    [ThreadStatic] private static Job? t_job;

    /// <summary>How many threads a call of <paramref name="items"/> items and <paramref name="work"/> element operations gets.</summary>
    public static int Threads(int items, double work) =>
        (int)Math.Clamp(Math.Min(items, work / MinWorkPerThread), 1, Math.Max(1, Gemm.MaxThreads));

    /// <summary>The body as a pool job.</summary>
    private sealed class Job : GemmJob
    {
        public Action<int>? Body;

        public override void Run(int item) => Body!(item);
    }
}
