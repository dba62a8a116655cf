namespace Dendrite.NN;

/// <summary>
/// The course's one-step attention ("Neural Machine Translation", Bahdanau-style): the decoder's previous state
/// s⟨t−1⟩ is repeated over the T_x encoder states a⟨t'⟩ and concatenated with each, e⟨t,t'⟩ = relu(W₂·tanh(W₁·[s; a] + b₁)
/// + b₂) (ReLU optional), α⟨t,t'⟩ = softmax over t' of e, and the context is Σ_t' α⟨t,t'⟩·a⟨t'⟩. <b>Shape:</b> a [N, T_x, F],
/// s [N, S] → context [N, F] and weights [N, T_x].
/// </summary>
/// <remarks>The hidden size is the course's 10 by default; W₁ and W₂ are <c>densor1</c> and <c>densor2</c>. Forward alone
/// needs the decoder state, so it is <see cref="Attend"/>.</remarks>
public sealed class AdditiveAttention : Module
{
    private readonly Dense _densor1, _densor2;

    /// <summary>Creates the layer for encoder states of <paramref name="features"/> values and a decoder state of <paramref name="stateSize"/>.</summary>
    /// <param name="features">F.</param>
    /// <param name="stateSize">S.</param>
    /// <param name="hidden">Units of <c>densor1</c>.</param>
    /// <param name="reluEnergies">Pass the energies through ReLU as the notebook's <c>densor2</c> does; false gives Bahdanau's
    /// e = W₂·tanh(…) + b₂, which cannot get stuck at uniform attention when every energy turns negative.</param>
    /// <param name="random">Seeded generator for the weights.</param>
    /// <param name="dtype">The parameters' dtype.</param>
    public AdditiveAttention(int features, int stateSize, int hidden = 10, bool reluEnergies = true, Random? random = null, DType dtype = DType.Float32)
    {
        ReluEnergies = reluEnergies;
        Features = features;
        StateSize = stateSize;
        _densor1 = RegisterModule("densor1", new Dense(stateSize + features, hidden, init: Init.GlorotUniform, random: random, dtype: dtype));
        _densor2 = RegisterModule("densor2", new Dense(hidden, 1, init: Init.GlorotUniform, random: random, dtype: dtype));
    }

    /// <summary>F, the size of an encoder state.</summary>
    public int Features { get; }

    /// <summary>S, the size of the decoder state.</summary>
    public int StateSize { get; }

    /// <summary>Whether the energies pass through ReLU (the notebook) or not (Bahdanau).</summary>
    public bool ReluEnergies { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        throw new NotSupportedException($"{Describe()} needs the decoder's state: call Attend(encoderStates, previousState).");

    /// <summary>The context vector for one decoder step, and the attention weights over the encoder steps.</summary>
    /// <param name="encoderStates">a [N, T_x, F].</param>
    /// <param name="previousState">s⟨t−1⟩ [N, S].</param>
    public (Tensor Context, Tensor Weights) Attend(Tensor encoderStates, Tensor previousState)
    {
        if (encoderStates.Rank != 3 || encoderStates.Shape[2] != Features || previousState.Rank != 2 || previousState.Shape[1] != StateSize
            || previousState.Shape[0] != encoderStates.Shape[0])
            throw new ArgumentException($"{Describe()} expects a [N, T, {Features}] and s [N, {StateSize}] but got {encoderStates.Shape} and {previousState.Shape}.");
        int n = encoderStates.Shape[0], t = encoderStates.Shape[1];
        var repeated = previousState.Reshape(n, 1, StateSize).Expand([n, t, StateSize]);
        var concat = Tensor.Concat([repeated, encoderStates], axis: 2);
        var energies = _densor2.Call(_densor1.Call(concat).Tanh());           // [N, T, 1]
        if (ReluEnergies) energies = energies.Relu();
        var alphas = energies.Softmax(1);
        var context = (alphas * encoderStates).Sum(1);                     // [N, F]
        return (context, alphas.Reshape(n, t));
    }

    /// <inheritdoc/>
    public override string Describe() => $"AdditiveAttention({Features}, state {StateSize}" + (ReluEnergies ? ", relu energies)" : ")");
}
