using System.Text.RegularExpressions;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Serialization;

namespace Dendrite.Cli.Specs;

/// <summary>
/// Loads a spec's <c>initial_parameters</c>: a .safetensors checkpoint or a .npz whose arrays carry either the model's
/// state-dict names (<c>0.weight</c>) or the course's W1, b1, W2, … (W[l] (n[l], n[l−1]) → the l-th Dense layer's weight,
/// b[l] (n[l], 1) → its bias [n[l]]).
/// </summary>
internal static partial class InitialParameters
{
    [GeneratedRegex(@"^([Wb])([1-9][0-9]*)$")]
    private static partial Regex CourseName();

    /// <summary>Loads <paramref name="path"/> into <paramref name="model"/>; every parameter must be given, with its shape.</summary>
    public static void Load(Module model, string path)
    {
        if (!File.Exists(path)) throw new CliException($"initial_parameters: the file {path} does not exist");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        IReadOnlyDictionary<string, Tensor> tensors = extension switch
        {
            ".npz" => Npz.Read(path),
            ".safetensors" => SafeTensors.Read(path).Tensors,
            _ => throw new CliException($"initial_parameters: expected a .npz or .safetensors file but got \"{path}\""),
        };
        if (tensors.Count > 0 && tensors.Keys.All(k => CourseName().IsMatch(k))) tensors = FromCourseNames(model, tensors, path);
        LoadReport report;
        try
        {
            report = model.LoadStateDict(tensors, strict: false);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"initial_parameters: {path}: {e.Message}");
        }
        var parameterNames = model.NamedParameters().Select(p => p.Name).ToHashSet();
        var missing = report.Missing.Where(parameterNames.Contains).ToList();
        if (report.Unexpected.Count > 0 || report.Mismatched.Count > 0 || missing.Count > 0)
            throw new CliException($"initial_parameters: {path} does not fit the model " +
                                   $"(parameters: {string.Join(", ", parameterNames)}): {report}");
    }

    private static Dictionary<string, Tensor> FromCourseNames(Module module, IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        var model = module as Sequential
            ?? throw new CliException($"initial_parameters: {path} holds the course's W1, b1, … names, which map onto a stack of dense layers, not a zoo model; use state-dict names");
        var dense = model.Layers.Select((layer, index) => (layer, index)).Where(x => x.layer is Dense).Select(x => x.index).ToList();
        var mapped = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in tensors)
        {
            var match = CourseName().Match(name);
            int l = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (l > dense.Count)
                throw new CliException($"initial_parameters: {path} holds {name} but the model has only {dense.Count} dense layers");
            string prefix = $"{dense[l - 1]}.";
            if (match.Groups[1].Value == "W") mapped[prefix + "weight"] = tensor;
            else mapped[prefix + "bias"] = tensor.Rank == 2 && tensor.Shape[1] == 1 ? tensor.Reshape(tensor.Shape[0]) : tensor;
        }
        return mapped;
    }
}
