namespace Dendrite.Tensors.Kernels;

/// <summary>A register-blocked GEMM micro-kernel and the cache blocking that feeds it.</summary>
/// <remarks>
/// The kernel multiplies a packed Mr×kc panel of A (stored p-major: element (r, p) at p·Mr + r)
/// by a packed kc×Nr panel of B (element (p, j) at p·Nr + j) and writes the Mr×Nr tile
/// C = α·(A·B) + β·C, where β = 0 overwrites C without reading it.
/// </remarks>
internal interface IGemmKernel<T> where T : unmanaged
{
    /// <summary>Rows of the register tile.</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the register tile.</summary>
    static abstract int Nr { get; }

    /// <summary>Depth of one packed block: a kc×Nr panel of B should stay in L1.</summary>
    static abstract int Kc { get; }

    /// <summary>Most rows of one packed A block: an Mc×Kc block of A should stay in L2.</summary>
    static abstract int Mc { get; }

    /// <summary>C[Mr×Nr] = α·A·B + β·C for one full tile with row stride <paramref name="ldc"/>.</summary>
    static abstract unsafe void Run(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta);

    /// <summary>Whether <see cref="RunRows"/> is implemented (A read in place, no packing).</summary>
    static virtual bool ReadsRowsOfA => false;

    /// <summary>As <see cref="Run"/>, with the Mr rows of A read in place: element (r, p) at a[r·lda + p].</summary>
    static virtual unsafe void RunRows(int kc, T* a, nint lda, T* b, T* c, nint ldc, T alpha, T beta) =>
        throw new NotSupportedException("This micro-kernel reads packed A only.");
}
