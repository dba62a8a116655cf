using System.Globalization;
using System.Numerics;
using Dendrite.Autograd;

namespace Dendrite.Optim;

/// <summary>
/// Base of every optimizer: walks the parameters and hands each one's value and gradient, as spans,
/// to the subclass's update rule. Per-parameter state (velocities, moments) lives here, allocated once on first use.
/// </summary>
/// <remarks>
/// A rule names its state buffers in the constructor (Adam: <c>"v"</c>, <c>"s"</c>) and reads them with
/// <see cref="State{T}"/>; each is a zero tensor of the parameter's shape and dtype until the first step writes it.
/// <see cref="StateTensors"/> and <see cref="LoadState"/> save and restore them with <see cref="StepCount"/>, so a
/// resumed run continues bitwise as if it had never stopped.
/// </remarks>
public abstract class Optimizer
{
    private readonly Tensor[] _parameters;
    private readonly string[] _bufferNames;
    private Tensor?[,] _state;
    private float[] _scratch32 = [];
    private double[] _scratch64 = [];

    /// <summary>Creates an optimizer over <paramref name="parameters"/> with step size α = <paramref name="learningRate"/>.</summary>
    /// <param name="parameters">The tensors to update.</param>
    /// <param name="learningRate">α, positive.</param>
    /// <param name="stateBuffers">Names of the rule's per-parameter state buffers (e.g. "v", "s"); none for plain gradient descent.</param>
    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate, params string[] stateBuffers)
    {
        _parameters = [.. parameters];
        if (_parameters.Length == 0) throw new ArgumentException("The optimizer got no parameters.", nameof(parameters));
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), $"Learning rate must be positive but is {learningRate}.");
        LearningRate = learningRate;
        _bufferNames = stateBuffers;
        _state = new Tensor?[_parameters.Length, _bufferNames.Length];
    }

    /// <summary>The tensors being optimized.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>The step size α (schedules change it between steps).</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of <see cref="Step"/> calls so far (t in Adam's bias correction); restored by <see cref="LoadState"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>When set, every gradient element is clamped to [−ClipValue, ClipValue] before each update (Keras's <c>clipvalue</c>; <see cref="GradientClipping.ClipByValue"/>).</summary>
    public double? ClipValue { get; set; }

    /// <summary>When set, the gradients are rescaled to this global L2 norm at most before each update (Keras's <c>clipnorm</c>; <see cref="GradientClipping.ClipByNorm"/>).</summary>
    public double? ClipNorm { get; set; }

    /// <summary>Clears every parameter's gradient (sets it to null) before the next backward pass.</summary>
    /// <remarks>The old gradient's buffer is kept and reused by the next backward pass, so a training step allocates no
    /// gradient memory; a reference to the old <see cref="Tensor.Grad"/> held across steps sees it overwritten.</remarks>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.ZeroGrad();
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        StepCount++;
        if (ClipNorm is double maxNorm) GradientClipping.ClipByNorm(_parameters, maxNorm);
        if (ClipValue is double clipValue) GradientClipping.ClipByValue(_parameters, clipValue);
        using var _ = GradMode.NoGrad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.Grad is null) continue;
            if (p.IsFloat64) Update(i, p.Span<double>(), p.Grad.Contiguous().Span<double>());
            else Update(i, p.Span<float>(), p.Grad.Contiguous().Span<float>());
        }
    }

    /// <summary>
    /// The state buffers allocated so far, named <c>"{parameterIndex}.{buffer}"</c> (e.g. <c>"3.v"</c>), in parameter
    /// then buffer order. These are the live tensors: the next <see cref="Step"/> changes them, so write or clone them first.
    /// </summary>
    public IReadOnlyList<(string Name, Tensor Value)> StateTensors()
    {
        var list = new List<(string, Tensor)>();
        for (int i = 0; i < _parameters.Length; i++)
            for (int b = 0; b < _bufferNames.Length; b++)
                if (_state[i, b] is { } t) list.Add((BufferName(i, b), t));
        return list;
    }

    /// <summary>
    /// Restores <see cref="StepCount"/> and the state buffers saved by <see cref="StateTensors"/> (copied, not aliased),
    /// replacing any current state. A parameter's buffers must be given all or not at all (none: it starts from zero).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name, a missing buffer, or a shape or dtype that differs from the parameter's.</exception>
    public void LoadState(long stepCount, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentNullException.ThrowIfNull(tensors);
        var state = new Tensor?[_parameters.Length, _bufferNames.Length];
        foreach (var (name, value) in tensors)
        {
            var (i, b) = ParseBufferName(name);
            var p = _parameters[i];
            if (value.Shape != p.Shape)
                throw new ArgumentException($"{GetType().Name} state buffer '{name}' has shape {value.Shape} but parameter {i} has shape {p.Shape}.", nameof(tensors));
            if (value.DType != p.DType)
                throw new ArgumentException($"{GetType().Name} state buffer '{name}' is {value.DType} but parameter {i} is {p.DType}.", nameof(tensors));
            state[i, b] = value.Clone();
        }
        for (int i = 0; i < _parameters.Length; i++)
            for (int b = 0; b < _bufferNames.Length; b++)
                if (state[i, b] is null && Enumerable.Range(0, _bufferNames.Length).Any(other => state[i, other] is not null))
                    throw new ArgumentException($"{GetType().Name} state for parameter {i} lacks buffer '{BufferName(i, b)}'.", nameof(tensors));
        _state = state;
        StepCount = stepCount;
    }

    /// <summary>The update rule for parameter number <paramref name="index"/>: modify <paramref name="parameter"/> in place from its gradient.</summary>
    protected abstract void Update<T>(int index, Span<T> parameter, ReadOnlySpan<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>State buffer <paramref name="buffer"/> of parameter <paramref name="index"/>: zeros until first written, allocated once.</summary>
    protected Span<T> State<T>(int index, string buffer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = Array.IndexOf(_bufferNames, buffer);
        if (b < 0) throw new InvalidOperationException($"{GetType().Name} declared no state buffer '{buffer}'.");
        var p = _parameters[index];
        var t = _state[index, b];
        if (t is null)
        {
            using var _ = TensorArena.Suspend(); // state lives as long as the optimizer
            t = _state[index, b] = Tensor.Zeros(p.Shape, p.DType);
        }
        return t.Span<T>();
    }

    /// <summary>A work span of <paramref name="length"/> elements shared by all parameters (contents undefined; grown, never shrunk).</summary>
    protected Span<T> Scratch<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            if (_scratch64.Length < length) _scratch64 = new double[length];
            return ((T[])(object)_scratch64).AsSpan(0, length);
        }
        if (_scratch32.Length < length) _scratch32 = new float[length];
        return ((T[])(object)_scratch32).AsSpan(0, length);
    }

    private string BufferName(int index, int buffer) => $"{index}.{_bufferNames[buffer]}";

    private (int Index, int Buffer) ParseBufferName(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0
            && int.TryParse(name.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < _parameters.Length
            && Array.IndexOf(_bufferNames, name[(dot + 1)..]) is var b and >= 0)
            return (i, b);
        string expected = _bufferNames.Length == 0 ? "none" : $"'{{0..{_parameters.Length - 1}}}.{{{string.Join(", ", _bufferNames)}}}'";
        throw new ArgumentException($"{GetType().Name} has no state buffer '{name}' (expected: {expected}).", "tensors");
    }
}
