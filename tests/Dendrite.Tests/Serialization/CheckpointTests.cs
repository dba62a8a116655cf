using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Tests.Data;

namespace Dendrite.Tests.Serialization;

public class CheckpointTests
{
    private static Sequential Mlp(int inFeatures = 4, int hidden = 5, int seed = 1) =>
        new(new Dense(inFeatures, hidden, random: new Random(seed)), new Relu(), new Dense(hidden, 3, random: new Random(seed + 100)));

    /// <summary>A module with a float buffer and an int buffer beside its parameters.</summary>
    private sealed class WithBuffers : Module
    {
        public WithBuffers()
        {
            RegisterModule("fc", new Dense(2, 2, random: new Random(3)));
            RegisterBuffer("running_mean", Tensor.FromArray([0.5f, -0.5f]));
            RegisterBuffer("count", Tensor.FromArray([7]));
        }

        public override Tensor Forward(Tensor input) => input;
    }

    private static Dictionary<string, float[]> Snapshot(Module m) =>
        m.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray<float>());

    private static void AssertUnchanged(Dictionary<string, float[]> before, Module m)
    {
        var after = Snapshot(m);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (name, values) in before) Assert.Equal(values, after[name]);
    }

    [Fact]
    public void State_dict_lists_parameters_then_buffers_sharing_memory()
    {
        var m = new WithBuffers();
        var state = m.StateDict();
        Assert.Equal(["fc.weight", "fc.bias", "running_mean", "count"], state.Keys);
        Assert.Same(m.NamedBuffers().First().Buffer.Storage, state["running_mean"].Storage);
        Assert.False(state["fc.weight"].RequiresGrad);
    }

    [Fact]
    public void Save_then_load_gives_identical_predictions()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("mlp.safetensors");
        var trained = Mlp(seed: 1);
        var x = Tensor.Uniform([6, 4], -2, 2, new Random(9));
        var expected = trained.Forward(x).ToArray<float>();
        Checkpoint.Save(trained, path, new Dictionary<string, string> { ["arch"] = "mlp" });

        var fresh = Mlp(seed: 2);
        Assert.NotEqual(expected, fresh.Forward(x).ToArray<float>());
        var weightObject = ((Dense)fresh[0]).Weight;
        var report = Checkpoint.Load(fresh, path);

        Assert.True(report.IsComplete);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], report.Loaded);
        Assert.Equal(expected, fresh.Forward(x).ToArray<float>());
        Assert.Same(weightObject, ((Dense)fresh[0]).Weight);
        Assert.True(weightObject.RequiresGrad);
        Assert.Equal("mlp", SafeTensors.Read(path).Metadata["arch"]);
    }

    [Fact]
    public void Buffers_round_trip_and_dtypes_convert_to_the_model()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("buffers.safetensors");
        var source = new WithBuffers().To(DType.Float64);
        source.StateDict()["running_mean"].Span<double>()[0] = 0.25;
        Checkpoint.Save(source, path);
        Assert.Equal(DType.Float64, SafeTensors.Read(path).Tensors["fc.weight"].DType);

        var target = new WithBuffers();
        Checkpoint.Load(target, path);
        var state = target.StateDict();
        Assert.Equal(DType.Float32, state["fc.weight"].DType);
        Assert.Equal([0.25f, -0.5f], state["running_mean"].ToArray<float>());
        Assert.Equal(DType.Int32, state["count"].DType);
        Assert.Equal([7], state["count"].ToArray<int>());
    }

    [Fact]
    public void Strict_load_names_missing_and_unexpected_tensors_and_changes_nothing()
    {
        var model = Mlp();
        var before = Snapshot(model);
        var state = Mlp(seed: 5).StateDict();
        state.Remove("2.bias");
        state.Remove("0.weight");
        state.Add("3.weight", Tensor.Zeros([1]));

        var e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));
        Assert.Contains("missing from the checkpoint (2): 0.weight, 2.bias", e.Message);
        Assert.Contains("unexpected in the checkpoint (1): 3.weight", e.Message);
        AssertUnchanged(before, model);
    }

    [Fact]
    public void Strict_load_names_the_tensor_and_both_shapes_and_changes_nothing()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("wide.safetensors");
        Checkpoint.Save(Mlp(inFeatures: 12288, hidden: 20), path);
        var model = Mlp(inFeatures: 784, hidden: 20);
        var before = Snapshot(model);

        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Load(model, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("0.weight: checkpoint has [20, 12288] but the model has [20, 784]", e.Message);
        Assert.DoesNotContain("2.weight", e.Message);
        AssertUnchanged(before, model);
    }

    [Fact]
    public void Partial_load_loads_what_matches_and_reports_the_rest()
    {
        var model = new Sequential(new Dense(4, 5, random: new Random(1)), new Relu(), new Dense(5, 2, random: new Random(2)));
        var pretrained = Mlp(seed: 7).StateDict(); // same first layer, a 3-way head
        pretrained.Add("extra.scale", Tensor.FromArray([2f]));
        pretrained.Remove("2.bias");
        var headBefore = ((Dense)model[2]).Weight.ToArray<float>();

        var report = model.LoadStateDict(pretrained, strict: false);

        Assert.False(report.IsComplete);
        Assert.Equal(["0.weight", "0.bias"], report.Loaded);
        Assert.Equal(["2.bias"], report.Missing);
        Assert.Equal(["extra.scale"], report.Unexpected);
        Assert.Equal([new ShapeMismatch("2.weight", new Shape(3, 5), new Shape(2, 5))], report.Mismatched);
        Assert.Equal(pretrained["0.weight"].ToArray<float>(), ((Dense)model[0]).Weight.ToArray<float>());
        Assert.Equal(headBefore, ((Dense)model[2]).Weight.ToArray<float>());
        Assert.Contains("2.weight: checkpoint has [3, 5] but the model has [2, 5]", report.ToString());
    }

    [Fact]
    public void Loaded_values_are_copies_not_shared_with_the_state_dict()
    {
        var model = Mlp();
        var state = Mlp(seed: 3).StateDict();
        model.LoadStateDict(state);
        state["0.bias"].Span<float>().Fill(99);
        Assert.DoesNotContain(99f, ((Dense)model[0]).Bias!.ToArray<float>());
    }

    [Fact]
    public void Failed_write_leaves_the_existing_file_intact()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("model.safetensors");
        var original = Mlp(seed: 1);
        Checkpoint.Save(original, path);
        byte[] good = File.ReadAllBytes(path);

        var other = Mlp(seed: 2).StateDict();
        Assert.Throws<IOException>(() => SafeTensors.Write(path, other, null, s => new FailingStream(s, failAfter: 100)));

        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(fx.Folder));
        var reloaded = Mlp(seed: 2);
        Checkpoint.Load(reloaded, path);
        Assert.Equal(original.StateDict()["2.weight"].ToArray<float>(), reloaded.StateDict()["2.weight"].ToArray<float>());
    }

    [Fact]
    public void Save_into_a_missing_folder_fails_without_creating_anything()
    {
        using var fx = new Fixture();
        Assert.Throws<DirectoryNotFoundException>(() => Checkpoint.Save(Mlp(), Path.Combine(fx.Folder, "nope", "m.safetensors")));
        Assert.Empty(Directory.GetFileSystemEntries(fx.Folder));
    }

    /// <summary>Passes writes through until <c>failAfter</c> bytes, then throws, like a full disk.</summary>
    private sealed class FailingStream(Stream inner, int failAfter) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > failAfter)
            {
                inner.Write(buffer[..(int)(failAfter - _written)]);
                throw new IOException("No space left on device (simulated).");
            }
            inner.Write(buffer);
            _written += buffer.Length;
        }
    }
}
