namespace Dendrite.Autograd;

/// <summary>Records operations and runs reverse-mode differentiation over them.</summary>
internal static class Graph
{
    /// <summary>Attaches <paramref name="backward"/> to <paramref name="output"/> when any input requires a gradient.</summary>
    public static Tensor Record(Tensor output, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (!GradMode.IsEnabled) return output;
        bool any = false;
        foreach (var input in inputs) any |= input.RequiresGrad;
        if (!any) return output;
        output.RequiresGrad = true;
        output.GradFn = new Node(name, inputs, backward);
        return output;
    }

    /// <summary>
    /// Propagates ∂L/∂root back to every leaf that requires a gradient, accumulating into its
    /// <see cref="Tensor.Grad"/>; then releases the graph.
    /// </summary>
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

        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [root] = gradient };
        var order = TopologicalOrder(root);
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Tensor t = order[i];
            Node node = t.GradFn!;
            if (!grads.Remove(t, out var g)) { node.Release(); continue; }
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
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { root };
        var stack = new Stack<(Tensor Tensor, int Next)>();
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

    /// <summary>Leaf.Grad += g, allocating the gradient buffer on first use.</summary>
    private static void Accumulate(Tensor leaf, Tensor g)
    {
        if (leaf.Grad is null) { leaf.Grad = g.Clone(); return; }
        if (leaf.IsFloat64)
            Tensors.Kernels.Elementwise.Add<double>(leaf.Grad.Span<double>(), g.Contiguous().Span<double>(), leaf.Grad.Span<double>());
        else
            Tensors.Kernels.Elementwise.Add<float>(leaf.Grad.Span<float>(), g.Contiguous().Span<float>(), leaf.Grad.Span<float>());
    }
}
