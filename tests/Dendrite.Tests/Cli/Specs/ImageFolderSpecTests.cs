using Dendrite.Cli;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>The <c>image_folder</c> data source: PNG files in one sub-folder per class, read into a spec's data, and predict on one PNG.</summary>
public sealed class ImageFolderSpecTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// PNG "bars" in folder/&lt;class&gt;/: class "horizontal" a bright row, "vertical" a bright column, at a random place
    /// on a dark 8×8 grey image; <paramref name="size"/> overrides the side of the last image of each class.
    /// </summary>
    internal static string BarsPngFolder(string root, int perClass, int seed, int? size = null)
    {
        var random = new Random(seed);
        foreach (var (name, vertical) in new[] { ("vertical", true), ("horizontal", false) })
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            for (int i = 0; i < perClass; i++)
            {
                int side = i == perClass - 1 && size is int s ? s : 8, at = random.Next(1, side - 1);
                var pixels = new float[side * side];
                for (int r = 0; r < side; r++)
                    for (int c = 0; c < side; c++)
                        pixels[r * side + c] = (vertical ? c == at : r == at) ? 0.9f : 0.1f;
                Png.Write(Path.Combine(root, name, $"{i:D3}.png"), Tensor.FromArray(pixels, [1, side, side]));
            }
        }
        return root;
    }

    private static RunSpec Spec(string data, string layout = "image") => SpecReader.Parse($$"""
        { "data": { "dataset": "image_folder", {{data}}, "layout": "{{layout}}" },
          "model": { "layers": [ { "type": "conv2d", "filters": 2, "kernel_size": 3 }, "relu", "flatten", { "type": "dense", "units": 2 } ] },
          "loss": "cross_entropy", "epochs": 1 }
        """, "bars.json", baseFolder: null);

    [Fact]
    public void A_folder_of_pngs_becomes_images_with_class_labels_and_a_test_set()
    {
        string train = BarsPngFolder(Path.Combine(_dir.Path, "train"), 6, seed: 1);
        string test = BarsPngFolder(Path.Combine(_dir.Path, "test"), 2, seed: 2);
        var data = SpecData.Load(Spec($"\"path\": \"{train}\", \"test_path\": \"{test}\"").Data, DType.Float32);
        Assert.Equal([12, 1, 8, 8], data.X.Shape.ToArray());
        Assert.Equal([4, 1, 8, 8], data.TestX!.Shape.ToArray());
        Assert.Equal(["horizontal", "vertical"], data.ClassNames!);   // ordinal order of the folder names
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], data.Y.ToArray<int>());
        Assert.Equal(Png.Read(Path.Combine(train, "vertical", "002.png")).ToArray<float>(), data.X[8].ToArray<float>());
        var flat = SpecData.Load(Spec($"\"path\": \"{train}\"", layout: "flat").Data, DType.Float32);
        Assert.Equal([12, 64], flat.X.Shape.ToArray());
    }

    [Fact]
    public void Images_of_different_sizes_need_a_resize()
    {
        string train = BarsPngFolder(Path.Combine(_dir.Path, "mixed"), 3, seed: 1, size: 10);
        var e = Assert.Throws<InvalidDataException>(() => SpecData.Load(Spec($"\"path\": \"{train}\"").Data, DType.Float32));
        Assert.Contains("[1, 10, 10]", e.Message);
        var resized = SpecData.Load(Spec($"\"path\": \"{train}\", \"height\": 6, \"width\": 6").Data, DType.Float32);
        Assert.Equal([6, 1, 6, 6], resized.X.Shape.ToArray());
        Assert.Contains("give both", Assert.Throws<CliException>(() => SpecData.Load(Spec($"\"path\": \"{train}\", \"height\": 6").Data, DType.Float32)).Message);
        Assert.Contains("does not exist", Assert.Throws<CliException>(() => SpecData.Load(Spec($"\"path\": \"{train}/absent\"").Data, DType.Float32)).Message);
    }

    [Fact]
    public void Predict_reads_one_png_and_checks_its_size_against_the_model()
    {
        string train = BarsPngFolder(Path.Combine(_dir.Path, "bars"), 6, seed: 1);
        string spec = _dir.File("bars.json", $$"""
            { "data": { "dataset": "image_folder", "path": "{{train}}", "layout": "image" },
              "model": { "layers": [ { "type": "conv2d", "filters": 2, "kernel_size": 3 }, "relu", "flatten", { "type": "dense", "units": 2 } ] },
              "loss": "cross_entropy", "epochs": 2, "batch_size": 4 }
            """);
        var trained = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "train", spec, "--out", "run", "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        var predict = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "predict", "run", Path.Combine(train, "vertical", "000.png"));
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var lines = predict.Output.Trim().Split('\n');
        Assert.Equal("label,p0,p1", lines[0].Trim());
        Assert.Matches(@"^[01],[0-9.eE-]+,[0-9.eE-]+$", lines[1].Trim());
        Png.Write(_dir.File("rgb.png"), Tensor.Zeros([3, 8, 8]));
        var wrong = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "predict", "run", "rgb.png");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("rgb.png: the image has 3 channel(s) of 8×8 pixels ([3, 8, 8]) but the model's first layer", wrong.Error);
        Assert.Contains("expects 1 channel(s) of 8×8 pixels ([1, 8, 8])", wrong.Error);
    }
}
