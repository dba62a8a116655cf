using Dendrite.Tensors.Kernels;

namespace Dendrite.Bench.Workloads;

/// <summary>Gemm float32 GFLOP/s on the shapes of peers/gemm.py: squares and the GEMMs of a batch-128 MLP.</summary>
/// <remarks>
/// The MLP shapes follow nn.Linear (W is out×in), as autograd runs them, transposes as flags:
/// forward Y = X·Wᵀ, backward data dX = dY·W, backward weight dW = dYᵀ·X.
/// </remarks>
internal sealed class GemmWorkload : IWorkload
{
    private const int Batch = 128;

    /// <inheritdoc/>
    public string Name => "gemm";

    /// <inheritdoc/>
    public void Run()
    {
        var rng = new Random(0);
        foreach (int n in new[] { 128, 256, 512, 1024, 2048 })
        {
            float[] a = Randn(rng, n * n), b = Randn(rng, n * n);
            Measure("gemm_square", [("m", n), ("n", n), ("k", n)], false, false, n, n, n, a, b);
        }
        foreach ((int fanIn, int fanOut) in new[] { (784, 256), (256, 128) })
        {
            float[] x = Randn(rng, Batch * fanIn), w = Randn(rng, fanOut * fanIn), dy = Randn(rng, Batch * fanOut);
            (string, object)[] cfg = [("batch", Batch), ("in", fanIn), ("out", fanOut)];
            Measure("gemm_mlp_fwd", [.. cfg, ("op", "X@W^T"), ("m", Batch), ("n", fanOut), ("k", fanIn)],
                false, true, Batch, fanOut, fanIn, x, w);
            Measure("gemm_mlp_bwd_data", [.. cfg, ("op", "dY@W"), ("m", Batch), ("n", fanIn), ("k", fanOut)],
                false, false, Batch, fanIn, fanOut, dy, w);
            Measure("gemm_mlp_bwd_weight", [.. cfg, ("op", "dY^T@X"), ("m", fanOut), ("n", fanIn), ("k", Batch)],
                true, false, fanOut, fanIn, Batch, dy, x);
        }
    }

    /// <summary>Times C = op(A)·op(B) where A, B are stored densely in their own layouts.</summary>
    private static void Measure(string name, (string, object)[] config, bool transA, bool transB,
        int m, int n, int k, float[] a, float[] b)
    {
        var c = new float[m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        void Fn() => Gemm.Multiply<float>(transA, transB, m, n, k, a, lda, b, ldb, c, n, 1f, 0f);
        (double[] times, CpuLoad load) = Timing.TimeIt(Fn, repeats: 9, warmup: 3, inner: Timing.PickInner(Fn));
        JsonLine.Emit(name, config, times, load, "one Gemm.Multiply call", [("gflops", 2.0 * m * n * k / 1e9)]);
    }

    private static float[] Randn(Random rng, int count)
    {
        var data = new float[count];
        for (int i = 0; i < count; i++)
            data[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        return data;
    }
}
