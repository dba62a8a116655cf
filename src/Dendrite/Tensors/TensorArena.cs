namespace Dendrite;

/// <summary>
/// Recycles the storage of the tensors created during a training step, so that after warm-up a step allocates no
/// tensor memory: <see cref="Training.Trainer"/>-style loops enter an arena, and every tensor the current thread creates while
/// it is active (activations, gradients, batches, temporaries) takes its array from the arena's free lists.
/// </summary>
/// <remarks>
/// <para>
/// Lifetime rule: a tensor created inside <see cref="Enter"/> is valid until the next <see cref="Recycle"/> or the end of
/// the scope, whichever comes first; after that its storage is handed to a later tensor of the same dtype and length.
/// Tensors that must outlive a step — parameter gradients, optimizer state, anything a callback keeps — are created
/// outside the arena or under <see cref="Suspend"/>; the library does this for gradients and optimizer state.
/// </para>
/// <para>
/// Arrays are pooled by exact dtype and length, which is what a training loop repeats from step to step (a last,
/// smaller batch adds one more set of sizes). The arena is per thread: kernels' worker threads never create tensors
/// from it. Free lists are dropped if they grow past twice the largest step seen plus 64 MiB (shapes that keep
/// changing), so memory stays bounded.
/// </para>
/// <code>
/// var arena = new TensorArena();
/// foreach (var (x, y) in loader.Batches(epoch))
/// {
///     using (arena.Enter()) { optimizer.ZeroGrad(); loss(model.Forward(x), y).Backward(); optimizer.Step(); }
/// }
/// </code>
/// </remarks>
public sealed class TensorArena
{
    private const long SlackBytes = 64L << 20;

    [ThreadStatic] private static TensorArena? t_active;

    private readonly Dictionary<long, Stack<Array>> _free = [];
    private readonly List<Array> _lent = [];
    private long _lentBytes, _freeBytes, _largestStepBytes;
    private TensorArena? _outer;
    private bool _entered;

    /// <summary>Bytes handed out since the last recycle.</summary>
    public long LentBytes => _lentBytes;

    /// <summary>Bytes waiting in the free lists.</summary>
    public long FreeBytes => _freeBytes;

    /// <summary>Makes this arena serve the tensors the current thread creates until the returned scope is disposed,
    /// which also recycles them.</summary>
    public Scope Enter()
    {
        if (_entered) throw new InvalidOperationException("This TensorArena is already active; scopes of one arena cannot nest.");
        _entered = true;
        _outer = t_active;
        t_active = this;
        return new Scope(this);
    }

    /// <summary>Returns every array lent since the last recycle to the free lists: the tensors created since then become invalid.</summary>
    public void Recycle()
    {
        foreach (var array in _lent)
        {
            long key = Key(array);
            if (!_free.TryGetValue(key, out var stack)) _free[key] = stack = new Stack<Array>();
            stack.Push(array);
        }
        _lent.Clear();
        _largestStepBytes = Math.Max(_largestStepBytes, _lentBytes);
        _freeBytes += _lentBytes;
        _lentBytes = 0;
        if (_freeBytes > 2 * _largestStepBytes + SlackBytes)
        {
            _free.Clear();
            _freeBytes = 0;
        }
    }

    /// <summary>Lets the current thread allocate ordinary, long-lived tensors until disposed, even inside an arena.</summary>
    public static SuspendScope Suspend()
    {
        var active = t_active;
        t_active = null;
        return new SuspendScope(active);
    }

    /// <summary>An array of <paramref name="length"/> elements from the active arena, or null when none is active.
    /// Contents are undefined.</summary>
    internal static Array? Rent(DType dtype, int length) => t_active?.RentCore(dtype, length);

    /// <summary>
    /// <paramref name="length"/> doubles that live as long as the tensors of the current step: from the active arena
    /// (recycled with them), or a new array when none is active. Contents are undefined. For per-channel statistics that a
    /// backward closure keeps (batch norm's mean and 1/σ).
    /// </summary>
    internal static double[] StepDoubles(int length) => Rent(DType.Float64, length) as double[] ?? new double[length];

    private Array RentCore(DType dtype, int length)
    {
        long key = Key(dtype, length);
        Array array;
        if (_free.TryGetValue(key, out var stack) && stack.Count > 0)
        {
            array = stack.Pop();
            _freeBytes -= Bytes(array);
        }
        else
        {
            array = dtype switch
            {
                DType.Float32 => GC.AllocateUninitializedArray<float>(length),
                DType.Float64 => GC.AllocateUninitializedArray<double>(length),
                _ => GC.AllocateUninitializedArray<int>(length),
            };
        }
        _lent.Add(array);
        _lentBytes += Bytes(array);
        return array;
    }

    private void Exit()
    {
        t_active = _outer;
        _outer = null;
        _entered = false;
        Recycle();
    }

    private static long Key(Array array) => Key(array switch
    {
        float[] => DType.Float32,
        double[] => DType.Float64,
        _ => DType.Int32,
    }, array.Length);

    private static long Key(DType dtype, int length) => ((long)dtype << 32) | (uint)length;

    private static long Bytes(Array array) => (long)array.Length * (array is double[] ? 8 : 4);

    /// <summary>The active period of an arena; disposing it restores the previous arena and recycles.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly TensorArena _arena;

        internal Scope(TensorArena arena) => _arena = arena;

        /// <summary>Deactivates the arena and recycles everything it lent.</summary>
        public void Dispose() => _arena?.Exit();
    }

    /// <summary>A period in which the current thread allocates outside any arena.</summary>
    public readonly struct SuspendScope : IDisposable
    {
        private readonly TensorArena? _active;

        internal SuspendScope(TensorArena? active) => _active = active;

        /// <summary>Reactivates the arena that was active before.</summary>
        public void Dispose() => t_active = _active;
    }
}
