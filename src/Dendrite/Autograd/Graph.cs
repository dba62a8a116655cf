namespace Dendrite.Autograd;

/// <summary>Records operations and runs reverse-mode differentiation over them.</summary>
internal static class Graph
{
    /// <summary>Whether an op on these inputs would be recorded: gradients are on and one of them requires a gradient.
    /// Ops check this first when building their backward closure costs allocations (batch-1 inference).</summary>
    public static bool Records(Tensor a, Tensor b, Tensor? c) =>
        GradMode.IsEnabled && (a.RequiresGrad || b.RequiresGrad || (c?.RequiresGrad ?? false));

    /// <summary>Attaches <paramref name="backward"/> to <paramref name="output"/> when any input requires a gradient.</summary>
    public static Tensor Record(Tensor output, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward) =>
        Record(output, name, inputs, backward, null);

    private static Tensor Record(Tensor output, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward, Action<Tensor, Tensor>? scatter)
    {
        if (!GradMode.IsEnabled) return output;
        bool any = false;
        foreach (var input in inputs) any |= input.RequiresGrad;
        if (!any) return output;
        output.RequiresGrad = true;
        output.GradFn = new Node(name, inputs, backward, scatter);
        return output;
    }

    /// <summary>
    /// Propagates ∂L/∂root back to every leaf that requires a gradient, accumulating into its
    /// <see cref="Tensor.Grad"/>; then releases the graph.
    /// </summary>
    /// <summary>
    /// Records a view of one input whose gradient is the output's gradient added into a region of the input's:
    /// <paramref name="scatter"/>(g, inputGradient) does the adding, and the graph hands it one buffer per input
    /// however many slices are taken (backward through time slices one projection tensor per step).
    /// </summary>
    public static Tensor RecordSlice(Tensor output, string name, Tensor input, Action<Tensor, Tensor> scatter) =>
        Record(output, name, [input], g =>
        {
            var dx = Tensor.ZerosLike(input);
            scatter(g, dx);
            return [dx];
        }, scatter);

    public static void Backward(Tensor root, Tensor? gradient)
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException("Backward() on a tensor that does not require a gradient: no parameter took part in computing it.");
        if (gradient is null)
        {
            if (root.Count != 1)
                throw new InvalidOperationException($"Backward() without a gradient needs a one-element tensor, but the shape is {root.Shape}.");
            gradient = Tensor.Ones(root.Shape, root.DType);
        }
        else if (gradient.Shape != root.Shape)
        {
            throw new ArgumentException($"Backward(): gradient shape {gradient.Shape} does not match tensor shape {root.Shape}.");
        }

        using var _ = GradMode.NoGrad();
        if (root.GradFn is null)
        {
            Accumulate(root, gradient);
            return;
        }

        var work = Workspace.Take();
        try
        {
            Propagate(root, gradient, work);
        }
        finally
        {
            work.Return();
        }
    }

    /// <summary>Runs the backward closures in reverse topological order, summing gradients of tensors used more than once.</summary>
    private static void Propagate(Tensor root, Tensor gradient, Workspace work)
    {
        var grads = work.Grads;
        grads[root] = gradient;
        var order = TopologicalOrder(root, work);
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Tensor t = order[i];
            Node node = t.GradFn!;
            if (!grads.Remove(t, out var g)) { node.Release(); continue; }
            work.Owned.Remove(g); // handed to a backward that may pass it on (Add returns it for both inputs): no longer private
            if (node.Scatter is { } scatter && node.Inputs[0] is { GradFn: not null, RequiresGrad: true } sliced)
            {
                // Add into the input's own gradient buffer: fresh zeros, or a private copy of a gradient another node produced.
                if (!grads.TryGetValue(sliced, out var buffer) || !work.Owned.Contains(buffer))
                {
                    buffer = buffer is null ? Tensor.Zeros(sliced.Shape, sliced.DType) : buffer.Clone();
                    work.Owned.Add(buffer);
                    grads[sliced] = buffer;
                }
                scatter(g.Contiguous(), buffer);
                node.Release();
                continue;
            }
            var inputGrads = node.Backward(g.Contiguous());
            for (int j = 0; j < node.Inputs.Length; j++)
            {
                Tensor input = node.Inputs[j];
                Tensor? gi = inputGrads[j];
                if (gi is null || !input.RequiresGrad) continue;
                if (gi.Shape != input.Shape)
                    throw new InvalidOperationException($"{node.Name} backward produced a gradient of shape {gi.Shape} for an input of shape {input.Shape}.");
                if (input.GradFn is null) Accumulate(input, gi);
                else grads[input] = grads.TryGetValue(input, out var prev) ? prev + gi : gi;
            }
            node.Release();
        }
    }

    /// <summary>Post-order of the non-leaf tensors reachable from root (inputs before outputs), without recursion.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root, Workspace work)
    {
        var order = work.Order;
        var visited = work.Visited;
        visited.Add(root);
        var stack = work.Stack;
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var inputs = t.GradFn!.Inputs;
            if (t.GradFn.IsReleased)
                throw new InvalidOperationException($"The graph through {t.GradFn.Name} was already released by an earlier Backward(); run the forward pass again.");
            if (next == inputs.Length) { order.Add(t); continue; }
            stack.Push((t, next + 1));
            Tensor child = inputs[next];
            if (child.GradFn is not null && visited.Add(child)) stack.Push((child, 0));
        }
        return order;
    }

    /// <summary>Leaf.Grad += g: on first use g itself when it is the buffer the leaf lent (<see cref="Tensor.NewGradient"/>), else a copy.</summary>
    private static void Accumulate(Tensor leaf, Tensor g)
    {
        if (leaf.Grad is null)
        {
            if (leaf.ReturnsLoan(g)) { leaf.Grad = g; return; }
            leaf.Grad = leaf.TakeGradBuffer();
            g.CopyInto(leaf.Grad);
            return;
        }
        if (leaf.IsFloat64)
            Tensors.Kernels.Elementwise.Add<double>(leaf.Grad.Span<double>(), g.Contiguous().Span<double>(), leaf.Grad.Span<double>());
        else
            Tensors.Kernels.Elementwise.Add<float>(leaf.Grad.Span<float>(), g.Contiguous().Span<float>(), leaf.Grad.Span<float>());
    }

    /// <summary>
    /// The collections one backward pass needs, kept per thread and cleared after use, so a training step does not
    /// allocate them again (a nested Backward, e.g. from a custom op, gets fresh ones).
    /// </summary>
    private sealed class Workspace
    {
        [ThreadStatic] private static Workspace? t_cached;

        public readonly Dictionary<Tensor, Tensor> Grads = new(ReferenceEqualityComparer.Instance);
        public readonly List<Tensor> Order = [];
        public readonly HashSet<Tensor> Visited = new(ReferenceEqualityComparer.Instance);
        public readonly Stack<(Tensor Tensor, int Next)> Stack = new();
        public readonly HashSet<Tensor> Owned = new(ReferenceEqualityComparer.Instance);

        public static Workspace Take()
        {
            var w = t_cached ?? new Workspace();
            t_cached = null;
            return w;
        }

        public void Return()
        {
            Grads.Clear();
            Order.Clear();
            Visited.Clear();
            Stack.Clear();
            Owned.Clear();
            t_cached = this;
        }
    }
}
