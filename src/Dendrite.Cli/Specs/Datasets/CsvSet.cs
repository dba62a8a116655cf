using System.Globalization;
using System.Text.Json.Nodes;
using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>csv</c>: a table of numbers, one example per row, with one label column.</summary>
internal sealed class CsvSet : DatasetKind
{
    public override string Name => "csv";

    public override string Builds => "Csv.Read";

    public override string Targets => "labels or real values";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.FilePath("path", "the file").AsRequired(),
        SpecField.Custom("label", "the label column, by name or by index (negative counts from the end)", "the last",
            (node, _) => node.IsString ? JsonValue.Create(node.String()) : JsonValue.Create(node.Int())),
        SpecField.Custom("header", "auto, true, false or sklearn", "\"auto\"", (node, _) =>
            node.Node is JsonValue v && v.TryGetValue(out bool b) ? JsonValue.Create(b)
            : node.IsString ? JsonValue.Create(node.Choice("header", ["auto", "true", "false", "sklearn"])) : throw node.Expected("auto, true, false or sklearn"),
            JsonValue.Create("auto")),
        SpecField.Bool("classification", "labels are class indices (false: a regression target)", false),
    ];

    public override LoadedData Load(SpecSettings s, DType dtype, bool images) => Load(s, dtype, images, NonFiniteHandling.Error);

    public override LoadedData Load(SpecSettings s, DType dtype, bool images, NonFiniteHandling nonFinite)
    {
        if (images) throw NoImages();
        string path = DataFiles.Existing(s.StringOrNull("path"), "path");
        bool classification = s.Bool("classification");
        var options = new CsvOptions
        {
            Header = s.String("header") switch { "true" => CsvHeader.Present, "false" => CsvHeader.Absent, "sklearn" => CsvHeader.Sklearn, _ => CsvHeader.Auto },
            Classification = classification,
            DType = dtype,
            NonFinite = nonFinite,
        };
        if (s.Node("label") is JsonValue label)
            options = label.TryGetValue(out int index) ? options with { LabelIndex = index } : options with { LabelName = label.GetValue<string>() };
        var table = Csv.Read(path, options);
        return new LoadedData(table.X, table.Y, null, null, null, Regression: !classification);
    }
}
