using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Interop;

internal sealed partial class OnnxExporter
{
    /// <summary>
    /// AttentionTranslator unrolled over its T_y output steps: the one-hot source as Gather from an identity matrix, the
    /// Bi-LSTM encoder as an LSTM node (<see cref="Recurrent"/>), then per step the additive attention, a one-step LSTM
    /// node carrying (s, c) through initial_h / initial_c (omitted at the first step: zeros) and the output Dense; the
    /// step logits [N, V_out] are stacked into [N, T_y, V_out].
    /// </summary>
    /// <remarks>
    /// densor1 on [s; a] splits as W₁ₛ·s + (W₁ₐ·a + b₁): the encoder half is computed once for all steps, the state half
    /// per step and broadcast over T_x. Energies e = W₂·tanh(·) + b₂ (ReLU optional), α = Softmax over T_x (axis 1), the
    /// context Σ_t' α·a is Mul then ReduceSum over axis 1.
    /// </remarks>
    private OnnxValue Translator(AttentionTranslator translator, string path, OnnxValue x)
    {
        var sample = translator.Forward(x.Sample);
        int vocabulary = translator.SourceVocabulary;
        var identity = new float[vocabulary * vocabulary];
        for (int i = 0; i < vocabulary; i++) identity[i * vocabulary + i] = 1;
        string eye = _graph.Initializer(_graph.Unique(Join(path, "one_hot_table")), Tensor.FromArray(identity, [vocabulary, vocabulary]));
        var oneHot = Op("Gather", Join(path, "one_hot"), Functional.OneHot(x.Sample, vocabulary), [eye, x.Name], OnnxAttribute.Int("axis", 0));
        var encoder = (Lstm)translator.GetModule("encoder");
        var a = Recurrent(encoder, Join(path, "encoder"), oneHot, encoder.Forward(oneHot.Sample), finalState: false);

        var attention = (AdditiveAttention)translator.GetModule("attention");
        var densor1 = (Dense)translator.GetModule("attention.densor1");
        var densor2 = (Dense)translator.GetModule("attention.densor2");
        var decoder = (LstmCell)translator.GetModule("post_attention_lstm");
        var output = (Dense)translator.GetModule("output");
        string att = Join(path, "attention");
        var (stateHalf, encoderHalf) = SplitColumns(densor1.Weight, attention.StateSize);
        string stateWeight = _graph.Initializer(_graph.Unique(Join(att, "densor1.weight_state_t")), stateHalf);
        string encoderWeight = _graph.Initializer(_graph.Unique(Join(att, "densor1.weight_encoder_t")), encoderHalf);
        string encoderProjection = _graph.Node("MatMul", Join(att, "encoder_projection"), [a.Name, encoderWeight]);
        if (densor1.Bias is { } b1) encoderProjection = _graph.Node("Add", Join(att, "encoder_projection_bias"), [encoderProjection, Weight(b1, att, "densor1.bias")]);
        string densor2Weight = _graph.Node("Transpose", Join(att, "densor2.weight_t"), [Weight(densor2.Weight, att, "densor2.weight")], OnnxAttribute.List("perm", 1, 0));
        string axis0 = _graph.Int64s(Join(path, "axis0"), 0), axis1 = _graph.Int64s(Join(path, "axis1"), 1);

        string decoderPath = Join(path, "post_attention_lstm");
        int[] order = [0, 3, 1, 2];
        string w = GateInitializer(Join(decoderPath, "W"), [decoder.WeightIh], null, order, decoder.HiddenSize);
        string r = GateInitializer(Join(decoderPath, "R"), [decoder.WeightHh], null, order, decoder.HiddenSize);
        string bias = decoder.BiasIh is { } bih && decoder.BiasHh is { } bhh ? GateInitializer(Join(decoderPath, "B"), [bih], [bhh], order, decoder.HiddenSize) : "";
        var stateSample = Tensor.Zeros([1, decoder.HiddenSize]);
        string? h = null, c = null, s = null;
        var steps = new string[translator.OutputLength];
        for (int t = 0; t < translator.OutputLength; t++)
        {
            string step = Join(path, $"step{t}");
            string energies = encoderProjection;
            if (s is not null)
            {
                string projected = _graph.Node("MatMul", Join(step, "state_projection"), [s, stateWeight]);
                string broadcast = _graph.Node("Unsqueeze", Join(step, "state_projection_t"), [projected, axis1]);
                energies = _graph.Node("Add", Join(step, "pre_energies"), [encoderProjection, broadcast]);
            }
            energies = _graph.Node("Tanh", Join(step, "hidden"), [energies]);
            energies = _graph.Node("MatMul", Join(step, "energies"), [energies, densor2Weight]);
            if (densor2.Bias is { } b2) energies = _graph.Node("Add", Join(step, "energies_bias"), [energies, Weight(b2, att, "densor2.bias")]);
            if (attention.ReluEnergies) energies = _graph.Node("Relu", Join(step, "energies_relu"), [energies]);
            string alphas = _graph.Node("Softmax", Join(step, "alphas"), [energies], OnnxAttribute.Int("axis", 1));
            string weighted = _graph.Node("Mul", Join(step, "weighted"), [alphas, a.Name]);
            string context = _graph.Node("ReduceSum", Join(step, "context"), [weighted, axis1], OnnxAttribute.Int("keepdims", 0));
            string input = _graph.Node("Unsqueeze", Join(step, "context_t"), [context, axis0]);
            var states = _graph.Node("LSTM", Join(step, "post_attention_lstm"), [input, w, r, bias, "", h ?? "", c ?? ""], 3,
                OnnxAttribute.Int("hidden_size", decoder.HiddenSize));
            (h, c) = (states[1], states[2]);
            s = _graph.Node("Squeeze", Join(step, "s"), [h, axis0]);
            var logits = Dense(output, Join(step, "output"), new OnnxValue(s, stateSample));
            steps[t] = _graph.Node("Unsqueeze", Join(step, "logits"), [logits.Name, axis1]);
        }
        return Op("Concat", path, sample, steps, OnnxAttribute.Int("axis", 1));
    }

    /// <summary>Splits a Dense weight [O, S + F] by columns into the transposed halves [S, O] and [F, O].</summary>
    private static (Tensor First, Tensor Second) SplitColumns(Tensor weight, int first)
    {
        int rows = weight.Shape[0], columns = weight.Shape[1];
        var data = weight.Contiguous().ToArray<float>();
        var a = new float[first * rows];
        var b = new float[(columns - first) * rows];
        for (int o = 0; o < rows; o++)
            for (int j = 0; j < columns; j++)
            {
                if (j < first) a[j * rows + o] = data[o * columns + j];
                else b[(j - first) * rows + o] = data[o * columns + j];
            }
        return (Tensor.FromArray(a, [first, rows]), Tensor.FromArray(b, [columns - first, rows]));
    }
}
