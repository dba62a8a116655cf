using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>
/// The machinery of <see cref="Rnn"/>, <see cref="Gru"/> and <see cref="Lstm"/>: several layers, both directions,
/// batch-first layouts, initial states, variable lengths, dropout between layers, and PyTorch's parameter names
/// (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>, <c>…_reverse</c>) and layouts
/// (W_ih [G·H, I], gates stacked in the cell's order). Subclasses write only their cell step.
/// </summary>
/// <remarks>
/// Every weight and bias starts as U(−1/√H, 1/√H), as in PyTorch. Each layer and direction computes the input
/// projections of all time steps in one GEMM, then steps through time. With lengths, a sequence's state stops changing
/// after its last step and its outputs there are zero, so the reverse direction starts at each sequence's own end:
/// what PyTorch's packed sequences compute.
/// </remarks>
public abstract class RecurrentLayer : Module
{
    private readonly Tensor[][] _weights; // [layer·D + direction] → W_ih, W_hh, b_ih?, b_hh?
    private readonly Random _dropoutRandom;

    /// <summary>Creates the layers; <paramref name="gates"/> is G, the blocks stacked in W_ih and W_hh (1, 3 or 4).</summary>
    protected RecurrentLayer(int inputSize, int hiddenSize, int gates, int numLayers, bool bias, bool batchFirst, double dropout,
        bool bidirectional, Random? random, DType dtype)
    {
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize), $"{GetType().Name} needs positive sizes but got input {inputSize}, hidden {hiddenSize}, layers {numLayers}.");
        if (dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(dropout), $"{GetType().Name}'s dropout must be in [0, 1) but is {dropout}.");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        HasBias = bias;
        BatchFirst = batchFirst;
        DropoutP = dropout;
        Bidirectional = bidirectional;
        random ??= Init.DefaultRandom;
        _dropoutRandom = new Random(random.Next());
        double bound = 1 / Math.Sqrt(hiddenSize);
        int directions = bidirectional ? 2 : 1;
        _weights = new Tensor[numLayers * directions][];
        for (int layer = 0; layer < numLayers; layer++)
            for (int d = 0; d < directions; d++)
            {
                string suffix = $"_l{layer}" + (d == 1 ? "_reverse" : "");
                int inputs = layer == 0 ? inputSize : hiddenSize * directions;
                Tensor Draw(string name, Shape shape) => RegisterParameter(name + suffix, Tensor.Uniform(shape, -bound, bound, random, dtype));
                var list = new List<Tensor> { Draw("weight_ih", [gates * hiddenSize, inputs]), Draw("weight_hh", [gates * hiddenSize, hiddenSize]) };
                if (bias)
                {
                    list.Add(Draw("bias_ih", [gates * hiddenSize]));
                    list.Add(Draw("bias_hh", [gates * hiddenSize]));
                }
                _weights[layer * directions + d] = [.. list];
            }
    }

    /// <summary>I, the features of each input step.</summary>
    public int InputSize { get; }

    /// <summary>H, the state size.</summary>
    public int HiddenSize { get; }

    /// <summary>L, stacked layers.</summary>
    public int NumLayers { get; }

    /// <summary>Whether the layers learn biases.</summary>
    public bool HasBias { get; }

    /// <summary>Inputs and outputs are [N, T, ·] rather than [T, N, ·].</summary>
    public bool BatchFirst { get; }

    /// <summary>Dropout probability on the outputs of every layer but the last, in training.</summary>
    public double DropoutP { get; }

    /// <summary>Whether a second set of layers reads the sequence backwards (D = 2).</summary>
    public bool Bidirectional { get; }

    /// <summary>Whether the cell carries a cell state c besides h (LSTM).</summary>
    protected virtual bool HasCellState => false;

    /// <summary>One time step: the new h (and c) from the input projection and the previous state.</summary>
    protected abstract (Tensor H, Tensor? C) Step(Tensor inputProjection, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh);

    /// <summary>
    /// One layer and direction over a whole sequence without lengths as one op: [T + 1, N, H], h_t in time order, then
    /// the final c. Null (the default) steps through <see cref="Step"/> instead.
    /// </summary>
    private protected virtual Tensor? Sweep(Tensor projections, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh, bool reverse) => null;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Run(input).Output;

    /// <summary>Runs the layers over a batch of sequences.</summary>
    /// <param name="input">[T, N, I], or [N, T, I] when batch-first.</param>
    /// <param name="h0">Initial hidden states [L·D, N, H]; zeros when null.</param>
    /// <param name="c0">Initial cell states [L·D, N, H] (LSTM only); zeros when null.</param>
    /// <param name="lengths">Each sequence's length (1 … T); every sequence is T long when null.</param>
    public RecurrentOutput Run(Tensor input, Tensor? h0 = null, Tensor? c0 = null, IReadOnlyList<int>? lengths = null)
    {
        if (input.Rank != 3 || input.Shape[2] != InputSize)
            throw new ArgumentException($"{Describe()} expects {(BatchFirst ? "[N, T, " : "[T, N, ")}{InputSize}] but got {input.Shape}.");
        if (c0 is not null && !HasCellState) throw new ArgumentException($"{Describe()} has no cell state; c0 is for LSTM.");
        var x = BatchFirst ? input.Transpose(0, 1) : input;
        int steps = x.Shape[0], batch = x.Shape[1], directions = Bidirectional ? 2 : 1;
        CheckState(h0, "h0", batch, directions);
        CheckState(c0, "c0", batch, directions);
        var masks = lengths is null ? null : Masks(lengths, steps, batch, x.DType);
        var finalH = new List<Tensor>();
        var finalC = new List<Tensor>();
        for (int layer = 0; layer < NumLayers; layer++)
        {
            var outputs = new Tensor[directions];
            for (int d = 0; d < directions; d++)
            {
                int k = layer * directions + d;
                var w = _weights[k];
                var h = h0?[k] ?? Tensor.Zeros([batch, HiddenSize], x.DType);
                Tensor? c = HasCellState ? c0?[k] ?? Tensor.Zeros([batch, HiddenSize], x.DType) : null;
                var projections = x.Reshape(steps * batch, x.Shape[2]).Linear(w[0], HasBias ? w[2] : null).Reshape(steps, batch, w[0].Shape[0]);
                if (masks is null && Sweep(projections, h, c, w[1], HasBias ? w[3] : null, d == 1) is { } sweep)
                {
                    outputs[d] = sweep.Narrow(0, 0, steps);
                    finalH.Add(sweep[d == 0 ? steps - 1 : 0]);
                    finalC.Add(sweep[steps]);
                    continue;
                }
                var perStep = new Tensor[steps];
                for (int s = 0; s < steps; s++)
                {
                    int t = d == 0 ? s : steps - 1 - s;
                    var xp = projections[t];
                    var (hNext, cNext) = Step(xp, h, c, w[1], HasBias ? w[3] : null);
                    if (masks is null)
                    {
                        (h, c) = (hNext, cNext);
                        perStep[t] = hNext;
                    }
                    else
                    {
                        var (keep, hold) = masks[t];
                        h = hNext * keep + h * hold;
                        if (c is not null) c = cNext! * keep + c * hold;
                        perStep[t] = hNext * keep;
                    }
                }
                outputs[d] = Tensor.Stack(perStep);
                finalH.Add(h);
                if (c is not null) finalC.Add(c);
            }
            x = directions == 1 ? outputs[0] : Tensor.Concat(outputs, axis: 2);
            if (DropoutP > 0 && layer < NumLayers - 1) x = Functional.Dropout(x, DropoutP, _dropoutRandom, IsTraining);
        }
        var output = BatchFirst ? x.Transpose(0, 1) : x;
        return new RecurrentOutput(output, Tensor.Stack(finalH), HasCellState ? Tensor.Stack(finalC) : null);
    }

    /// <summary>Lengths from a [N, T] mask of ones then zeros (each row a prefix of ones).</summary>
    public static int[] LengthsFromMask(Tensor mask)
    {
        if (mask.Rank != 2) throw new ArgumentException($"A sequence mask is [N, T] but got {mask.Shape}.", nameof(mask));
        var values = mask.To(DType.Float64).ToArray<double>();
        int n = mask.Shape[0], t = mask.Shape[1];
        var lengths = new int[n];
        for (int i = 0; i < n; i++)
        {
            int length = 0;
            while (length < t && values[i * t + length] != 0) length++;
            for (int j = length; j < t; j++)
                if (values[i * t + j] != 0) throw new ArgumentException($"Row {i} of the sequence mask is not a prefix of ones (a one at step {j} after a zero).", nameof(mask));
            lengths[i] = length;
        }
        return lengths;
    }

    private void CheckState(Tensor? state, string name, int batch, int directions)
    {
        if (state is not null && (state.Rank != 3 || state.Shape[0] != NumLayers * directions || state.Shape[1] != batch || state.Shape[2] != HiddenSize))
            throw new ArgumentException($"{Describe()} expects {name} [{NumLayers * directions}, {batch}, {HiddenSize}] but got {state.Shape}.");
    }

    /// <summary>Per step, (keep, hold): [N, 1] columns of 1/0 for sequences still running, and their complements.</summary>
    private static (Tensor Keep, Tensor Hold)[] Masks(IReadOnlyList<int> lengths, int steps, int batch, DType dtype)
    {
        if (lengths.Count != batch) throw new ArgumentException($"Got {lengths.Count} lengths for a batch of {batch} sequences.", nameof(lengths));
        foreach (int length in lengths)
            if (length < 1 || length > steps) throw new ArgumentOutOfRangeException(nameof(lengths), $"A sequence length must be in [1, {steps}] but got {length}.");
        var masks = new (Tensor, Tensor)[steps];
        for (int t = 0; t < steps; t++)
        {
            var keep = new double[batch];
            for (int i = 0; i < batch; i++) keep[i] = t < lengths[i] ? 1 : 0;
            masks[t] = (Tensor.FromArray(keep, [batch, 1]).To(dtype), Tensor.FromArray([.. keep.Select(k => 1 - k)], [batch, 1]).To(dtype));
        }
        return masks;
    }

    /// <inheritdoc/>
    public override string Describe() =>
        $"{GetType().Name}({InputSize}, {HiddenSize}" + (NumLayers > 1 ? $", layers {NumLayers}" : "") + (Bidirectional ? ", bidirectional" : "") +
        (BatchFirst ? ", batch first" : "") + (HasBias ? "" : ", no bias") + ")";
}
