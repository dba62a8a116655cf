using System.Text;
using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>
/// Base class of every layer and model: holds named parameters, buffers and sub-modules, registered
/// explicitly in the constructor, so names such as <c>layers.0.weight</c> match PyTorch's.
/// </summary>
public abstract partial class Module
{
    private readonly List<(string Name, Tensor Tensor)> _parameters = [];
    private readonly List<(string Name, Tensor Tensor, bool Persistent)> _buffers = [];
    private readonly List<(string Name, Module Module)> _children = [];

    /// <summary>True in training mode (dropout active, batch statistics); false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output: the textbook forward pass. Containers run their children with <see cref="Call"/>.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Registers a learnable tensor under <paramref name="name"/> and marks it as requiring a gradient.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        CheckName(name);
        parameter.RequiresGrad = true;
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers a non-learned tensor that is saved with the model (e.g. running statistics).</summary>
    /// <param name="name">The buffer's name within this module.</param>
    /// <param name="buffer">The tensor.</param>
    /// <param name="persistent">False for bookkeeping that is not part of the model's state dict (PyTorch's
    /// <c>persistent=False</c>), such as dropout's mask counter: a plain checkpoint neither writes nor requires it, so
    /// PyTorch's state dicts load strictly; a training checkpoint still keeps it, so resumed runs draw the same masks.</param>
    protected Tensor RegisterBuffer(string name, Tensor buffer, bool persistent = true)
    {
        CheckName(name);
        _buffers.Add((name, buffer, persistent));
        return buffer;
    }

    /// <summary>Registers a child module; its parameters are named <c>name.childParameter</c>.</summary>
    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module
    {
        CheckName(name);
        _children.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"Invalid name '{name}' in {GetType().Name}: names are non-empty and contain no '.'.");
        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'.");
    }

    /// <summary>The direct children with their names.</summary>
    public IReadOnlyList<(string Name, Module Module)> Children => _children;

    /// <summary>All parameters of this module and its descendants, with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters(string prefix = "")
    {
        foreach (var (name, p) in _parameters) yield return (prefix + name, p);
        foreach (var (name, child) in _children)
            foreach (var item in child.NamedParameters(prefix + name + ".")) yield return item;
    }

    /// <summary>All parameters of this module and its descendants.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>All buffers of this module and its descendants, with dotted names.</summary>
    /// <param name="prefix">Prepended to every name.</param>
    /// <param name="includeNonPersistent">False to list only the buffers that belong to the state dict.</param>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(string prefix = "", bool includeNonPersistent = true)
    {
        foreach (var (name, b, persistent) in _buffers)
            if (persistent || includeNonPersistent) yield return (prefix + name, b);
        foreach (var (name, child) in _children)
            foreach (var item in child.NamedBuffers(prefix + name + ".", includeNonPersistent)) yield return item;
    }

    /// <summary>Total number of learnable scalars.</summary>
    public long ParameterCount => NamedParameters().Sum(p => (long)p.Parameter.Count);

    /// <summary>
    /// When true, <see cref="Train"/> leaves this module and its descendants in evaluation mode: a frozen pretrained
    /// body whose batch-norm layers should keep normalizing with, and not update, their running statistics.
    /// </summary>
    public bool KeepInEval { get; set; }

    /// <summary>Switches this module and its descendants to training mode (those with <see cref="KeepInEval"/> stay in evaluation mode).</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training && !KeepInEval;
        foreach (var (_, child) in _children) child.Train(IsTraining);
        return this;
    }

    /// <summary>Switches to evaluation mode (dropout off, running statistics).</summary>
    public Module Eval() => Train(false);

    /// <summary>The parameters that still require a gradient (not frozen), for an optimizer that should see only those.</summary>
    public IEnumerable<Tensor> TrainableParameters() => Parameters().Where(p => p.RequiresGrad);

    /// <summary>
    /// Freezes the parameters named <paramref name="prefix"/> or <c>prefix.…</c> (all when empty): they stop requiring a
    /// gradient, so backward gives them none and optimizers leave them, and their state, untouched.
    /// </summary>
    /// <remarks>
    /// PyTorch's <c>requires_grad_(False)</c> by name; Keras's <c>trainable = False</c>. The prefix matches whole name
    /// segments: <c>"layers.1"</c> freezes <c>layers.1.weight</c> but not <c>layers.10.weight</c>. Any gradient already
    /// held is cleared, so the next step cannot apply it. Freezing does not change train/eval mode: a batch-norm layer in
    /// the frozen part still normalizes with batch statistics and updates its running ones while the model trains; set
    /// <see cref="KeepInEval"/> on that part (<c>model.GetModule("body").KeepInEval = true</c>) to keep it in evaluation mode.
    /// </remarks>
    /// <exception cref="ArgumentException">No parameter matches a non-empty prefix.</exception>
    public Module Freeze(string prefix = "") => SetRequiresGrad(prefix, false);

    /// <summary>Makes the parameters named <paramref name="prefix"/> or <c>prefix.…</c> (all when empty) trainable again.</summary>
    /// <exception cref="ArgumentException">No parameter matches a non-empty prefix.</exception>
    public Module Unfreeze(string prefix = "") => SetRequiresGrad(prefix, true);

    private Module SetRequiresGrad(string prefix, bool requiresGrad)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        string scope = prefix.TrimEnd('.');
        int matched = 0;
        foreach (var (name, p) in NamedParameters())
        {
            if (scope.Length > 0 && name != scope && !name.StartsWith(scope + ".", StringComparison.Ordinal)) continue;
            p.RequiresGrad = requiresGrad;
            if (!requiresGrad) p.Grad = null;
            matched++;
        }
        if (matched == 0 && scope.Length > 0)
            throw new ArgumentException($"{GetType().Name} has no parameter named '{scope}' or '{scope}.…'; its parameters are " +
                                        $"{string.Join(", ", NamedParameters().Select(p => p.Name))}.", nameof(prefix));
        return this;
    }

    /// <summary>The descendant at the dotted <paramref name="path"/> (e.g. <c>layers.3</c>); this module for an empty path.</summary>
    /// <exception cref="ArgumentException">No child has that name.</exception>
    public Module GetModule(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var module = this;
        if (path.Length == 0) return module;
        foreach (var name in path.Split('.')) module = module._children[module.ChildIndex(name, path)].Module;
        return module;
    }

    /// <summary>
    /// Replaces the descendant at the dotted <paramref name="path"/> (e.g. <c>"fc"</c>, <c>"7"</c> in a
    /// <see cref="Sequential"/>, <c>"head.2"</c>) by <paramref name="module"/>, keeping its name and position, and returns
    /// the old one: how a pretrained model gets a new head. The new module takes its parent's train/eval mode.
    /// </summary>
    /// <remarks>
    /// The parent must use the replacement in its forward pass: <see cref="Sequential"/> does; a module that keeps a
    /// child in a field must override <see cref="OnModuleReplaced"/> to update that field, or replacing throws.
    /// </remarks>
    /// <exception cref="ArgumentException">No module at <paramref name="path"/>.</exception>
    /// <exception cref="NotSupportedException">The parent does not support replacing its children.</exception>
    public Module ReplaceModule(string path, Module module)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(module);
        int dot = path.LastIndexOf('.');
        var parent = dot < 0 ? this : GetModule(path[..dot]);
        string name = path[(dot + 1)..];
        int index = parent.ChildIndex(name, path);
        var old = parent._children[index].Module;
        parent.OnModuleReplaced(name, module);
        parent.ForgetFusionPlan();
        parent._children[index] = (name, module);
        module._standIn = null;
        module.Train(parent.IsTraining);
        return old;
    }

    /// <summary>
    /// Called by <see cref="ReplaceModule"/> before child <paramref name="name"/> becomes <paramref name="module"/>: update any
    /// field that holds the child. The base implementation throws, since it cannot know which fields the forward pass reads.
    /// </summary>
    /// <exception cref="NotSupportedException">Always, unless overridden.</exception>
    protected virtual void OnModuleReplaced(string name, Module module) =>
        throw new NotSupportedException($"{GetType().Name} does not support replacing its child '{name}': override OnModuleReplaced " +
                                        "to update the field its forward pass reads, or build the model from Sequential.");

    private int ChildIndex(string name, string path)
    {
        int index = _children.FindIndex(c => c.Name == name);
        if (index < 0)
            throw new ArgumentException($"No module '{path}': {GetType().Name} has no child '{name}' (children: " +
                                        $"{(_children.Count == 0 ? "none" : string.Join(", ", _children.Select(c => c.Name)))}).", nameof(path));
        return index;
    }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Converts every parameter and buffer to <paramref name="dtype"/> in place (e.g. Float64 for gradient checking).</summary>
    public Module To(DType dtype)
    {
        using var _ = GradMode.NoGrad();
        foreach (var p in Parameters()) p.Assign(p.To(dtype));
        foreach (var (_, b) in NamedBuffers())
            if (b.DType.IsFloatingPoint()) b.Assign(b.To(dtype));
        return this;
    }

    /// <summary>The dtype of the first parameter (Float32 for a module without parameters).</summary>
    public DType DType => Parameters().FirstOrDefault()?.DType ?? DType.Float32;

    /// <summary>A one-line description of this module alone, e.g. <c>Dense(784 => 128)</c>.</summary>
    public virtual string Describe() => GetType().Name + "()";

    /// <summary>The module tree, one child per line, as PyTorch prints it.</summary>
    public override string ToString()
    {
        if (_children.Count == 0) return Describe();
        var sb = new StringBuilder(GetType().Name).AppendLine("(");
        foreach (var (name, child) in _children)
        {
            var lines = child.ToString().Split('\n');
            sb.Append("  (").Append(name).Append("): ").AppendLine(lines[0]);
            foreach (var line in lines.Skip(1)) sb.Append("  ").AppendLine(line);
        }
        return sb.Append(')').ToString();
    }

    /// <summary>A table of layers with their output shapes and parameter counts for an input of <paramref name="inputShape"/>.</summary>
    public string Summary(Shape inputShape) => ModelSummary.Build(this, inputShape, DType);

    /// <summary>As <see cref="Summary(Shape)"/> for inputs of <paramref name="inputDType"/> (Int32 token indices for an embedding).</summary>
    public string Summary(Shape inputShape, DType inputDType) => ModelSummary.Build(this, inputShape, inputDType);
}
