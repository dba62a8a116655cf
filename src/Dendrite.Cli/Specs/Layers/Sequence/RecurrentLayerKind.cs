using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>rnn</c>, <c>gru</c> and <c>lstm</c> over batch-first sequences [N, T, F]: every step's output [N, T, D·H], or with
/// <c>return_sequences: false</c> the final state of the last layer [N, D·H] (a many-to-one classifier).
/// </summary>
/// <param name="name">rnn, gru or lstm.</param>
internal sealed class RecurrentLayerKind(string name) : LayerKind
{
    public override string Name => name;

    public override string Builds => name switch { "rnn" => "Rnn", "gru" => "Gru", _ => "Lstm" } + "(F, hidden, layers, bidirectional, batch first)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("hidden", "H, the state size", minimum: 1).AsRequired(),
        SpecField.Int("layers", "stacked layers", 1, minimum: 1),
        SpecField.Bool("bidirectional", "add layers reading the sequence backwards", false),
        SpecField.Fraction("dropout", "dropout between stacked layers, in training", 0),
        SpecField.Bool("return_sequences", "output every step (false: the final state)", true),
        .. name == "rnn" ? [SpecField.Choice("nonlinearity", "the cell's activation", ["tanh", "relu"], "tanh")] : Array.Empty<SpecField>(),
    ];

    /// <summary>Per stacked layer and direction: weight_ih [g·H, in] and weight_hh [g·H, H], g = 4 (LSTM), 3 (GRU) or 1.</summary>
    public override IEnumerable<(string Field, string Tensor, long[] Dims)> ParameterShapes(SpecSettings s, LayerContext c)
    {
        long hidden = s.Int("hidden"), gates = Name switch { "lstm" => 4, "gru" => 3, _ => 1 }, directions = s.Bool("bidirectional") ? 2 : 1;
        for (int layer = 0; layer < s.Int("layers"); layer++)
            for (int d = 0; d < directions; d++)
            {
                long inputs = layer == 0 ? c.StepFeatures(Name) : hidden * directions;
                yield return ("hidden", $"weight_ih_l{layer}", [gates * hidden, inputs]);
                yield return ("hidden", $"weight_hh_l{layer}", [gates * hidden, hidden]);
            }
    }

    public override Module Build(SpecSettings s, LayerContext c)
    {
        int features = c.StepFeatures(Name), hidden = s.Int("hidden"), layers = s.Int("layers");
        bool bidirectional = s.Bool("bidirectional");
        double dropout = s.Double("dropout");
        RecurrentLayer layer = Name switch
        {
            "rnn" => new Rnn(features, hidden, layers, s.String("nonlinearity"), batchFirst: true, dropout: dropout, bidirectional: bidirectional, random: c.Random, dtype: c.DType),
            "gru" => new Gru(features, hidden, layers, batchFirst: true, dropout: dropout, bidirectional: bidirectional, random: c.Random, dtype: c.DType),
            _ => new Lstm(features, hidden, layers, batchFirst: true, dropout: dropout, bidirectional: bidirectional, random: c.Random, dtype: c.DType),
        };
        return s.Bool("return_sequences") ? layer : new FinalState(layer);
    }
}
