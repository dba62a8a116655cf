namespace Dendrite.Tensors.Kernels;

/// <summary>A piece of elementwise work over elements [start, start + length) of some arrays held by pointer.</summary>
internal interface ISpanBody
{
    void Run(int start, int length);
}

/// <summary>
/// Splits elementwise work over n elements into equal, cache-line-aligned ranges on the GEMM workers when n is large
/// (memory-bound passes over big activations go faster on both cores); small n stays on the calling thread. Every
/// element is computed the same way whatever the split, so results do not depend on the thread count. Bodies are
/// structs and the job object is cached per thread, so a call allocates nothing.
/// </summary>
internal sealed class ParallelSpans<TBody> : GemmJob where TBody : struct, ISpanBody
{
    /// <summary>Fewer elements than this per thread are not worth waking a worker for.</summary>
    private const int MinPerThread = 64 * 1024;

    [ThreadStatic] private static ParallelSpans<TBody>? t_job;

    private TBody _body;
    private int _n, _parts;

    /// <summary>Runs <paramref name="body"/> over [0, n).</summary>
    public static void Run(int n, TBody body)
    {
        int parts = Math.Min(Gemm.MaxThreads, n / MinPerThread);
        if (parts <= 1)
        {
            body.Run(0, n);
            return;
        }
        var job = t_job ?? new ParallelSpans<TBody>();
        t_job = null;
        job._body = body;
        job._n = n;
        job._parts = parts;
        GemmWorkers.Run(job, parts, 0, parts);
        job._body = default;
        t_job = job;
    }

    /// <inheritdoc/>
    public override void Run(int item)
    {
        int start = Boundary(item);
        _body.Run(start, Boundary(item + 1) - start);
    }

    private int Boundary(int part) => part >= _parts ? _n : (int)((long)_n * part / _parts) & ~15;
}
