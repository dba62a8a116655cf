using Dendrite.Autograd;
using Dendrite.NN;

namespace Dendrite.Serialization;

/// <summary>A module's state as an ordered name → tensor map, and loading such a map back (PyTorch's <c>state_dict</c>).</summary>
public static class StateDictExtensions
{
    /// <summary>The parameters, then the persistent buffers, under their dotted names (<c>layers.0.weight</c>).</summary>
    /// <param name="module">The model.</param>
    /// <param name="includeNonPersistent">Also list bookkeeping buffers such as dropout's mask counter (what a
    /// training checkpoint keeps so a resumed run continues exactly); PyTorch's state dicts hold none.</param>
    /// <remarks>The tensors share memory with the model, as in PyTorch: clone them to keep a snapshot while training goes on.</remarks>
    public static OrderedDictionary<string, Tensor> StateDict(this Module module, bool includeNonPersistent = false)
    {
        ArgumentNullException.ThrowIfNull(module);
        var state = new OrderedDictionary<string, Tensor>();
        foreach (var (name, tensor) in Entries(module, includeNonPersistent)) state.Add(name, tensor.Detach());
        return state;
    }

    /// <summary>
    /// Copies the tensors of <paramref name="stateDict"/> into the module's parameters and buffers of the same name,
    /// converting each to the model's dtype.
    /// </summary>
    /// <remarks>Non-persistent buffers (see <see cref="StateDict"/>) are loaded when present and never reported missing or
    /// unexpected. A conversion that would change a value (an integer past 2^24 into float32, a fraction or an
    /// out-of-range number into int32) fails the load, naming the tensor and the value.</remarks>
    /// <param name="module">The model to load into.</param>
    /// <param name="stateDict">Tensors by dotted name, e.g. from <see cref="StateDict"/> or <see cref="SafeTensors.Read(string)"/>.</param>
    /// <param name="strict">When true, any missing, unexpected or differently shaped tensor fails the whole load; when false,
    /// matching tensors load and the rest are listed in the report (for transfer learning).</param>
    /// <returns>What was loaded and what was skipped.</returns>
    /// <exception cref="ArgumentException">Strict and the state dict does not match the model; the model is left untouched.</exception>
    public static LoadReport LoadStateDict(this Module module, IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true) =>
        Load(module, stateDict, strict, source: null);

    /// <summary>Validates everything first, then assigns, so a failed load changes nothing; <paramref name="source"/> prefixes errors.</summary>
    internal static LoadReport Load(Module module, IReadOnlyDictionary<string, Tensor> stateDict, bool strict, string? source)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(stateDict);
        List<string> loaded = [], missing = [];
        List<ShapeMismatch> mismatched = [];
        var plan = new List<(Tensor Target, Tensor Value)>();
        var targets = Entries(module, includeNonPersistent: true).ToList();
        var required = Entries(module, includeNonPersistent: false).Select(t => t.Name).ToHashSet();
        using (GradMode.NoGrad())
        {
            foreach (var (name, target) in targets)
            {
                if (!stateDict.TryGetValue(name, out var value))
                {
                    if (required.Contains(name)) missing.Add(name);
                }
                else if (value is null) throw new ArgumentException($"{Prefix(source)}tensor '{name}' is null.", nameof(stateDict));
                else if (value.Shape != target.Shape) mismatched.Add(new ShapeMismatch(name, value.Shape, target.Shape));
                else
                {
                    loaded.Add(name);
                    plan.Add((target, LosslessConversion.To(value, target.DType, $"{Prefix(source)}tensor '{name}'")));
                }
            }
        }
        var known = targets.Select(t => t.Name).ToHashSet();
        var unexpected = stateDict.Keys.Where(k => !known.Contains(k)).ToList();
        var report = new LoadReport(loaded, missing, unexpected, mismatched);
        if (strict && !report.IsComplete)
            throw new ArgumentException($"{Prefix(source)}the state dict does not match {module.GetType().Name}: {report}", nameof(stateDict));
        foreach (var (target, value) in plan) Copy(value, target);
        return report;
    }

    private static IEnumerable<(string Name, Tensor Tensor)> Entries(Module module, bool includeNonPersistent) =>
        module.NamedParameters().Concat(module.NamedBuffers(includeNonPersistent: includeNonPersistent));

    /// <summary>Copies in place when possible, so views of the parameter and references held by optimizers stay valid.</summary>
    private static void Copy(Tensor value, Tensor target)
    {
        if (target.IsContiguous) value.CopyInto(target);
        else target.Assign(value.Clone());
    }

    private static string Prefix(string? source) => source is null ? "" : source + ": ";
}
