using System.Text;
using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>Builds the Keras-style summary table: layer, output shape, parameter count.</summary>
internal static class ModelSummary
{
    [ThreadStatic] private static List<(string Name, Module Module, Shape Output)>? t_rows;
    [ThreadStatic] private static int t_depth;

    /// <summary>Whether a summary is being built on this thread (every layer must then run on its own).</summary>
    internal static bool IsBuilding => t_rows is not null;

    /// <summary>Containers call this around their forward, so only the outermost container's children become rows.</summary>
    internal static int Enter() => ++t_depth;

    /// <summary>Ends the scope begun by <see cref="Enter"/>.</summary>
    internal static void Exit() => t_depth--;

    /// <summary>Called by containers after each child's forward while a summary is being built.</summary>
    internal static void Record(int depth, string name, Module module, Tensor output)
    {
        if (depth == 1) t_rows?.Add((name, module, output.Shape));
    }

    public static string Build(Module model, Shape inputShape)
    {
        var rows = new List<(string Name, Module Module, Shape Output)>();
        Shape outShape;
        bool training = model.IsTraining;
        t_rows = rows;
        try
        {
            model.Eval();
            using var _ = GradMode.NoGrad();
            outShape = model.Forward(Tensor.Zeros(inputShape, model.DType)).Shape;
        }
        finally
        {
            t_rows = null;
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
