using System.Text;

namespace Dendrite.Serialization;

/// <summary>What loading a state dict into a module did: the tensors loaded and those skipped, by reason.</summary>
public sealed class LoadReport
{
    internal LoadReport(List<string> loaded, List<string> missing, List<string> unexpected, List<ShapeMismatch> mismatched)
    {
        Loaded = loaded;
        Missing = missing;
        Unexpected = unexpected;
        Mismatched = mismatched;
    }

    /// <summary>Names whose values were copied into the model.</summary>
    public IReadOnlyList<string> Loaded { get; }

    /// <summary>Model tensors the checkpoint lacks; they keep their current values.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Checkpoint tensors the model has no place for; they were ignored.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Names present in both with different shapes; the model's values were kept.</summary>
    public IReadOnlyList<ShapeMismatch> Mismatched { get; }

    /// <summary>True when every model tensor was loaded and the checkpoint held nothing else.</summary>
    public bool IsComplete => Missing.Count == 0 && Unexpected.Count == 0 && Mismatched.Count == 0;

    /// <summary>One line per problem (missing, unexpected, shape mismatch), or a line saying all tensors loaded.</summary>
    public override string ToString()
    {
        if (IsComplete) return $"All {Loaded.Count} tensors loaded.";
        var sb = new StringBuilder($"Loaded {Loaded.Count} tensors.");
        if (Missing.Count > 0) sb.Append($"\n  missing from the checkpoint ({Missing.Count}): {string.Join(", ", Missing)}");
        if (Unexpected.Count > 0) sb.Append($"\n  unexpected in the checkpoint ({Unexpected.Count}): {string.Join(", ", Unexpected)}");
        foreach (var m in Mismatched) sb.Append("\n  ").Append(m);
        return sb.ToString();
    }
}
