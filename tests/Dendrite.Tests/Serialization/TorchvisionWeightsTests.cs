using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.Models;
using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Tests.Data;

namespace Dendrite.Tests.Serialization;

/// <summary>
/// PyTorch-written safetensors in every dtype (Fixtures/make_torchvision_fixture.py, torch 1.13 / torchvision 0.14):
/// a torchvision mobilenet_v2 with F16, BF16, F32 and I64 tensors loads strictly into Dendrite's zoo model and gives
/// PyTorch's output; each integer and half dtype reads to its exact value; conversions that would change a value fail.
/// </summary>
public class TorchvisionWeightsTests
{
    [Fact]
    public void A_torchvision_mobilenet_v2_in_mixed_dtypes_loads_strictly_and_matches_pytorchs_output()
    {
        var model = new MobileNetV2(numClasses: 10, widthMultiplier: 0.25, random: new Random(3));
        var report = Checkpoint.Load(model, Fixture.Path("mobilenet_v2_w025.safetensors"));
        Assert.True(report.IsComplete, report.ToString());
        Assert.Equal(model.StateDict().Count, report.Loaded.Count);
        // num_batches_tracked was I64 in the file; the script set it to 1000 + channels
        var bn = model.StateDict();
        Assert.Equal(1000 + bn["features.0.1.weight"].Shape[0], bn["features.0.1.num_batches_tracked"].Item());

        var reference = Npz.Read(Fixture.Path("mobilenet_v2_w025.npz"));
        model.Eval();
        Tensor y;
        using (GradMode.NoGrad()) y = model.Forward(reference["x"]);
        var expected = reference["y"].ToArray<float>();
        var actual = y.ToArray<float>();
        Assert.Equal(new Shape(2, 10), y.Shape);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"output {i}: PyTorch {expected[i]}, Dendrite {actual[i]}");
        Assert.True(expected.Select(Math.Abs).Max() > 0.01, "the reference output is not trivially zero");
    }

    [Fact]
    public void Integer_and_half_dtypes_read_to_their_exact_values()
    {
        var t = SafeTensors.Read(Fixture.Path("dtypes.safetensors")).Tensors;
        Assert.Equal([int.MinValue, -1, 0, int.MaxValue], Ints(t["i64"]));
        Assert.Equal(new Shape(2, 2), t["i16"].Shape);
        Assert.Equal([-32768, 7, 300, 32767], Ints(t["i16"]));
        Assert.Equal([-128, -1, 127], Ints(t["i8"]));
        Assert.Equal([0, 200, 255], Ints(t["u8"]));
        Assert.Equal([1, 0, 1], Ints(t["bool"]));
        // F16: 1, −(1 − 2^-1 − …) rounded, the largest half 65504, the smallest normal 2^-14 and the smallest subnormal 2^-24
        Assert.Equal(DType.Float32, t["f16"].DType);
        Assert.Equal([1f, -0.333251953125f, 65504f, MathF.Pow(2, -14), MathF.Pow(2, -24)], t["f16"].ToArray<float>());
        // BF16: a float32's top 16 bits: the largest bfloat16 (2^127·(2 − 2^-7)) and a subnormal (2^-133)
        Assert.Equal([1f, -0.333984375f, (float)(Math.Pow(2, 127) * (2 - Math.Pow(2, -7))), (float)Math.Pow(2, -133)], t["bf16"].ToArray<float>());
    }

    [Fact]
    public void An_int64_beyond_int32_fails_naming_the_file_tensor_and_value()
    {
        string path = Fixture.Path("i64_overflow.safetensors");
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("'bn.num_batches_tracked'", e.Message);
        Assert.Contains("element 1 is 2147483648", e.Message);
    }

    [Fact]
    public void An_integer_that_float32_cannot_hold_fails_the_load_and_leaves_the_model_untouched()
    {
        // 2^24 + 1 is the first integer a float32 (24-bit significand) cannot represent
        string path = Fixture.Path("big_integer.safetensors");
        var norm = new BatchNorm1d(2);
        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Load(norm, path, strict: false));
        Assert.Contains(path, e.Message);
        Assert.Contains("tensor 'weight'", e.Message);
        Assert.Contains("element 1 is 16777217", e.Message);
        Assert.Equal([1f, 1f], norm.StateDict()["weight"].ToArray<float>());

        // up to 2^24 every integer converts exactly
        var fits = new Dictionary<string, Tensor> { ["weight"] = Tensor.FromArray([-(1 << 24), 1 << 24]) };
        norm.LoadStateDict(fits, strict: false);
        Assert.Equal([-16777216f, 16777216f], norm.StateDict()["weight"].ToArray<float>());
    }

    [Fact]
    public void A_fraction_into_an_int32_buffer_fails_naming_the_tensor()
    {
        var norm = new BatchNorm1d(2);
        var state = new Dictionary<string, Tensor> { ["num_batches_tracked"] = Tensor.Scalar(2.5f) };
        var e = Assert.Throws<ArgumentException>(() => norm.LoadStateDict(state, strict: false));
        Assert.Contains("'num_batches_tracked'", e.Message);
        Assert.Contains("2.5", e.Message);
    }

    private static int[] Ints(Tensor t)
    {
        Assert.Equal(DType.Int32, t.DType);
        return t.ToArray<int>();
    }
}
