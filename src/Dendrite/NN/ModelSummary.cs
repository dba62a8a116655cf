using System.Text;
using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>Builds the Keras-style summary table: layer, output shape, parameter count.</summary>
/// <remarks>
/// One row per call of a direct child, named by its registered name, gathered by a forward hook on each child
/// (PyTorch's torchinfo works the same way); a model without children is one row.
/// </remarks>
internal static class ModelSummary
{
    public static string Build(Module model, Shape inputShape, DType inputDType)
    {
        var rows = new List<(string Name, Module Module, Shape Output)>();
        var hooks = model.Children.Select(c => c.Module.RegisterForwardHook((m, _, output) => rows.Add((c.Name, m, output.Shape)))).ToList();
        Shape outShape;
        bool training = model.IsTraining;
        try
        {
            model.Eval();
            using var _ = GradMode.NoGrad();
            outShape = model.Forward(Tensor.Zeros(inputShape, inputDType)).Shape;
        }
        finally
        {
            foreach (var hook in hooks) hook.Dispose();
            model.Train(training);
        }
        if (rows.Count == 0) rows.Add((model.GetType().Name, model, outShape));

        var table = rows.Select(r => (Layer: $"{r.Name} ({r.Module.Describe()})", Shape: r.Output.ToString(),
                                      Params: r.Module.ParameterCount)).ToList();
        int w1 = Math.Max(5, table.Max(t => t.Layer.Length)), w2 = Math.Max(12, table.Max(t => t.Shape.Length));
        var sb = new StringBuilder();
        sb.AppendLine($"{"Layer".PadRight(w1)}  {"Output shape".PadRight(w2)}  {"Param #",12}");
        sb.AppendLine(new string('=', w1 + w2 + 16));
        sb.AppendLine($"{"input".PadRight(w1)}  {inputShape.ToString().PadRight(w2)}  {0,12:N0}");
        foreach (var t in table) sb.AppendLine($"{t.Layer.PadRight(w1)}  {t.Shape.PadRight(w2)}  {t.Params,12:N0}");
        sb.AppendLine(new string('=', w1 + w2 + 16));
        sb.Append($"Total params: {model.ParameterCount:N0}");
        return sb.ToString();
    }
}
