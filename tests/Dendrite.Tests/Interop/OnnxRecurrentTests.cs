using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.Interop;
using Dendrite.Models;
using Dendrite.NN;
using Xunit.Abstractions;

namespace Dendrite.Tests.Interop;

/// <summary>
/// Rnn, Gru and Lstm exported as ONNX RNN/GRU/LSTM nodes (gates reordered, GRU with linear_before_reset) and Embedding as
/// Gather, run in ONNX Runtime and compared with Dendrite's forward on random weights: one or two layers, one or two
/// directions, time- or batch-major, every step or the final state, and a character language model on int32 tokens.
/// </summary>
public class OnnxRecurrentTests(ITestOutputHelper output)
{
    [Fact]
    public void A_two_layer_bidirectional_time_major_lstm_runs_in_onnx_runtime_like_dendrite()
    {
        // [T, N, I] with T the file's symbolic axis: exported at T = 1 and run at T = 3.
        var model = new Lstm(5, 6, numLayers: 2, bidirectional: true, random: new Random(1));
        OnnxRuntimeCheck.AssertMatches(model, [2, 5], output, "LSTM 2 layers, bidirectional, [T, N, I]");
    }

    [Fact]
    public void A_batch_first_lstm_runs_in_onnx_runtime_like_dendrite()
    {
        var model = new Lstm(4, 7, batchFirst: true, random: new Random(2));
        OnnxRuntimeCheck.AssertMatches(model, [6, 4], output, "LSTM batch first");
    }

    [Fact]
    public void A_bidirectional_batch_first_gru_runs_in_onnx_runtime_like_dendrite()
    {
        var model = new Gru(4, 5, numLayers: 2, batchFirst: true, bidirectional: true, random: new Random(3));
        OnnxRuntimeCheck.AssertMatches(model, [6, 4], output, "GRU 2 layers, bidirectional, batch first");
    }

    [Fact]
    public void A_time_major_gru_without_bias_runs_in_onnx_runtime_like_dendrite()
    {
        var model = new Gru(3, 4, bias: false, random: new Random(4));
        OnnxRuntimeCheck.AssertMatches(model, [2, 3], output, "GRU no bias, [T, N, I]");
    }

    [Fact]
    public void Tanh_and_relu_rnns_run_in_onnx_runtime_like_dendrite()
    {
        var tanh = new Rnn(4, 5, bidirectional: true, batchFirst: true, random: new Random(5));
        OnnxRuntimeCheck.AssertMatches(tanh, [7, 4], output, "RNN tanh, bidirectional");
        var relu = new Rnn(4, 5, numLayers: 2, nonlinearity: "relu", bidirectional: true, batchFirst: true, random: new Random(6));
        OnnxRuntimeCheck.AssertMatches(relu, [7, 4], output, "RNN relu, 2 layers, bidirectional");
    }

    [Fact]
    public void Final_states_of_lstm_gru_and_rnn_run_in_onnx_runtime_like_dendrite()
    {
        var random = new Random(7);
        var lstm = new Sequential(new FinalState(new Lstm(4, 6, numLayers: 2, batchFirst: true, bidirectional: true, random: random)), new Dense(12, 3, random: random));
        OnnxRuntimeCheck.AssertMatches(lstm, [5, 4], output, "LSTM final state, 2 layers, bidirectional → Dense");
        var gru = new FinalState(new Gru(4, 6, batchFirst: true, random: random));
        OnnxRuntimeCheck.AssertMatches(gru, [5, 4], output, "GRU final state");
        var rnn = new FinalState(new Rnn(4, 6, bidirectional: true, batchFirst: true, random: random));
        OnnxRuntimeCheck.AssertMatches(rnn, [5, 4], output, "RNN final state, bidirectional");
    }

    [Fact]
    public void A_character_language_model_on_int32_tokens_runs_in_onnx_runtime_like_dendrite()
    {
        var random = new Random(8);
        var model = new Sequential(
            new Embedding(11, 6, paddingIndex: 0, random: random), new Lstm(6, 8, batchFirst: true, random: random),
            new Gru(8, 5, batchFirst: true, random: random), new TimeDistributed(new Dense(5, 11, random: random)), new LogSoftmax());
        AssertTokensMatch(model, 11, [4, 9], "char LM: Embedding → LSTM → GRU → TimeDistributed(Dense) → LogSoftmax");
    }

    [Fact]
    public void An_embedding_with_max_norm_exports_its_renormalized_rows()
    {
        var model = new Sequential(new Embedding(9, 4, maxNorm: 1.0, random: new Random(9)), new FinalState(new Gru(4, 3, batchFirst: true, random: new Random(10))));
        AssertTokensMatch(model, 9, [3, 5], "Embedding max norm → GRU final state");
    }

    [Fact]
    public void The_attention_translator_unrolled_over_its_output_steps_runs_in_onnx_runtime_like_dendrite()
    {
        // The course's date translator (Bi-LSTM n_a = 32, post-attention LSTM n_s = 64) on random human dates.
        var model = new AttentionTranslator(HumanDates.HumanVocabulary.Count, HumanDates.MachineVocabulary.Count, HumanDates.OutputLength, random: new Random(12));
        // Initial weights give near-uniform attention and logits below 0.1, which would hide a wrong state path; scaled
        // by 4 the attention is peaked and depends on s⟨t−1⟩.
        ScaleParameters(model, 4);
        var (dates, _) = HumanDates.Generate(5, seed: 13);
        AssertTokensMatch(model, dates, "AttentionTranslator on 5 human dates");
        var relu = new AttentionTranslator(7, 4, 3, encoderSize: 3, decoderSize: 5, reluEnergies: true, random: new Random(14));
        ScaleParameters(relu, 4);
        AssertTokensMatch(relu, Tensor.FromArray([0, 6, 2, 3, 1, 5, 4, 4], [2, 4]), "AttentionTranslator with ReLU energies");
    }

    private static void ScaleParameters(Module model, float factor)
    {
        foreach (var p in model.Parameters())
        {
            var span = p.Span<float>();
            for (int i = 0; i < span.Length; i++) span[i] *= factor;
        }
    }

    /// <summary>Exports at batch 1, runs random tokens [N, T] in ONNX Runtime and asserts max |ORT − Dendrite| ≤ 1e-4.</summary>
    private void AssertTokensMatch(Module model, int vocabulary, int[] shape, string label)
    {
        var random = new Random(11);
        AssertTokensMatch(model, Tensor.FromArray([.. Enumerable.Range(0, shape[0] * shape[1]).Select(_ => random.Next(vocabulary))], [shape[0], shape[1]]), label);
    }

    private void AssertTokensMatch(Module model, Tensor tokens, string label)
    {
        model.Eval();
        byte[] file = Onnx.ToBytes(model, tokens.Narrow(0, 0, 1).Contiguous());
        Tensor expected;
        using (GradMode.NoGrad()) expected = model.Forward(tokens);
        var want = expected.ToArray<float>();
        var actual = OnnxRuntimeCheck.Run(file, tokens);
        Assert.Equal(want.Length, actual.Length);
        double maxDiff = want.Zip(actual, (a, b) => (double)Math.Abs(a - b)).Max();
        output.WriteLine(FormattableString.Invariant($"{label}: output {expected.Shape}, max |y| = {want.Max(Math.Abs):G3}, max |ORT − Dendrite| = {maxDiff:E2}"));
        Assert.True(maxDiff <= OnnxRuntimeCheck.Tolerance, FormattableString.Invariant($"{label}: ONNX Runtime differs from Dendrite by {maxDiff:E3}."));
    }
}
