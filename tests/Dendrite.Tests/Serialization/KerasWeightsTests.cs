using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Tests.Data;

namespace Dendrite.Tests.Serialization;

/// <summary>
/// Keras 2 save_weights .h5 files (Fixtures/make_keras_fixture.py, written with h5py in Keras's layout): conv → batch
/// norm → relu → flatten → dense → dense loads into the matching Dendrite Sequential and gives the numpy forward pass.
/// </summary>
public class KerasWeightsTests
{
    private static Sequential Model() => new(
        new Conv2d(2, 4, 3, random: new Random(1)), new BatchNorm2d(4, epsilon: 1e-3), new Relu(), new Flatten(),
        new Dense(64, 3, random: new Random(2)), new Dense(3, 2, random: new Random(3)));

    private static readonly Dictionary<string, Shape> Flattened = new() { ["4"] = new Shape(4, 4, 4) };

    [Fact]
    public void Loads_a_keras_h5_and_matches_the_numpy_forward_pass()
    {
        var model = Model();
        var report = KerasWeights.Load(model, Fixture.Path("keras_model.h5"), flattenedFrom: Flattened);
        Assert.True(report.IsComplete, report.ToString());
        Assert.Equal(["0.bias", "0.weight", "1.bias", "1.num_batches_tracked", "1.running_mean", "1.running_var", "1.weight", "4.bias", "4.weight", "5.bias", "5.weight"],
            report.Loaded.OrderBy(n => n, StringComparer.Ordinal));

        var reference = Npz.Read(Fixture.Path("keras_model.npz"));
        model.Eval();
        Tensor y;
        using (GradMode.NoGrad()) y = model.Forward(reference["x_nchw"]);
        var expected = reference["y"].ToArray<double>();
        var actual = y.ToArray<float>();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5, $"output {i}: numpy {expected[i]}, Dendrite {actual[i]}");
    }

    [Fact]
    public void Kernels_are_converted_to_dendrites_layouts()
    {
        var model = Model();
        KerasWeights.Load(model, Fixture.Path("keras_model.h5"), flattenedFrom: Flattened);
        string path = Fixture.Path("keras_model.h5");
        var conv = Hdf5.Read(path, "conv2d/conv2d/kernel:0");          // (kh, kw, in, out)
        var dense = Hdf5.Read(path, "dense_1/dense_1/kernel:0");       // (in, out)
        Assert.Equal(new Shape(3, 3, 2, 4), conv.Shape);
        var weight = ((Conv2d)model.GetModule("0")).Weight;             // (out, in, kh, kw)
        Assert.Equal(conv.Get(2, 1, 0, 3), weight.Get(3, 0, 2, 1));
        Assert.Equal(conv.Get(0, 2, 1, 1), weight.Get(1, 1, 0, 2));
        Assert.Equal(dense.Get(2, 1), ((Dense)model.GetModule("5")).Weight.Get(1, 2));
        // after Flatten: Keras's row (h·4 + w)·4 + c is Dendrite's column (c·4 + h)·4 + w
        var flat = Hdf5.Read(path, "dense/dense/kernel:0");
        int h = 1, w = 3, c = 2;
        Assert.Equal(flat.Get((h * 4 + w) * 4 + c, 0), ((Dense)model.GetModule("4")).Weight.Get(0, (c * 4 + h) * 4 + w));
    }

    [Fact]
    public void Without_the_flatten_order_the_output_differs_so_the_reordering_matters()
    {
        var model = Model();
        KerasWeights.Load(model, Fixture.Path("keras_model.h5"));
        var reference = Npz.Read(Fixture.Path("keras_model.npz"));
        model.Eval();
        Tensor y;
        using (GradMode.NoGrad()) y = model.Forward(reference["x_nchw"]);
        var diff = reference["y"].ToArray<double>().Zip(y.ToArray<float>(), (a, b) => Math.Abs(a - b)).Max();
        Assert.True(diff > 1e-3, $"largest difference {diff}");
    }

    [Fact]
    public void A_model_with_fewer_layers_fails_strictly_and_reports_the_keras_weights_left_over()
    {
        var small = new Sequential(new Conv2d(2, 4, 3, random: new Random(1)), new BatchNorm2d(4, epsilon: 1e-3));
        string path = Fixture.Path("keras_model.h5");
        var e = Assert.Throws<ArgumentException>(() => KerasWeights.Load(small, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("dense/kernel:0", e.Message);
        var report = KerasWeights.Load(small, path, strict: false);
        Assert.Equal(7, report.Loaded.Count);
        Assert.Equal(["dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0"], report.Unexpected.Select(n => n[(n.IndexOf('/') + 1)..]));
    }

    [Fact]
    public void A_file_that_is_not_keras_weights_is_refused_with_its_name()
    {
        string path = Fixture.Path("keras_model.npz");
        var e = Assert.Throws<InvalidDataException>(() => KerasWeights.Load(Model(), path));
        Assert.StartsWith(path, e.Message);
    }
}
