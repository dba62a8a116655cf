using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.NN;

/// <summary>
/// Rnn, Gru and Lstm against PyTorch on fixed weights (Fixtures/make_recurrent_fixtures.py, Debian's python3-torch):
/// outputs, final states and the gradients of the input and every parameter agree to 1e-5 in float32, for stacked,
/// bidirectional and packed (variable-length) batches. The weights load by PyTorch's own state-dict names.
/// </summary>
public class RecurrentFixtureTests
{
    public static TheoryData<string> Fixtures =>
        ["rnn_tanh", "rnn_relu_2layers", "gru_bidirectional", "lstm_2layers_bidirectional", "lstm_packed_bidirectional", "gru_packed_2layers"];

    private static RecurrentLayer Create(string name) => name switch
    {
        "rnn_tanh" => new Rnn(3, 4),
        "rnn_relu_2layers" => new Rnn(3, 4, numLayers: 2, nonlinearity: "relu"),
        "gru_bidirectional" => new Gru(3, 4, bidirectional: true),
        "lstm_2layers_bidirectional" => new Lstm(3, 4, numLayers: 2, bidirectional: true),
        "lstm_packed_bidirectional" => new Lstm(3, 4, bidirectional: true),
        _ => new Gru(2, 3, numLayers: 2),
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Outputs_states_and_gradients_equal_pytorchs(string name)
    {
        var f = Npz.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"recurrent_{name}.npz"));
        var layer = Create(name);
        var report = layer.LoadStateDict(f.Where(p => layer.NamedParameters().Any(q => q.Name == p.Key)).ToDictionary(), strict: false);
        Assert.Empty(report.Missing);
        var x = f["x"];
        x.RequiresGrad = true;
        int[]? lengths = f.TryGetValue("lengths", out var l) ? l.ToArray<int>() : null;
        var result = layer.Run(x, f.GetValueOrDefault("h0"), f.GetValueOrDefault("c0"), lengths);
        Naive.AssertClose(f["output"].ToArray<double>(), result.Output.ToArray<double>(), 1e-5);
        Naive.AssertClose(f["h_n"].ToArray<double>(), result.Hidden.ToArray<double>(), 1e-5);
        if (result.Cell is not null) Naive.AssertClose(f["c_n"].ToArray<double>(), result.Cell.ToArray<double>(), 1e-5);

        var loss = (result.Output * f["w"]).Sum() + result.Hidden.Sum() + (result.Cell?.Sum() ?? Tensor.Zeros([]));
        loss.Backward();
        Naive.AssertClose(f["grad_x"].ToArray<double>(), x.Grad!.ToArray<double>(), 1e-5);
        foreach (var (parameter, value) in layer.NamedParameters())
            Naive.AssertClose(f["grad_" + parameter].ToArray<double>(), value.Grad!.ToArray<double>(), 1e-5);
    }
}
