namespace Dendrite.Tensors.Kernels;

/// <summary>A register-blocked GEMM micro-kernel and the cache blocking that feeds it.</summary>
/// <remarks>
/// The kernel multiplies an Mr×kc block of A by a kc×Nr block of B and writes the Mr×Nr tile
/// C = α·(A·B) + β·C, where β = 0 overwrites C without reading it. A's element (r, p) sits at
/// a[r·rowStride + p·depthStride]: a packed panel is (1, Mr), Mr rows of a row-major A read in place
/// are (lda, 1). B's element (p, j) sits at b[p·ldb + j]: a packed panel has ldb = Nr, Nr columns of a
/// row-major B read in place have its own ldb.
/// </remarks>
internal interface IGemmKernel<T> where T : unmanaged
{
    /// <summary>Rows of the register tile.</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the register tile.</summary>
    static abstract int Nr { get; }

    /// <summary>Depth of one block (<see cref="GemmBlocking.Depth"/>).</summary>
    static abstract int Kc { get; }

    /// <summary>Most rows of one packed A block: an Mc×Kc block of A should stay in L2.</summary>
    static abstract int Mc { get; }

    /// <summary>C[Mr×Nr] = α·A·B + β·C for one full tile with row stride <paramref name="ldc"/>.</summary>
    static abstract unsafe void Run(int kc, T* a, nint rowStride, nint depthStride, T* b, nint ldb, T* c, nint ldc, T alpha, T beta);
}
