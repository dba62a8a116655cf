using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// The course's neural machine translation model with attention ("Neural Machine Translation", <c>modelf</c>): a
/// bidirectional LSTM reads the one-hot source, and for each of T_y output steps the one-step additive attention
/// weighs its states a⟨t'⟩ by the previous decoder state s⟨t−1⟩, a post-attention LSTM cell takes the context, and a
/// dense layer scores the output symbols from s⟨t⟩. <b>Shape:</b> Int32 [N, T_x] → logits [N, T_y, V_out].
/// </summary>
/// <remarks>
/// The course's sizes are n_a = 32 (so a⟨t'⟩ has 64 values) and n_s = 64, with zero initial s and c. Keras's softmax
/// output layer is a <see cref="Dense"/> here whose logits go to <see cref="Loss.SequenceCrossEntropy"/>.
/// Parameter names: <c>encoder</c> (the Bi-LSTM), <c>attention.densor1</c>, <c>attention.densor2</c>,
/// <c>post_attention_lstm</c>, <c>output</c>.
/// </remarks>
public sealed class AttentionTranslator : Module
{
    private readonly Lstm _encoder;
    private readonly AdditiveAttention _attention;
    private readonly LstmCell _decoder;
    private readonly Dense _output;

    /// <summary>Creates the model.</summary>
    /// <param name="sourceVocabulary">V_in, the one-hot width of a source symbol.</param>
    /// <param name="targetVocabulary">V_out, the output symbols.</param>
    /// <param name="outputLength">T_y, the output steps.</param>
    /// <param name="encoderSize">n_a, the state size of each direction of the encoder.</param>
    /// <param name="decoderSize">n_s, the post-attention LSTM's state size.</param>
    /// <param name="reluEnergies">The notebook's ReLU on the attention energies. Off by default: with it, whenever every
    /// energy of a step turns negative the attention goes uniform and gets no gradient again, and one of four seeds stalled
    /// at 74–89% exact match on dates where the others reached 95–100%.</param>
    /// <param name="random">Seeded generator for the weights.</param>
    /// <param name="dtype">Float32, or Float64 for gradient checks.</param>
    public AttentionTranslator(int sourceVocabulary, int targetVocabulary, int outputLength, int encoderSize = 32, int decoderSize = 64,
        bool reluEnergies = false, Random? random = null, DType dtype = DType.Float32)
    {
        if (sourceVocabulary <= 0 || targetVocabulary <= 0 || outputLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(sourceVocabulary), $"AttentionTranslator needs positive sizes but got V_in {sourceVocabulary}, V_out {targetVocabulary}, T_y {outputLength}.");
        SourceVocabulary = sourceVocabulary;
        OutputLength = outputLength;
        _encoder = RegisterModule("encoder", new Lstm(sourceVocabulary, encoderSize, batchFirst: true, bidirectional: true, random: random, dtype: dtype));
        _attention = RegisterModule("attention", new AdditiveAttention(2 * encoderSize, decoderSize, reluEnergies: reluEnergies, random: random, dtype: dtype));
        _decoder = RegisterModule("post_attention_lstm", new LstmCell(2 * encoderSize, decoderSize, random: random, dtype: dtype));
        _output = RegisterModule("output", new Dense(decoderSize, targetVocabulary, random: random, dtype: dtype));
    }

    /// <summary>V_in.</summary>
    public int SourceVocabulary { get; }

    /// <summary>T_y.</summary>
    public int OutputLength { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Translate(input).Logits;

    /// <summary>The logits [N, T_y, V_out] and the attention weights α⟨t, t'⟩ [N, T_y, T_x] behind them.</summary>
    public (Tensor Logits, Tensor Attention) Translate(Tensor input)
    {
        if (input.Rank != 2 || input.DType != DType.Int32)
            throw new ArgumentException($"{Describe()} expects Int32 symbol indices [N, T_x] but got {input.DType} {input.Shape}.");
        var a = _encoder.Call(Functional.OneHot(input, SourceVocabulary, DType));
        int n = input.Shape[0];
        Tensor? s = null, c = null;
        var logits = new Tensor[OutputLength];
        var weights = new Tensor[OutputLength];
        for (int t = 0; t < OutputLength; t++)
        {
            s ??= Tensor.Zeros([n, _decoder.HiddenSize], a.DType);
            (var context, weights[t]) = _attention.Attend(a, s);
            (s, c) = _decoder.Step(context, s, c);
            logits[t] = _output.Call(s);
        }
        return (Tensor.Stack(logits).Transpose(0, 1), Tensor.Stack(weights).Transpose(0, 1));
    }

    /// <inheritdoc/>
    public override string Describe() => $"AttentionTranslator(V_in {SourceVocabulary}, T_y {OutputLength})";
}
