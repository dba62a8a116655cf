using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>
/// The working folder of <see cref="BadInputTableTests"/>, made once: a valid spec and a run trained from it, then
/// every kind of bad file (empty, binary garbage, wrong kinds, specs with one field wrong).
/// </summary>
public sealed class BadInputFolder : IDisposable
{
    private const string Layers = """[ { "type": "dense", "units": 4 }, "relu", { "type": "dense", "units": 1 }, "sigmoid" ]""";
    private const string Moons = """{ "dataset": "moons", "count": 200, "dev": 0.2 }""";

    public string Path { get; } = Directory.CreateTempSubdirectory("dendrite-bad-input-").FullName;

    public BadInputFolder()
    {
        File("good.json", Spec());
        var trained = CliRunner.Run(Path, (IReadOnlyDictionary<string, string>?)null, "train", "good.json", "--out", "run", "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "notarun"));
        var garbage = Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray();
        foreach (string name in new[] { "garbage.json", "garbage.yaml", "garbage.bin" }) System.IO.File.WriteAllBytes(System.IO.Path.Combine(Path, name), garbage);
        foreach (string name in new[] { "empty.json", "empty.yaml", "empty.csv" }) File(name, "");
        File("notjson.json", """{ "model": """);
        File("list.json", "[1, 2, 3]");
        File("three.csv", "x1,x2,x3,label\n0.1,0.2,0.3,1\n0.3,-0.5,0.1,0\n");
        File("ragged.csv", "x1,x2,label\n0.1,0.2,1\n0.3\n");
        File("words.csv", "x1,x2,label\nred,blue,1\n");
        File("fake.png", "this is not a png");
        File("fake.npy", "not numpy");
        File("fake.npz", "not a zip");
        foreach (var (name, text) in Specs()) File(name, text);
    }

    /// <summary>The spec files with one thing wrong, by name.</summary>
    private static IEnumerable<(string Name, string Text)> Specs() =>
    [
        ("unknown_top.json", Spec(extra: """, "learnrate": 1""")),
        ("unknown_layer.json", Spec(layers: """[ { "type": "dense", "units": 4 }, "swish2" ]""")),
        ("units_str.json", Spec(layers: """[ { "type": "dense", "units": "four" } ]""")),
        ("units_neg.json", Spec(layers: """[ { "type": "dense", "units": -1 } ]""")),
        ("units_zero.json", Spec(layers: """[ { "type": "dense", "units": 0 } ]""")),
        ("units_frac.json", Spec(layers: """[ { "type": "dense", "units": 1.5 } ]""")),
        ("units_1e9.json", Spec(layers: """[ { "type": "dense", "units": 1000000000 }, "sigmoid" ]""")),
        ("units_1e12.json", Spec(layers: """[ { "type": "dense", "units": 1e12 } ]""")),
        ("two_100k.json", Spec(layers: """[ { "type": "dense", "units": 100000 }, { "type": "dense", "units": 100000 }, { "type": "dense", "units": 1 }, "sigmoid" ]""")),
        ("epochs_str.json", Spec(epochs: "\"many\"")),
        ("epochs_neg.json", Spec(epochs: "-3")),
        ("batch_zero.json", Spec(extra: """, "batch_size": 0""")),
        ("lr_neg.json", Spec(extra: """, "optimizer": { "name": "sgd", "learning_rate": -1 }""")),
        ("opt_unknown.json", Spec(extra: """, "optimizer": { "name": "adamw9" }""")),
        ("loss_unknown.json", Spec(loss: "hinge2")),
        ("dataset_unknown.json", Spec(data: """{ "dataset": "moonz" }""")),
        ("count_1e9.json", Spec(data: """{ "dataset": "moons", "count": 1e9 }""")),
        ("count_neg.json", Spec(data: """{ "dataset": "moons", "count": -3 }""")),
        ("dtype.json", Spec(extra: """, "dtype": "float16" """)),
        ("no_model.json", """{ "data": { "dataset": "moons" }, "loss": "bce", "epochs": 1 }"""),
        ("layers_empty.json", Spec(layers: "[]")),
        ("layers_str.json", Spec(layers: "\"dense\"")),
        ("dense_nounits.json", Spec(layers: """[ { "type": "dense" } ]""")),
        ("conv_flat.json", Spec(layers: """[ { "type": "conv2d", "filters": 4, "kernel_size": 3 }, "flatten", { "type": "dense", "units": 1 } ]""")),
        ("csv_missing.json", Spec(data: """{ "dataset": "csv", "path": "missing.csv" }""")),
        ("csv_ragged.json", Spec(data: """{ "dataset": "csv", "path": "ragged.csv" }""")),
        ("csv_words.json", Spec(data: """{ "dataset": "csv", "path": "words.csv" }""")),
        ("csv_empty.json", Spec(data: """{ "dataset": "csv", "path": "empty.csv" }""")),
        ("csv_garbage.json", Spec(data: """{ "dataset": "csv", "path": "garbage.bin" }""")),
        ("npz_fake.json", Spec(data: """{ "dataset": "npz", "path": "fake.npz" }""")),
        ("dev_big.json", Spec(data: """{ "dataset": "moons", "dev": 1.5 }""")),
        ("seed_str.json", Spec(extra: """, "seed": "x" """)),
        ("init_missing.json", Spec(extra: """, "initial_parameters": "nothere.safetensors" """)),
        ("init_garbage.json", Spec(extra: """, "initial_parameters": "garbage.bin" """)),
        ("alias.yaml", "a: &a [1, 2]\nb: *a\n"),
        ("deep.yaml", "model: " + new string('[', 40000) + new string(']', 40000) + "\n"),
        ("dupe.yaml", "epochs: 1\nepochs: 2\n"),
        ("tab.yaml", "model:\n\t- dense\n"),
        ("trailing.json", Spec() + " }}} garbage"),
        ("dupe.json", """{ "epochs": 1, "epochs": 2 }"""),
        ("deep.json", """{ "model": """ + new string('[', 40000) + new string(']', 40000) + "}"),
        ("surrogate.json", """{ "name": "\ud800" }"""),
    ];

    private static string Spec(string layers = Layers, string data = Moons, string loss = "bce", string epochs = "1", string extra = "") =>
        $$"""{ "data": {{data}}, "model": { "layers": {{layers}} }, "loss": "{{loss}}", "epochs": {{epochs}}{{extra}} }""";

    private void File(string name, string text) => System.IO.File.WriteAllText(System.IO.Path.Combine(Path, name), text);

    /// <summary>Every file and folder under the working folder with its size, to see that a failed command wrote nothing.</summary>
    public string Listing() => string.Join("\n", Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => $"{System.IO.Path.GetRelativePath(Path, f)} {(System.IO.File.Exists(f) ? new FileInfo(f).Length : -1)}"));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
