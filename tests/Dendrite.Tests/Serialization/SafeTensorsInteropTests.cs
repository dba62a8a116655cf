using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dendrite.Serialization;
using Dendrite.Tests.Data;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Serialization;

/// <summary>
/// Dendrite against an independent implementation of the format (the safetensors package is not installed here):
/// Fixtures/make_safetensors_fixture.py wrote py_written.safetensors, and Fixtures/read_safetensors.py reads what Dendrite writes.
/// </summary>
public class SafeTensorsInteropTests
{
    [Fact]
    public void Reads_the_file_python_wrote()
    {
        var file = SafeTensors.Read(Fixture.Path("py_written.safetensors"));
        Assert.Equal(["weight", "scalar", "labels", "empty", "deep.nested.name", "ünïcode ✓"], file.Tensors.Keys);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["writer"] = "numpy", ["note"] = "héllo ✓" }, file.Metadata);

        var weight = file.Tensors["weight"];
        Assert.Equal((DType.Float32, new Shape(2, 3)), (weight.DType, weight.Shape));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i * 0.5f - 1), weight.ToArray<float>());

        var scalar = file.Tensors["scalar"];
        Assert.Equal((DType.Float64, 0), (scalar.DType, scalar.Rank));
        Assert.Equal(Math.PI, scalar.Item());

        Assert.Equal([-2, 0, 7, int.MaxValue], file.Tensors["labels"].ToArray<int>());
        Assert.Equal(new Shape(0, 3), file.Tensors["empty"].Shape);

        var deep = file.Tensors["deep.nested.name"];
        Assert.Equal(new Shape(2, 2, 2), deep.Shape);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i / 3.0), deep.ToArray<double>());
        Assert.Equal([1.5f, -2.25f], file.Tensors["ünïcode ✓"].ToArray<float>());
    }

    [NumpyFact]
    public void Python_reads_the_file_dendrite_wrote()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("dendrite.safetensors");
        var tensors = new OrderedDictionary<string, Tensor>
        {
            ["layers.0.weight"] = Tensor.FromArray([0.1f, -2.5f, 3e-8f, 1e30f, 0f, -0.75f], [3, 2]),
            ["layers.0.bias"] = Tensor.FromArray([1.0 / 3, -1e-300], [2]),
            ["steps"] = Tensor.FromArray([int.MinValue, 42], [1, 2]),
            ["scalar"] = Tensor.Scalar(-7.5, DType.Float64),
            ["none"] = Tensor.Zeros([2, 0, 3]),
            ["ünï ✓"] = Tensor.FromArray([5f]),
        };
        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["epoch"] = "3", ["note"] = "héllo ✓" });

        using var doc = JsonDocument.Parse(RunReader(path));
        var root = doc.RootElement;
        Assert.Equal(tensors.Keys, root.GetProperty("__order__").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("héllo ✓", root.GetProperty("__metadata__").GetProperty("note").GetString());
        foreach (var (name, t) in tensors)
        {
            var entry = root.GetProperty(name);
            Assert.Equal(t.Shape.ToArray(), entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            var values = entry.GetProperty("values").EnumerateArray();
            switch (t.DType)
            {
                case DType.Float32:
                    Assert.Equal("F32", entry.GetProperty("dtype").GetString());
                    Assert.Equal(t.ToArray<float>(), values.Select(v => (float)v.GetDouble()));
                    break;
                case DType.Float64:
                    Assert.Equal("F64", entry.GetProperty("dtype").GetString());
                    Assert.Equal(t.ToArray<double>(), values.Select(v => v.GetDouble()));
                    break;
                default:
                    Assert.Equal("I32", entry.GetProperty("dtype").GetString());
                    Assert.Equal(t.ToArray<int>(), values.Select(v => v.GetInt32()));
                    break;
            }
        }
    }

    private static string RunReader(string path)
    {
        var start = new ProcessStartInfo(NumpyFactAttribute.Python, [Fixture.Path("read_safetensors.py"), path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"read_safetensors.py failed: {stderr.Result}");
        return stdout;
    }
}
