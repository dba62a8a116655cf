using Dendrite.NN;

namespace Dendrite.Interop;

internal sealed partial class OnnxExporter
{
    /// <summary>
    /// Rnn, Gru and Lstm as one ONNX RNN, GRU or LSTM node per stacked layer (both directions in one node, direction
    /// "bidirectional"), on ONNX's default layout X [T, N, I] (batch-first inputs and outputs are transposed).
    /// </summary>
    /// <remarks>
    /// Per layer: W [D, G·H, I] and R [D, G·H, H] are the layer's W_ih and W_hh with their gate blocks reordered from
    /// PyTorch's to ONNX's (LSTM i, f, g, o → i, o, f, c; GRU r, z, n → z, r, h), B [D, 2·G·H] = [b_ih, b_hh] likewise;
    /// the GRU has <c>linear_before_reset = 1</c>, PyTorch's n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)). Y [T, D, N, H]
    /// becomes [T, N, D·H] (Transpose, Reshape), the directions concatenated on the features as Dendrite does. With
    /// <paramref name="finalState"/> the output is the last layer's Y_h [D, N, H] as [N, D·H] (<see cref="FinalState"/>).
    /// </remarks>
    private OnnxValue Recurrent(RecurrentLayer layer, string path, OnnxValue x, Tensor sample, bool finalState)
    {
        var (op, order) = layer switch
        {
            Lstm => ("LSTM", new[] { 0, 3, 1, 2 }),
            Gru => ("GRU", new[] { 1, 0, 2 }),
            _ => ("RNN", new[] { 0 }),
        };
        int directions = layer.Bidirectional ? 2 : 1, hidden = layer.HiddenSize;
        var parameters = layer.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        string sequence = layer.BatchFirst ? Transpose(Join(path, "time_major"), x.Name, 1, 0, 2) : x.Name;
        string finalHidden = "";
        for (int l = 0; l < layer.NumLayers; l++)
        {
            Tensor[] Blocks(string name) => [.. Enumerable.Range(0, directions).Select(d => parameters[$"{name}_l{l}{(d == 1 ? "_reverse" : "")}"])];
            string w = GateInitializer(Join(path, $"W_l{l}"), Blocks("weight_ih"), null, order, hidden);
            string r = GateInitializer(Join(path, $"R_l{l}"), Blocks("weight_hh"), null, order, hidden);
            string b = layer.HasBias ? GateInitializer(Join(path, $"B_l{l}"), Blocks("bias_ih"), Blocks("bias_hh"), order, hidden) : "";
            var attributes = new List<OnnxAttribute> { OnnxAttribute.Int("hidden_size", hidden) };
            if (directions == 2) attributes.Add(OnnxAttribute.Text("direction", "bidirectional"));
            if (layer is Gru) attributes.Add(OnnxAttribute.Int("linear_before_reset", 1));
            if (layer is Rnn { Relu: true }) attributes.Add(OnnxAttribute.TextList("activations", [.. Enumerable.Repeat("Relu", directions)]));
            var outputs = _graph.Node(op, Join(path, $"l{l}"), [sequence, w, r, b], 2, [.. attributes]);
            string steps = Transpose(Join(path, $"l{l}_steps"), outputs[0], 0, 2, 1, 3);
            sequence = _graph.Node("Reshape", Join(path, $"l{l}_output"), [steps, _graph.Int64s(Join(path, $"l{l}_shape"), 0, 0, -1)]);
            finalHidden = outputs[1];
        }
        if (finalState)
        {
            string batchMajor = Transpose(Join(path, "final_batch_major"), finalHidden, 1, 0, 2);
            return Op("Reshape", Join(path, "final"), sample, [batchMajor, _graph.Int64s(Join(path, "final_shape"), 0, -1)]);
        }
        return layer.BatchFirst ? Op("Transpose", path, sample, [sequence], OnnxAttribute.List("perm", 1, 0, 2)) : new OnnxValue(sequence, sample);
    }

    /// <summary>
    /// Stacks per-direction [G·H, …] weights (or biases, <paramref name="second"/> appended after <paramref name="first"/>)
    /// into one [D, G·H·(1 or 2), …] initializer, each H-row gate block moved to ONNX's position:
    /// block k of the output is block <c>order[k]</c> of Dendrite's.
    /// </summary>
    private string GateInitializer(string name, Tensor[] first, Tensor[]? second, int[] order, int hidden)
    {
        int columns = first[0].Rank == 2 ? first[0].Shape[1] : 1, block = hidden * columns;
        var parts = second is null ? 1 : 2;
        var values = new List<float>(first.Length * parts * order.Length * block);
        for (int d = 0; d < first.Length; d++)
            foreach (var source in second is null ? [first[d]] : new[] { first[d], second[d] })
            {
                var data = source.Contiguous().ToArray<float>();
                foreach (int k in order) values.AddRange(data.AsSpan(k * block, block));
            }
        Shape shape = first[0].Rank == 2 ? [first.Length, order.Length * hidden, columns] : [first.Length, parts * order.Length * hidden];
        return _graph.Initializer(_graph.Unique(name), Tensor.FromArray([.. values], shape));
    }

    /// <summary>Embedding as Gather(E, indices) on axis 0; the padding row and max-norm renormalization are baked into E.</summary>
    private OnnxValue Embedding(Embedding embedding, string path, OnnxValue x)
    {
        var sample = embedding.Forward(x.Sample);
        string table;
        if (embedding.PaddingIndex is null && embedding.MaxNorm is null) table = Weight(embedding.Weight, path, "weight");
        else
        {
            var rows = embedding.Weight.Contiguous().ToArray<float>();
            int dim = embedding.EmbeddingDim;
            for (int i = 0; i < embedding.NumEmbeddings; i++)
            {
                var row = rows.AsSpan(i * dim, dim);
                if (i == embedding.PaddingIndex) row.Clear();
                else if (embedding.MaxNorm is double maxNorm) Renormalize(row, maxNorm);
            }
            table = _graph.Initializer(_graph.Unique(Join(path, "weight")), Tensor.FromArray(rows, [embedding.NumEmbeddings, dim]));
        }
        return Op("Gather", path, sample, [table, x.Name], OnnxAttribute.Int("axis", 0));
    }

    /// <summary>Embedding's max-norm rule on one row: scaled by maxNorm/(‖row‖ + 1e-7) when ‖row‖ exceeds maxNorm.</summary>
    private static void Renormalize(Span<float> row, double maxNorm)
    {
        double norm = 0;
        foreach (float v in row) norm += (double)v * v;
        norm = Math.Sqrt(norm);
        if (norm <= maxNorm) return;
        double scale = maxNorm / (norm + 1e-7);
        for (int j = 0; j < row.Length; j++) row[j] = (float)(row[j] * scale);
    }

    /// <summary>TimeDistributed: Reshape [A, B, F] → [A·B, F], the layer, Reshape back to [A, B, F'] (A the symbolic axis).</summary>
    private OnnxValue TimeDistributed(TimeDistributed wrapper, string path, OnnxValue x)
    {
        var sample = wrapper.Forward(x.Sample);
        string flat = _graph.Node("Reshape", Join(path, "flat"), [x.Name, _graph.Int64s(Join(path, "flat_shape"), -1, x.Sample.Shape[2])]);
        var inner = Emit(wrapper.GetModule("layer"), Join(path, "layer"), new OnnxValue(flat, x.Sample.Reshape(-1, x.Sample.Shape[2])));
        long[] shape = [-1, sample.Shape[1], .. sample.Shape.ToArray()[2..].Select(d => (long)d)];
        return Op("Reshape", path, sample, [inner.Name, _graph.Int64s(Join(path, "shape"), shape)]);
    }

    private string Transpose(string name, string input, params long[] perm) =>
        _graph.Node("Transpose", name, [input], OnnxAttribute.List("perm", perm));
}
