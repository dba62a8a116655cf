using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>npz</c>: a numpy archive holding the inputs and the targets.</summary>
internal sealed class NpzSet : DatasetKind
{
    public override string Name => "npz";

    public override string Builds => "Npz.Read";

    public override string Targets => "Int32 [m] → labels; float [m, 1] of 0/1 → binary; else regression";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.FilePath("path", "the file").AsRequired(),
        SpecField.Text("x", "the name of the inputs array", "x"),
        SpecField.Text("y", "the name of the targets array", "y"),
    ];

    public override LoadedData Load(SpecSettings s, DType dtype, bool images)
    {
        string path = DataFiles.Existing(s.StringOrNull("path"), "path");
        var arrays = Npz.Read(path);
        Tensor Array(string field) => arrays.TryGetValue(s.String(field), out var t) ? t
            : throw new CliException($"data.{field}: {path} has no array named \"{s.String(field)}\" (arrays: {string.Join(", ", arrays.Keys)})");
        return DataFiles.Targets(Array("x"), Array("y"), dtype, path, images);
    }
}
