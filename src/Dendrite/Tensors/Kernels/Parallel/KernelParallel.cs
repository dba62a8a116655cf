namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Runs the independent items of a kernel (images, chunks, channels, runs of planes, ranges of elements) on the GEMM's
/// worker pool (<see cref="GemmWorkers"/>), so convolution, pooling, batch norm and elementwise ops share the threads the
/// GEMM already keeps warm.
/// </summary>
/// <remarks>
/// <para>Bodies are structs (<see cref="IItemBody"/>, <see cref="ISpanBody"/>) and the pool job is cached per thread and
/// body type, so a call allocates nothing. At most <see cref="Gemm.MaxThreads"/> threads run, and small calls stay on the
/// calling thread.</para>
/// <para>Which thread runs an item never changes what the item computes: callers give each item its own outputs and
/// combine per-item partial results in item order, and the ranges cut here depend on the sizes alone, so results are
/// bitwise identical for any thread count.</para>
/// </remarks>
internal static class KernelParallel
{
    /// <summary>Below this many element operations per extra thread, waking a worker costs more than it saves.</summary>
    private const double MinWorkPerThread = 32_768;

    /// <summary>Fewer elements than this per thread are not worth waking a worker for in an elementwise pass.</summary>
    private const int MinElementsPerThread = 64 * 1024;

    /// <summary>Runs <paramref name="body"/> on items [0, items); <paramref name="work"/> estimates the whole call in element operations.</summary>
    public static void For<TBody>(int items, double work, TBody body) where TBody : struct, IItemBody =>
        Run(items, Threads(items, work), body);

    /// <summary>Runs <paramref name="body"/> on items [0, items) on at most <paramref name="threads"/> threads.</summary>
    public static void Run<TBody>(int items, int threads, TBody body) where TBody : struct, IItemBody
    {
        if (threads <= 1 || items <= 1)
        {
            for (int i = 0; i < items; i++) body.Run(i);
            return;
        }
        Job<TBody>.Start(items, threads, body);
    }

    /// <summary>
    /// Cuts [0, n) into <paramref name="parts"/> ranges [⌊n·k/parts⌋, ⌊n·(k + 1)/parts⌋), fixed by n and parts alone, and
    /// runs <paramref name="body"/> on each as one item; <paramref name="work"/> estimates the whole call.
    /// </summary>
    public static void ForRanges<TBody>(int n, int parts, double work, TBody body) where TBody : struct, ISpanBody =>
        For(parts, work, new Ranges<TBody>(body, n, parts, ~0));

    /// <summary>
    /// Elementwise work over [0, n): equal ranges starting on 16-element (cache-line) boundaries, one per thread, when n is
    /// large (memory-bound passes over big activations go faster on every core); one range on the calling thread otherwise.
    /// </summary>
    public static void ForElements<TBody>(int n, TBody body) where TBody : struct, ISpanBody
    {
        int parts = Math.Min(Gemm.MaxThreads, n / MinElementsPerThread);
        if (parts <= 1)
        {
            body.Run(0, n);
            return;
        }
        Run(parts, parts, new Ranges<TBody>(body, n, parts, ~15));
    }

    /// <summary>How many threads a call of <paramref name="items"/> items and <paramref name="work"/> element operations gets.</summary>
    public static int Threads(int items, double work) =>
        (int)Math.Clamp(Math.Min(items, work / MinWorkPerThread), 1, Math.Max(1, Gemm.MaxThreads));

    /// <summary>Item k is the range [start(k), start(k + 1)) with start(k) = ⌊n·k/parts⌋ &amp; mask and start(parts) = n.</summary>
    private readonly struct Ranges<TBody>(TBody body, int n, int parts, int mask) : IItemBody where TBody : struct, ISpanBody
    {
        public void Run(int item)
        {
            int start = Start(item);
            body.Run(start, Start(item + 1) - start);
        }

        private int Start(int part) => part >= parts ? n : (int)((long)n * part / parts) & mask;
    }

    /// <summary>A body as a pool job; one per thread and body type is kept for the next call.</summary>
    private sealed class Job<TBody> : GemmJob where TBody : struct, IItemBody
    {
        [ThreadStatic] private static Job<TBody>? t_cached;

        private TBody _body;

        public static void Start(int items, int threads, TBody body)
        {
            var job = t_cached ?? new Job<TBody>();
            t_cached = null; // a nested call on this thread gets its own
            job._body = body;
            GemmWorkers.Run(job, items, 0, threads);
            job._body = default; // drop the call's arrays
            t_cached = job;
        }

        public override void Run(int item) => _body.Run(item);
    }
}
