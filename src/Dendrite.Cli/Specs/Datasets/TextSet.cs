using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>text</c>: a character-level language-modelling set from a text file. The vocabulary is the file's distinct
/// characters in ordinal order; each example is a window of <c>seq_length</c> character indices x⟨1…T⟩ and its
/// targets, the same window shifted by one (y⟨t⟩ = x⟨t+1⟩), windows starting every <c>step</c> characters.
/// </summary>
internal sealed class TextSet : DatasetKind
{
    public override string Name => "text";

    public override string Builds => "character windows of a text file";

    public override string Targets => "next-character labels [m, T]; the vocabulary are the class names";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.FilePath("path", "the text file (UTF-8)"),
        SpecField.Text("shared", "instead of path, a file of the shared data folder, e.g. text/input.txt"),
        SpecField.Int("seq_length", "characters per example T", 100, minimum: 1),
        SpecField.Int("step", "characters between the starts of two examples", minimum: 1).DefaultsTo("seq_length"),
        SpecField.Bool("lowercase", "lower-case the text first", false),
    ];

    protected override void Check(SpecNode node, SpecSettings settings)
    {
        if (settings.Has("path") == settings.Has("shared"))
            throw node.Field("path").Error("a text data set needs either path (a file) or shared (a file of the shared data folder), not both or neither");
    }

    public override LoadedData Load(SpecSettings s, DType dtype, bool images)
    {
        if (images) throw NoImages();
        string path = s.StringOrNull("shared") is string shared
            ? DataFiles.Existing(Path.Combine(DataFolder.Find() ?? throw new CliException(
                $"data.shared: the shared data folder was not found (set {DataFolder.EnvironmentVariable}); it should hold {shared}"), shared), "shared")
            : DataFiles.Existing(s.StringOrNull("path"), "path");
        string text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (s.Bool("lowercase")) text = text.ToLowerInvariant();
        int t = s.Int("seq_length"), step = s.IntOrNull("step") ?? t;
        if (text.Length < t + 1) throw new CliException($"data.seq_length: {path} has {text.Length} characters, fewer than seq_length + 1 = {t + 1}");
        var vocabulary = Vocabulary(text);
        var index = vocabulary.Select((c, i) => (c, i)).ToDictionary(p => p.c[0], p => p.i);
        int m = (text.Length - t - 1) / step + 1;
        var x = new int[m * t];
        var y = new int[m * t];
        for (int e = 0; e < m; e++)
            for (int j = 0; j < t; j++)
            {
                x[e * t + j] = index[text[e * step + j]];
                y[e * t + j] = index[text[e * step + j + 1]];
            }
        return new LoadedData(Tensor.FromArray(x, [m, t]), Tensor.FromArray(y, [m, t]), null, null, vocabulary, Regression: false);
    }

    /// <summary>The distinct characters of <paramref name="text"/> in ordinal order, each as a one-character string.</summary>
    public static IReadOnlyList<string> Vocabulary(string text) =>
        [.. text.Distinct().Order().Select(c => c.ToString())];
}
