
namespace Dendrite.Tests.Structure;

/// <summary>
/// The arrows of docs/ARCHITECTURE.md, read off the built library: every reference from a method to a method, field
/// or type of Dendrite.dll is traced to the folder of the file that defines it, and a folder may only reach the
/// folders below it.
/// </summary>
public class DependencyTests
{
    /// <summary>Folders from the floor up, as path prefixes under src/Dendrite (the first match wins).</summary>
    private static readonly (string Layer, string Prefix)[] Folders =
    [
        ("Kernels", "Tensors/Kernels/"), ("Tensors", "Tensors/"), ("Tensors", "Threading.cs"), ("Autograd", "Autograd/"),
        ("NN", "NN/"), ("Optim", "Optim/"), ("Data", "Data/"), ("Models", "Models/"), ("Serialization", "Serialization/"),
        ("Training", "Training/"), ("Text", "Text/"), ("Vision", "Vision/"), ("Interop", "Interop/"),
    ];

    /// <summary>What each folder may use besides itself (docs/ARCHITECTURE.md, "Dependencies point one way").</summary>
    internal static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Kernels"] = [],
        ["Tensors"] = ["Kernels"],
        ["Autograd"] = ["Kernels", "Tensors"],
        ["NN"] = ["Kernels", "Tensors", "Autograd"],
        ["Optim"] = ["Kernels", "Tensors", "Autograd", "NN"],
        ["Data"] = ["Kernels", "Tensors", "Autograd", "NN"],
        ["Models"] = ["Kernels", "Tensors", "Autograd", "NN"],
        ["Text"] = ["Kernels", "Tensors", "Autograd", "NN"],
        ["Vision"] = ["Kernels", "Tensors", "Autograd", "NN", "Optim", "Data"],
        ["Serialization"] = ["Kernels", "Tensors", "Autograd", "NN", "Optim", "Data"],
        ["Interop"] = ["Kernels", "Tensors", "Autograd", "NN", "Models", "Data", "Serialization"],
        ["Training"] = ["Kernels", "Tensors", "Autograd", "NN", "Optim", "Data", "Models", "Text", "Vision", "Serialization", "Interop"],
    };

    private static readonly Lazy<IlReferences> Library = new(() =>
    {
        string dll = typeof(Tensor).Assembly.Location;
        return new IlReferences(dll, Path.ChangeExtension(dll, ".pdb"), "src/Dendrite/");
    });

    /// <summary>The folder of a file under src/Dendrite.</summary>
    internal static string LayerOf(string file) =>
        Folders.First(f => file.StartsWith(f.Prefix, StringComparison.Ordinal) || file == f.Prefix).Layer;

    /// <summary>Every reference that breaks <paramref name="rules"/>, as "caller file → callee (its files)".</summary>
    internal static List<string> Violations(Dictionary<string, string[]> rules) =>
        [.. Library.Value.Edges
            .Where(e => e.To.All(to => LayerOf(to) != LayerOf(e.From) && !rules[LayerOf(e.From)].Contains(LayerOf(to))))
            .Select(e => $"{e.From} ({LayerOf(e.From)}) → {e.What} in {string.Join(", ", e.To)}")
            .Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_folder_uses_only_the_folders_below_it()
    {
        var violations = Violations(MayUse);
        Assert.True(violations.Count == 0, $"{violations.Count} references break docs/ARCHITECTURE.md's arrows:\n" + string.Join("\n", violations.Take(60)));
    }

    [Fact]
    public void The_check_sees_real_references()
    {
        // Tensor.Clone gathers through Kernels/Strided, and Functional.Conv2d calls ConvOps in Autograd: forbidding those
        // arrows must produce violations, or the check reads nothing.
        var stricter = MayUse.ToDictionary(p => p.Key, p => p.Value.Where(l => l != "Kernels" && l != "Autograd").ToArray());
        var violations = Violations(stricter);
        Assert.Contains(violations, v => v.StartsWith("Tensors/Tensor.cs (Tensors) → Strided.Gather", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("NN/Functional.cs (NN) → ConvOps.Conv2d", StringComparison.Ordinal));
        Assert.True(Library.Value.Edges.Count > 1000, $"only {Library.Value.Edges.Count} cross-file references found");
    }
}
