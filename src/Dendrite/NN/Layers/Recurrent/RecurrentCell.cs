namespace Dendrite.NN;

/// <summary>
/// One step of a recurrent cell, for loops written by hand (the course's <c>rnn_cell_forward</c>, a decoder that feeds
/// back its own samples): PyTorch's <c>nn.RNNCell</c>, <c>GRUCell</c>, <c>LSTMCell</c> with their names
/// <c>weight_ih</c> [G·H, I], <c>weight_hh</c> [G·H, H], <c>bias_ih</c>, <c>bias_hh</c>, drawn from U(−1/√H, 1/√H).
/// </summary>
public abstract class RecurrentCell : Module
{
    /// <summary>Creates the cell with <paramref name="gates"/> blocks G stacked in its weights.</summary>
    protected RecurrentCell(int inputSize, int hiddenSize, int gates, bool bias, Random? random, DType dtype)
    {
        if (inputSize <= 0 || hiddenSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize), $"{GetType().Name} needs positive sizes but got input {inputSize}, hidden {hiddenSize}.");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        random ??= Init.DefaultRandom;
        double bound = 1 / Math.Sqrt(hiddenSize);
        WeightIh = RegisterParameter("weight_ih", Tensor.Uniform([gates * hiddenSize, inputSize], -bound, bound, random, dtype));
        WeightHh = RegisterParameter("weight_hh", Tensor.Uniform([gates * hiddenSize, hiddenSize], -bound, bound, random, dtype));
        if (bias)
        {
            BiasIh = RegisterParameter("bias_ih", Tensor.Uniform([gates * hiddenSize], -bound, bound, random, dtype));
            BiasHh = RegisterParameter("bias_hh", Tensor.Uniform([gates * hiddenSize], -bound, bound, random, dtype));
        }
    }

    /// <summary>I.</summary>
    public int InputSize { get; }

    /// <summary>H.</summary>
    public int HiddenSize { get; }

    /// <summary>W_ih [G·H, I].</summary>
    public Tensor WeightIh { get; }

    /// <summary>W_hh [G·H, H].</summary>
    public Tensor WeightHh { get; }

    /// <summary>b_ih [G·H], or null.</summary>
    public Tensor? BiasIh { get; }

    /// <summary>b_hh [G·H], or null.</summary>
    public Tensor? BiasHh { get; }

    /// <summary>x·W_ihᵀ + b_ih for x [N, I], checked.</summary>
    protected Tensor Project(Tensor x)
    {
        if (x.Rank != 2 || x.Shape[1] != InputSize) throw new ArgumentException($"{Describe()} expects x [N, {InputSize}] but got {x.Shape}.");
        return x.Linear(WeightIh, BiasIh);
    }

    /// <summary>A zero state [N, H] for a batch of N, or <paramref name="state"/> checked.</summary>
    protected Tensor State(Tensor? state, Tensor x, string name)
    {
        if (state is null) return Tensor.Zeros([x.Shape[0], HiddenSize], x.DType);
        if (state.Rank != 2 || state.Shape[0] != x.Shape[0] || state.Shape[1] != HiddenSize)
            throw new ArgumentException($"{Describe()} expects {name} [{x.Shape[0]}, {HiddenSize}] but got {state.Shape}.");
        return state;
    }

    /// <inheritdoc/>
    public override string Describe() => $"{GetType().Name}({InputSize}, {HiddenSize}" + (BiasIh is null ? ", no bias" : "") + ")";
}
