using System.Numerics;
using System.Runtime.InteropServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// A run of dense layers on a few rows (m ≤ <see cref="GemmSkinny{T}.MaxRows"/>) as one <see cref="GemmWorkers"/> job:
/// Y₀ = X·W₀ᵀ + b₀, Y₁ = Y₀·W₁ᵀ + b₁, …, each optionally followed by max(Y, 0). Each layer's columns are split as
/// <see cref="GemmSkinny{T}"/> splits them, and a thread moves on to the next layer's part as soon as every part of
/// the layer before is done (the workers' prerequisite count), so the threads are handed the work once per chain rather
/// than once per layer, and the bias copies and ReLUs run on the thread that computes those columns.
/// </summary>
/// <remarks>Bitwise what <see cref="Gemm.Linear{T}"/> computes layer by layer: per row the bias is copied into the
/// part's columns, the dot products are added with β = 1 (β = 0 without a bias) by <see cref="GemmSkinny{T}.Columns"/>,
/// then the same ReLU operator runs over those columns; every element is summed by one thread in one order.</remarks>
internal sealed unsafe class GemmChain<T> : GemmJob where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Most layers one chain takes.</summary>
    public const int MaxLayers = 8;

    [ThreadStatic] private static GemmChain<T>? t_job;

    private readonly Layer[] _layers = new Layer[MaxLayers];
    private readonly int[] _first = new int[MaxLayers + 1];
    private int _count, _m;
    private T* _x;

    /// <summary>One layer: W [n, k] rows, bias n values (null: none), output Y [m, n].</summary>
    public readonly struct Layer(T* w, T* bias, T* y, int n, int k, bool relu)
    {
        /// <summary>Weights, n rows of k.</summary>
        public readonly T* W = w;
        /// <summary>Bias, n values, or null.</summary>
        public readonly T* Bias = bias;
        /// <summary>Output, m rows of n.</summary>
        public readonly T* Y = y;
        /// <summary>Outputs and inputs of the layer.</summary>
        public readonly int N = n, K = k;
        /// <summary>Whether max(Y, 0) follows.</summary>
        public readonly bool Relu = relu;
    }

    /// <summary>Runs the chain on x [m, layers[0].K]; each layer reads the previous layer's Y.</summary>
    /// <remarks>Requires 1 ≤ m ≤ <see cref="GemmSkinny{T}.MaxRows"/>, 1 ≤ layers.Length ≤ <see cref="MaxLayers"/>,
    /// n, k ≥ 1 and layers[i].K = layers[i − 1].N (the caller checks).</remarks>
    public static void Run(int m, T* x, ReadOnlySpan<Layer> layers, int maxThreads)
    {
        var job = t_job ?? new GemmChain<T>();
        t_job = null;
        job._m = m;
        job._x = x;
        job._count = layers.Length;
        int items = 0, threads = 1;
        for (int l = 0; l < layers.Length; l++)
        {
            job._layers[l] = layers[l];
            job._first[l] = items;
            int parts = GemmSkinny<T>.Parts(layers[l].N, layers[l].K, maxThreads);
            items += parts;
            threads = Math.Max(threads, parts);
        }
        job._first[layers.Length] = items;
        if (threads > 1) GemmWorkers.Run(job, items, 0, threads);
        else for (int i = 0; i < items; i++) job.Run(i);
        job._x = null;
        t_job = job;
    }

    /// <inheritdoc/>
    public override int Prerequisite(int item, int firstPhase) => _first[LayerOf(item)];

    /// <inheritdoc/>
    public override void Run(int item)
    {
        int l = LayerOf(item), parts = _first[l + 1] - _first[l], part = item - _first[l];
        Layer layer = _layers[l];
        T* input = l == 0 ? _x : _layers[l - 1].Y;
        int n = layer.N, j0 = GemmSkinny<T>.Boundary(n, part, parts), j1 = GemmSkinny<T>.Boundary(n, part + 1, parts);
        if (j1 <= j0) return;
        if (layer.Bias != null)
            for (int i = 0; i < _m; i++) new ReadOnlySpan<T>(layer.Bias + j0, j1 - j0).CopyTo(new Span<T>(layer.Y + i * n + j0, j1 - j0));
        var ops = new GemmOperands<T>(false, true, _m, n, layer.K, input, layer.K, layer.W, layer.K, layer.Y, n, T.One, layer.Bias == null ? T.Zero : T.One);
        GemmSkinny<T>.Columns(ops, j0, j1);
        if (!layer.Relu) return;
        for (int i = 0; i < _m; i++)
        {
            var y = new Span<T>(layer.Y + i * n + j0, j1 - j0);
            if (typeof(T) == typeof(float)) Activations.Relu<float>(MemoryMarshal.Cast<T, float>(y), MemoryMarshal.Cast<T, float>(y));
            else Activations.Relu<double>(MemoryMarshal.Cast<T, double>(y), MemoryMarshal.Cast<T, double>(y));
        }
    }

    private int LayerOf(int item)
    {
        int l = 0;
        while (item >= _first[l + 1]) l++;
        return l;
    }
}
