namespace Dendrite.NN;

/// <summary>How a parent runs a child: forward hooks and, inside <see cref="InferenceFusion.Apply"/>, the fused stand-ins.</summary>
public abstract partial class Module
{
    private List<Action<Module, Tensor, Tensor>>? _forwardHooks;
    private Module? _standIn;
    private bool _fusionPlanned;

    /// <summary>
    /// Runs the module as a parent runs a child (PyTorch's <c>module(x)</c>): <see cref="Forward"/>, then every forward
    /// hook with (module, input, output). Inside <see cref="InferenceFusion.Apply"/>, a child that belongs to one of its
    /// parent's <see cref="FusionGroups"/> runs as the group's fused unit instead (the group's first module computes the
    /// whole group, the others pass their input through); outside it, nothing differs from <see cref="Forward"/>.
    /// </summary>
    public Tensor Call(Tensor input)
    {
        Tensor output;
        if (InferenceFusion.IsApplied)
        {
            EnsureFusionPlan();
            output = (_standIn ?? this).Forward(input);
        }
        else output = Forward(input);
        RunForwardHooks(input, output);
        return output;
    }

    /// <summary>
    /// Runs the forward hooks for a pass that does not come through <see cref="Call"/>: a module with two inputs (U-Net's
    /// up-sampling block joins a skip connection) calls it with its main input, so summaries and hooks still see it.
    /// </summary>
    protected void RunForwardHooks(Tensor input, Tensor output)
    {
        if (_forwardHooks is { } hooks)
            foreach (var hook in hooks.ToArray()) hook(this, input, output);
    }

    /// <summary>
    /// Registers <paramref name="hook"/>(module, input, output) to run after every <see cref="Call"/> of this module
    /// (PyTorch's <c>register_forward_hook</c>); dispose the handle to remove it. <see cref="Summary(Shape)"/> builds its rows so.
    /// </summary>
    public IDisposable RegisterForwardHook(Action<Module, Tensor, Tensor> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        (_forwardHooks ??= []).Add(hook);
        return new HookHandle(this, hook);
    }

    /// <summary>
    /// Runs of children that inference may compute as one unit (torch.ao's <c>fuse_modules</c> lists): Conv2d →
    /// BatchNorm2d (→ Relu) folded, Dense (→ Relu) runs as one GEMM chain, Conv2d / Dense → Relu rectified in place, or a
    /// lone Relu whose input is always a fresh tensor, rectified in place. Each group is in the order the forward pass
    /// runs it, and every module of a group runs only there. None by default.
    /// </summary>
    protected internal virtual IEnumerable<Module[]> FusionGroups() => [];

    /// <summary>Installs the stand-ins of <see cref="FusionGroups"/> on the children, once until a child is replaced.</summary>
    internal void EnsureFusionPlan()
    {
        if (!_fusionPlanned) PlanFusion();
    }

    private void PlanFusion()
    {
        foreach (var (_, child) in _children) child._standIn = null;
        foreach (var group in FusionGroups())
        {
            group[0]._standIn = InferenceFusion.Unit(group);
            for (int i = 1; i < group.Length; i++) group[i]._standIn = InferenceFusion.Passthrough;
        }
        _fusionPlanned = true;
    }

    private void ForgetFusionPlan()
    {
        foreach (var (_, child) in _children) child._standIn = null;
        _fusionPlanned = false;
    }

    private sealed class HookHandle(Module module, Action<Module, Tensor, Tensor> hook) : IDisposable
    {
        public void Dispose() => module._forwardHooks?.Remove(hook);
    }
}
