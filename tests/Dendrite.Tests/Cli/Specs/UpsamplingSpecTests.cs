using Dendrite.Cli;
using Dendrite.Cli.Specs;
using Dendrite.NN;
using Dendrite.Tests.Cli.Commands;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>The layer kinds conv_transpose2d and upsample: built for the shape that reaches them, errors naming the field.</summary>
public sealed class UpsamplingSpecTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private RunSpec Spec(string layers) => SpecReader.Parse($$"""
        { "data": { "dataset": "npy_folder", "folder": "{{ImageSpecTests.BarsFolder(_dir)}}", "layout": "image" },
          "model": { "layers": {{layers}} }, "loss": "cross_entropy", "epochs": 1 }
        """, "bars.json", baseFolder: null);

    [Fact]
    public void A_transposed_convolution_and_an_upsample_double_the_size_twice()
    {
        // 10×10 → conv 4 → pool 5×5 → transposed conv (k 3, s 2, p 1, output padding 1) 10×10 → bilinear ×2 20×20 → dense 3
        var setup = RunFactory.Build(Spec("""
            [ { "type": "conv2d", "filters": 4, "kernel_size": 3, "padding": "same" }, "relu", { "type": "maxpool2d", "kernel_size": 2 },
              { "type": "conv_transpose2d", "filters": 2, "kernel_size": 3, "stride": 2, "padding": 1, "output_padding": 1 },
              { "type": "upsample", "mode": "bilinear" }, "flatten", { "type": "dense", "units": 3 } ]
            """));
        var layers = ((Sequential)setup.Model).Layers;
        var up = Assert.IsType<ConvTranspose2d>(layers[3]);
        Assert.Equal((4, 2, 3, 2, 1, 1), (up.InChannels, up.OutChannels, up.KernelSize, up.Stride, up.Padding, up.OutputPadding));
        var upsample = Assert.IsType<Upsample>(layers[4]);
        Assert.Equal((2.0, InterpolationMode.Bilinear), (upsample.ScaleFactor, upsample.Mode));
        Assert.Equal([3, 2 * 20 * 20], Assert.IsType<Dense>(layers[6]).Weight.Shape.ToArray());
    }

    [Fact]
    public void Align_corners_with_nearest_and_a_too_large_output_padding_are_spec_errors()
    {
        var e = Assert.Throws<CliException>(() => RunFactory.Build(Spec("""[ { "type": "upsample", "align_corners": true }, "flatten", { "type": "dense", "units": 3 } ]""")));
        Assert.Contains("align_corners", e.Message);
        e = Assert.Throws<CliException>(() => RunFactory.Build(Spec("""[ { "type": "conv_transpose2d", "filters": 2, "kernel_size": 3, "output_padding": 1 }, "flatten", { "type": "dense", "units": 3 } ]""")));
        Assert.Contains("outputPadding", e.Message);
    }
}
