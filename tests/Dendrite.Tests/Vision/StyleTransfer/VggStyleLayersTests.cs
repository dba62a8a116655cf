using Dendrite.Models;
using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Vision;

namespace Dendrite.Tests.Vision.StyleTransfer;

/// <summary>
/// VGG-19 for the course's style transfer: torchvision 0.14's vgg19 state-dict names and shapes
/// (Fixtures/make_vgg19_fixture.py), a converted checkpoint loading with the checkpoint loader, and the course's layers.
/// </summary>
public class VggStyleLayersTests
{
    private static readonly Lazy<Vgg> Model = new(() => Vgg.Vgg19(random: new Random(1)));   // 143,667,240 parameters; built once

    private static SafeTensorsFile Fixture() => SafeTensors.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "vgg19_torchvision.safetensors"));

    [Fact]
    public void Vgg19_has_torchvisions_state_dict_names_and_shapes_and_loads_a_converted_checkpoint()
    {
        var fixture = Fixture();
        var expected = fixture.Metadata["vgg19"].Split('\n').Select(line => line.Split(' ')).ToList();
        var state = Model.Value.StateDict();
        // exactly torchvision's keys: the dropout layers' mask counters are non-persistent, so a full torchvision
        // checkpoint loads strictly; a training checkpoint still keeps them
        Assert.Equal(expected.Select(e => e[0]), state.Keys);
        Assert.Equal(["classifier.2.draws", "classifier.5.draws"],
            Model.Value.StateDict(includeNonPersistent: true).Keys.Where(k => k.EndsWith(".draws", StringComparison.Ordinal)));
        foreach (var e in expected)
            Assert.Equal(e[1], string.Join("x", state[e[0]].Shape.ToArray()));

        // the fixture holds four of the tensors (the whole model is 575 MB), so this load is partial
        var report = Model.Value.LoadStateDict(fixture.Tensors, strict: false);
        Assert.Equal(state.Count - 4, report.Missing.Count);
        Assert.DoesNotContain(report.Missing, name => name.EndsWith(".draws", StringComparison.Ordinal));
        Assert.Equal(["classifier.6.bias", "features.0.bias", "features.0.weight", "features.34.bias"], report.Loaded.Order(StringComparer.Ordinal));
        Assert.Empty(report.Unexpected);
        Assert.Empty(report.Mismatched);
        foreach (var (name, tensor) in fixture.Tensors)
            Assert.Equal(tensor.ToArray<float>(), state[name].ToArray<float>());
    }

    [Fact]
    public void The_courses_layers_name_the_relus_after_vgg19s_convolutions()
    {
        var vgg = Model.Value;
        // conv1_1, conv2_1, conv3_1, conv4_1, conv5_1, then conv4_2 and conv5_4: each a ReLU right after its convolution
        (string Relu, int InChannels, int OutChannels)[] layers =
        [
            (VggStyleLayers.Style[0].Layer, 3, 64), (VggStyleLayers.Style[1].Layer, 64, 128), (VggStyleLayers.Style[2].Layer, 128, 256),
            (VggStyleLayers.Style[3].Layer, 256, 512), (VggStyleLayers.Style[4].Layer, 512, 512),
            (VggStyleLayers.Conv4_2, 512, 512), (VggStyleLayers.Conv5_4, 512, 512),
        ];
        foreach (var (relu, inChannels, outChannels) in layers)
        {
            Assert.IsType<Relu>(vgg.GetModule(relu));
            int index = int.Parse(relu["features.".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var conv = Assert.IsType<Conv2d>(vgg.GetModule($"features.{index - 1}"));
            Assert.Equal(new Shape(outChannels, inChannels, 3, 3), conv.Weight.Shape);
        }
        Assert.Equal(0.2 * 5, VggStyleLayers.Style.Sum(s => s.Weight), 12);
        // the pools before each stage: conv2_1 follows the first, conv5_1 the fourth
        Assert.IsType<MaxPool2d>(vgg.GetModule("features.4"));
        Assert.IsType<MaxPool2d>(vgg.GetModule("features.27"));
        var style = new NeuralStyle(vgg, VggStyleLayers.Conv5_4, VggStyleLayers.Style);
        Assert.Equal(VggStyleLayers.Conv5_4, style.ContentLayer);
    }
}
