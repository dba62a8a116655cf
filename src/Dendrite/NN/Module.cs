using System.Text;
using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>
/// Base class of every layer and model: holds named parameters, buffers and sub-modules, registered
/// explicitly in the constructor, so names such as <c>layers.0.weight</c> match PyTorch's.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Tensor)> _parameters = [];
    private readonly List<(string Name, Tensor Tensor)> _buffers = [];
    private readonly List<(string Name, Module Module)> _children = [];

    /// <summary>True in training mode (dropout active, batch statistics); false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output.</summary>
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
    protected Tensor RegisterBuffer(string name, Tensor buffer)
    {
        CheckName(name);
        _buffers.Add((name, buffer));
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
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(string prefix = "")
    {
        foreach (var (name, b) in _buffers) yield return (prefix + name, b);
        foreach (var (name, child) in _children)
            foreach (var item in child.NamedBuffers(prefix + name + ".")) yield return item;
    }

    /// <summary>Total number of learnable scalars.</summary>
    public long ParameterCount => NamedParameters().Sum(p => (long)p.Parameter.Count);

    /// <summary>Switches this module and its descendants to training mode.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children) child.Train(training);
        return this;
    }

    /// <summary>Switches to evaluation mode (dropout off, running statistics).</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Grad = null;
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
    public string Summary(Shape inputShape) => ModelSummary.Build(this, inputShape);
}
