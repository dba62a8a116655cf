using Dendrite.Cli;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Tests.Cli.Commands;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>Specs that reach the convolutional part of the library: image layout, conv/pool/flatten layers, zoo models, augmentation.</summary>
public sealed class ImageSpecTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// A CIFAR-style folder of 10×10 grayscale "bars" saved channels-last with byte pixels as Keras saves them: class 0
    /// a vertical bar, 1 a horizontal bar, 2 a diagonal, each at a random place with noise.
    /// </summary>
    internal static string BarsFolder(CliFolder dir, int train = 240, int test = 60)
    {
        string folder = Path.Combine(dir.Path, "bars");
        Directory.CreateDirectory(folder);
        var random = new Random(7);
        foreach (var (part, m) in new[] { ("train", train), ("test", test) })
        {
            var pixels = new int[m * 10 * 10];
            var labels = new int[m];
            for (int i = 0; i < m; i++)
            {
                int label = labels[i] = i % 3, at = random.Next(1, 9);
                for (int r = 0; r < 10; r++)
                    for (int c = 0; c < 10; c++)
                    {
                        bool on = label switch { 0 => c == at, 1 => r == at, _ => r == c };
                        pixels[(i * 10 + r) * 10 + c] = Math.Clamp((on ? 220 : 20) + random.Next(-20, 21), 0, 255);
                    }
            }
            Npy.Write(Path.Combine(folder, $"x_{part}.npy"), Tensor.FromArray(pixels, [m, 10, 10, 1]));
            Npy.Write(Path.Combine(folder, $"y_{part}.npy"), Tensor.FromArray(labels, [m, 1]));
        }
        return folder;
    }

    private RunSpec Spec(string model, string data = "", string layout = "image") => SpecReader.Parse($$"""
        { "data": { "dataset": "npy_folder", "folder": "{{BarsFolder(_dir)}}", "layout": "{{layout}}" {{data}} },
          "model": {{model}}, "loss": "cross_entropy", "epochs": 1 }
        """, "bars.json", baseFolder: null);

    private const string SmallCnn = """
        { "layers": [ { "type": "conv2d", "filters": 4, "kernel_size": 3, "padding": "same", "bias": false }, "batchnorm2d", "relu",
                      { "type": "maxpool2d", "kernel_size": 2 }, "flatten", { "type": "dense", "units": 3 } ] }
        """;

    [Fact]
    public void Channels_last_bytes_become_channels_first_pixels_over_255()
    {
        var data = SpecData.Load(Spec(SmallCnn).Data, DType.Float32);
        Assert.Equal([240, 1, 10, 10], data.X.Shape.ToArray());
        Assert.Equal([60, 1, 10, 10], data.TestX!.Shape.ToArray());
        var raw = Npy.Read(Path.Combine(_dir.Path, "bars", "x_train.npy")).ToArray<int>();
        var x = data.X.ToArray<float>();
        Assert.Equal(raw[(5 * 10 + 3) * 10 + 7] / 255f, x[(5 * 10 + 3) * 10 + 7], 6);   // one channel: NHWC and NCHW agree
        Assert.Equal(Enumerable.Range(0, 240).Select(i => i % 3), data.Y.ToArray<int>());
    }

    [Fact]
    public void Each_layer_is_built_for_the_shape_that_reaches_it()
    {
        var setup = RunFactory.Build(Spec(SmallCnn));
        var layers = ((Sequential)setup.Model).Layers;
        var conv = Assert.IsType<Conv2d>(layers[0]);
        Assert.Equal((1, 4, 3), (conv.InChannels, conv.OutChannels, conv.KernelSize));
        Assert.IsType<BatchNorm2d>(layers[1]);
        var dense = Assert.IsType<Dense>(layers[5]);
        Assert.Equal([3, 4 * 5 * 5], dense.Weight.Shape.ToArray());
        Assert.Equal(4 * 9 + 2 * 4 + 3 * 100 + 3, setup.Model.ParameterCount);
        Assert.Equal([1, 10, 10], setup.InputShape.ToArray());
    }

    [Theory]
    [InlineData("""{ "layers": [ { "type": "conv2d", "filters": 4, "kernel_size": 3 }, { "type": "dense", "units": 3 } ] }""", "",
                "model: one example's output has shape [4, 8, 3]; expected a vector of scores (end with flatten and dense)")]
    [InlineData("""{ "layers": [ { "type": "conv2d", "filters": 4, "kernel_size": 3 }, "flatten", { "type": "dense", "units": 3 } ] }""", "flat",
                "model.layers[0].type: conv2d expects images [N, C, H, W] but one example has shape [100]; set data.layout to image")]
    [InlineData("""{ "layers": [ { "type": "conv2d", "filters": 4, "kernel_size": 11 }, "flatten", { "type": "dense", "units": 3 } ] }""", "",
                "model.layers[0] (conv2d): does not fit one example of shape [1, 10, 10]")]
    [InlineData("""{ "layers": [ { "type": "conv2d", "filters": 3, "kernel_size": 3 } ] }""", "",
                "model: one example's output has shape [3, 8, 8]; expected a vector of scores (end with flatten and dense)")]
    [InlineData("""{ "zoo": "resnet8", "classes": 3, "in_channels": 3 }""", "",
                "model.in_channels: resnet8 is given 3 channels but the images have 1 ([1, 10, 10])")]
    [InlineData("""{ "zoo": "mobilenet_v2", "classes": 3 }""", "",
                "model.zoo: mobilenet_v2 takes RGB images [N, 3, H, W] but one example has shape [1, 10, 10]")]
    [InlineData("""{ "zoo": "lenet5", "classes": 3 }""", "",
                "model.zoo: lenet5 takes 28×28 or 32×32 images but one example has shape [1, 10, 10]")]
    public void Layers_that_do_not_fit_the_shape_name_the_layer_the_shape_and_the_fix(string model, string layout, string expected)
    {
        var e = Assert.Throws<CliException>(() => RunFactory.Build(Spec(model, layout: layout.Length == 0 ? "image" : layout)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Augmentation_needs_images()
    {
        var e = Assert.Throws<CliException>(() => SpecReader.Parse("""
            { "data": { "dataset": "mnist", "augment": ["horizontal_flip"] }, "model": { "layers": [ { "type": "dense", "units": 10 } ] } }
            """, "spec.json", null));
        Assert.Equal("spec.json: data.augment: augmentations transform images; expected data.layout image", e.Message);
    }

    [Fact]
    public void Augmentations_transform_the_training_batches_only()
    {
        var setup = RunFactory.Build(Spec(SmallCnn, """, "augment": ["horizontal_flip", { "type": "random_crop", "padding": 2 }, { "type": "gaussian_noise", "std": 0.1 }] """));
        var train = Assert.IsType<TransformedDataset>(setup.Train);
        var (x, _) = train.Get([0, 1, 2]);
        var (plain, _) = setup.Test!.Get([0, 1, 2]);
        Assert.Equal(plain.Shape, x.Shape);
        var original = SpecData.Load(Spec(SmallCnn).Data, DType.Float32).X.SelectRows([0, 1, 2]);
        Assert.NotEqual(original.ToArray<float>(), x.ToArray<float>());       // noise at least changes every pixel
        Assert.IsType<TensorDataset>(setup.Test);
    }

    [Fact]
    public void Zoo_models_take_their_channels_from_the_data()
    {
        var lenet = RunFactory.Build(SpecReader.Parse($$"""
            { "data": { "dataset": "npy_folder", "folder": "{{ZooFolder()}}", "layout": "image" }, "model": { "zoo": "lenet5" } }
            """, "lenet.json", null));
        Assert.IsType<Dendrite.Models.LeNet5>(lenet.Model);
        Assert.Equal(61_706, lenet.Model.ParameterCount);

        var resnet = RunFactory.Build(Spec("""{ "zoo": "resnet8", "classes": 3, "init_seed": 1 }"""));
        var model = Assert.IsType<Dendrite.Models.ResNetCifar>(resnet.Model);
        Assert.Equal((1, 3, 1), (model.InChannels, model.NumClasses, model.N));
    }

    private string ZooFolder()
    {
        string folder = Path.Combine(_dir.Path, "digits28");
        Directory.CreateDirectory(folder);
        Npy.Write(Path.Combine(folder, "x_train.npy"), Tensor.Zeros([4, 1, 28, 28]));
        Npy.Write(Path.Combine(folder, "y_train.npy"), Tensor.FromArray(new[] { 0, 1, 2, 9 }, [4]));
        return folder;
    }

    [Fact]
    public void Image_specs_round_trip_through_the_writer()
    {
        var spec = Spec(SmallCnn, """, "augment": ["horizontal_flip", { "type": "random_crop", "padding": 2 }] """);
        Assert.Equal(spec, SpecReader.Parse(SpecWriter.ToJson(spec), "back.json", null));
        var zoo = Spec("""{ "zoo": "vgg11", "classes": 3, "batch_norm": true }""");
        string text = SpecWriter.ToJson(zoo);
        Assert.Contains("\"zoo\": \"vgg11\"", text);
        Assert.Equal(zoo, SpecReader.Parse(text, "back.json", null));
    }
}
