using Dendrite.NN;

namespace Dendrite.Serialization;

/// <summary>
/// Turns one Keras layer's weights into the names and layouts of the Dendrite layer that takes them:
/// Dense kernel (in, out) → weight (out, in); Conv2D kernel (kh, kw, in, out) → weight (out, in, kh, kw);
/// BatchNormalization gamma, beta, moving_mean, moving_variance → weight, bias, running_mean, running_var.
/// </summary>
/// <remarks>
/// Keras flattens a channels-last feature map (H, W, C) as index (h·W + w)·C + c, Dendrite a (C, H, W) one as
/// (c·H + h)·W + w; for a Dense layer right after a Flatten, the flattened shape (C, H, W) reorders the
/// kernel's rows so both compute the same function: weight[o, c·H·W + h·W + w] = kernel[(h·W + w)·C + c, o].
/// Any other layer takes the weights in order, as they are.
/// </remarks>
internal static class KerasLayout
{
    /// <summary>The layer's weights under the Dendrite module's own tensor names (without its path prefix).</summary>
    public static List<(string Name, Tensor Value)> Convert(Module module, KerasLayer layer, IReadOnlyList<string> targetNames, Shape? flattenedFrom)
    {
        var result = new List<(string, Tensor)>();
        foreach (var (weightName, value) in layer.Weights)
        {
            string role = Role(weightName);
            (string Name, Tensor Value) converted = (module, role) switch
            {
                (Dense, "kernel") when value.Rank == 2 => ("weight", DenseKernel(value, flattenedFrom)),
                (Conv2d, "kernel") when value.Rank == 4 => ("weight", value.Permute(3, 2, 0, 1).Contiguous()),
                (Dense or Conv2d, "bias") => ("bias", value),
                (BatchNorm, "gamma") => ("weight", value),
                (BatchNorm, "beta") => ("bias", value),
                (BatchNorm, "moving_mean") => ("running_mean", value),
                (BatchNorm, "moving_variance") => ("running_var", value),
                _ => (result.Count < targetNames.Count ? targetNames[result.Count] : weightName, value),
            };
            result.Add(converted);
        }
        return result;
    }

    /// <summary>The weight's role: <c>dense/kernel:0</c> → <c>kernel</c>.</summary>
    public static string Role(string weightName)
    {
        string last = weightName[(weightName.LastIndexOf('/') + 1)..];
        int colon = last.IndexOf(':');
        return colon < 0 ? last : last[..colon];
    }

    private static Tensor DenseKernel(Tensor kernel, Shape? flattenedFrom)
    {
        if (flattenedFrom is not { } chw) return kernel.T.Contiguous();
        if (chw.Rank != 3 || chw.Count != kernel.Shape[0])
            throw new ArgumentException($"flattenedFrom {chw} should be the (C, H, W) map flattened into the Dense layer's {kernel.Shape[0]} inputs.");
        int c = chw[0], h = chw[1], w = chw[2], outputs = kernel.Shape[1];
        return kernel.Reshape(h, w, c, outputs).Permute(3, 2, 0, 1).Contiguous().Reshape(outputs, c * h * w);
    }
}
