using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>
/// Runs a model's named children one after another and, while <see cref="Module.Summary"/> is building its table,
/// records each child's output shape, so hand-written forwards print the same rows a <see cref="Sequential"/> does.
/// </summary>
/// <remarks>Use as <c>using var trace = LayerTrace.Begin(); x = trace.Run("conv1", _conv1, x);</c>.</remarks>
internal readonly struct LayerTrace : IDisposable
{
    private readonly int _depth;

    private LayerTrace(int depth) => _depth = depth;

    /// <summary>Opens a container scope; only the outermost scope's children become summary rows.</summary>
    public static LayerTrace Begin() => new(ModelSummary.Enter());

    /// <summary>Applies <paramref name="module"/> to <paramref name="input"/> and records the row as <paramref name="name"/>.</summary>
    public Tensor Run(string name, Module module, Tensor input)
    {
        var output = module.Forward(input);
        ModelSummary.Record(_depth, name, module, output);
        return output;
    }

    /// <summary>Closes the scope.</summary>
    public void Dispose() => ModelSummary.Exit();
}
