using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>Bad input gets one clear line that names the problem, a non-zero exit code, and no stack trace.</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Fails(params string[] args)
    {
        var r = CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.StartsWith("error: ", r.Error);
        Assert.DoesNotContain("   at ", r.Error + r.Output);
        return r;
    }

    private string Spec(string data, string name = "bad.json") => _dir.File(name, $$"""
        { "data": {{data}}, "model": { "layers": [ { "type": "dense", "units": 3 }, "relu", { "type": "dense", "units": 1 }, "sigmoid" ] },
          "loss": "bce", "epochs": 1 }
        """);

    [Fact]
    public void A_bad_spec_names_the_field_the_value_and_what_was_expected()
    {
        var path = _dir.File("spec.json", """
            { "data": { "dataset": "moons" }, "model": { "layers": [ { "type": "dense", "units": 1 }, "sigmoid" ] },
              "optimizer": { "name": "adam", "learning_rate": "fast" } }
            """);
        var r = Fails("train", path);
        Assert.Contains("optimizer.learning_rate", r.Error);
        Assert.Contains("fast", r.Error);
        Assert.Contains("number", r.Error);
    }

    [Fact]
    public void A_missing_spec_file_names_the_path() => Assert.Contains("nowhere.json", Fails("train", "nowhere.json").Error);

    [Fact]
    public void A_missing_data_file_names_the_path() =>
        Assert.Contains("missing.csv", Fails("train", Spec("""{ "dataset": "csv", "path": "missing.csv" }""")).Error);

    [Fact]
    public void A_ragged_csv_row_names_the_file_and_line()
    {
        _dir.File("ragged.csv", "a,b,label\n1,2,0\n3,4\n5,6,1\n");
        var r = Fails("train", Spec("""{ "dataset": "csv", "path": "ragged.csv" }"""));
        Assert.Contains("ragged.csv", r.Error);
        Assert.Contains("line 3", r.Error);
    }

    [Fact]
    public void A_truncated_idx_file_names_the_file()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "mnist")).FullName;
        var header = new byte[] { 0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3 };
        File.WriteAllBytes(Path.Combine(folder, "train-images-idx3-ubyte"), header);
        File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 10, 1, 2]);
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte"), header);
        File.WriteAllBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 10, 1, 2]);
        var r = Fails("train", Spec("""{ "dataset": "mnist", "folder": "mnist" }"""));
        Assert.Contains("idx", r.Error);
    }

    private void TrainSmallRun()
    {
        var spec = _dir.File("ok.json", """
            { "data": { "dataset": "moons", "count": 60, "dev": 0.25 },
              "model": { "layers": [ { "type": "dense", "units": 4 }, "relu", { "type": "dense", "units": 1 }, "sigmoid" ] },
              "loss": "bce", "epochs": 2 }
            """);
        Assert.Equal(0, CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, "train", spec, "--out", "run", "--quiet").ExitCode);
    }

    [Fact]
    public void Predicting_with_the_wrong_number_of_features_names_both_shapes()
    {
        TrainSmallRun();
        _dir.File("three.csv", "1,2,3\n4,5,6\n");
        var r = Fails("predict", "run", "three.csv");
        Assert.Contains("Dense(2 => 4)", r.Error);
        Assert.Contains("[3]", r.Error);
        Assert.Contains("[2]", r.Error);
    }

    [Fact]
    public void A_bad_npy_header_names_the_file()
    {
        TrainSmallRun();
        File.WriteAllBytes(_dir.File("bad.npy"), [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 10, 0, (byte)'{', (byte)'x', (byte)'}', 32, 32, 32, 32, 32, 32, 10]);
        Assert.Contains("bad.npy", Fails("predict", "run", "bad.npy").Error);
    }

    [Fact]
    public void A_safetensors_file_with_wrong_offsets_is_rejected_naming_the_file()
    {
        TrainSmallRun();
        string best = Path.Combine(_dir.Path, "run", "best.safetensors");
        var bytes = File.ReadAllBytes(best);
        File.WriteAllBytes(best, bytes[..^7]); // the header's offsets now point past the end of the data
        var r = Fails("eval", "run", "dev");
        Assert.Contains("best.safetensors", r.Error);
    }

    [Fact]
    public void An_unknown_built_in_spec_lists_the_built_in_names() =>
        Assert.Contains("planar", Fails("summary", "no-such-spec").Error);
}
