namespace Dendrite.Tensors.Kernels;

/// <summary>The operands of one GEMM call, C[m×n] = α·op(A)·op(B) + β·C, as pinned row-major pointers.</summary>
internal readonly unsafe struct GemmOperands<T>(
    bool transA, bool transB, int m, int n, int k,
    T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, T beta) where T : unmanaged
{
    /// <summary>A is stored k×m and read transposed.</summary>
    public readonly bool TransA = transA;

    /// <summary>B is stored n×k and read transposed.</summary>
    public readonly bool TransB = transB;

    /// <summary>Rows of op(A) and C.</summary>
    public readonly int M = m;

    /// <summary>Columns of op(B) and C.</summary>
    public readonly int N = n;

    /// <summary>Columns of op(A), rows of op(B): the summed dimension.</summary>
    public readonly int K = k;

    /// <summary>First element of A and its row stride.</summary>
    public readonly T* A = a;

    /// <summary>Row stride of A as stored.</summary>
    public readonly nint Lda = lda;

    /// <summary>First element of B.</summary>
    public readonly T* B = b;

    /// <summary>Row stride of B as stored.</summary>
    public readonly nint Ldb = ldb;

    /// <summary>First element of C.</summary>
    public readonly T* C = c;

    /// <summary>Row stride of C.</summary>
    public readonly nint Ldc = ldc;

    /// <summary>Scale of the product.</summary>
    public readonly T Alpha = alpha;

    /// <summary>Scale of the old C; zero means C is overwritten without being read.</summary>
    public readonly T Beta = beta;

    /// <summary>Epilogue of a dense layer (blocked path only): when set, each task first copies this row of n values into
    /// every row of its block of C, so that β = 1 accumulates the product onto the bias, as a bias broadcast into C before
    /// the call would.</summary>
    public T* Bias { get; init; }

    /// <summary>Epilogue of a dense layer (blocked path only): each task replaces its finished block of C by max(C, 0).</summary>
    public bool Relu { get; init; }

    /// <summary>Skinny path only (B stored n×k and read transposed): B's whole groups of rows again in
    /// <see cref="SkinnyPacking{T}"/>'s layout, 32-byte aligned, or null to read every row in place.</summary>
    public T* PackedB { get; init; }
}
