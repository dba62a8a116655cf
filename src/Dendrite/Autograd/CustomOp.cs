namespace Dendrite.Autograd;

/// <summary>Lets user code define a differentiable operation from a forward result and its backward rule.</summary>
public static class CustomOp
{
    /// <summary>
    /// Records <paramref name="output"/> (computed by the caller from <paramref name="inputs"/>) as the result of an
    /// op whose backward maps ∂L/∂output to ∂L/∂input for each input (null for none).
    /// </summary>
    /// <example><code>
    /// // y = sin x  ⇒  dy/dx = cos x
    /// var y = CustomOp.Record("Sin", SinValues(x), [x], g => [g * CosValues(x)]);
    /// </code></example>
    public static Tensor Record(string name, Tensor output, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (output.GradFn is not null) output = output.Detach();
        return Graph.Record(output, name, inputs, backward);
    }
}
