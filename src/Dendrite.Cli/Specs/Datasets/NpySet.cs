using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>npy</c>: two numpy files, the inputs and the targets.</summary>
internal sealed class NpySet : DatasetKind
{
    public override string Name => "npy";

    public override string Builds => "Npy.Read";

    public override string Targets => "as npz";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.FilePath("path", "the inputs file").AsRequired(),
        SpecField.FilePath("y", "the targets file").AsRequired(),
    ];

    public override LoadedData Load(SpecSettings s, DType dtype, bool images)
    {
        string path = DataFiles.Existing(s.StringOrNull("path"), "path");
        return DataFiles.Targets(Npy.Read(path), Npy.Read(DataFiles.Existing(s.StringOrNull("y"), "y")), dtype, path, images);
    }
}
