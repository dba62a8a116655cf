using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>
/// The bad-input table of issue 21: every command given missing or invalid files, wrong types in spec fields, unknown
/// keys, negative, zero or huge numbers, bad options, missing run folders, wrong file kinds, empty files and binary
/// garbage. Each must exit non-zero with one line <c>error: …</c> naming the problem, no stack trace or .NET exception
/// type name, and leave the working folder as it was.
/// </summary>
/// <remarks>NaN inputs, eval labels, checkpoint integrity and resume have their own tests and are not in this table.</remarks>
public sealed class BadInputTableTests(BadInputFolder folder) : IClassFixture<BadInputFolder>
{
    /// <summary>Command line (split on spaces) → text the error must contain.</summary>
    public static TheoryData<string, string> Cases() => new()
    {
        // spec files: missing, empty, garbage, wrong kinds
        { "train nothere.json", "spec file nothere.json not found" },
        { "train empty.json", "empty.json: line 1, column 1: invalid JSON" },
        { "train empty.yaml", "empty.yaml: expected an object of run settings" },
        { "train garbage.json", "garbage.json: line 1, column 1: invalid JSON" },
        { "train garbage.yaml", "garbage.yaml: line 3, column 244: invalid YAML" },
        { "train notjson.json", "notjson.json: line 1, column 12: invalid JSON" },
        { "train list.json", "list.json: expected an object of run settings at the top level but got [1,2,3]" },
        { "summary garbage.bin", "garbage.bin: line 1, column 1: invalid JSON" },
        { "summary nosuchmodel", "spec file nosuchmodel not found" },
        { "gradcheck garbage.json", "garbage.json: line 1, column 1: invalid JSON" },
        // spec fields: unknown keys, wrong types, out of range
        { "train unknown_top.json", "unknown_top.json: learnrate: unknown field" },
        { "train unknown_layer.json", "model.layers[1]: unknown layer \"swish2\"" },
        { "train units_str.json", "model.layers[0].units: expected a positive integer but got \"four\"" },
        { "train units_neg.json", "model.layers[0].units: expected a positive integer but got -1" },
        { "train units_zero.json", "model.layers[0].units: expected a positive integer but got 0" },
        { "train units_frac.json", "model.layers[0].units: expected a positive integer but got 1.5" },
        { "summary units_1e12.json", "model.layers[0].units: expected a positive integer but got 1e12" },
        { "train epochs_str.json", "epochs: expected a positive integer but got \"many\"" },
        { "train epochs_neg.json", "epochs: expected a positive integer but got -3" },
        { "train batch_zero.json", "batch_size: expected a positive integer or \"all\" but got 0" },
        { "train lr_neg.json", "optimizer.learning_rate: expected a positive number but got -1" },
        { "train opt_unknown.json", "optimizer.name: unknown optimizer \"adamw9\"" },
        { "train loss_unknown.json", "loss: unknown loss \"hinge2\"" },
        { "train dataset_unknown.json", "data.dataset: unknown dataset \"moonz\"" },
        { "train count_neg.json", "data.count: expected a positive integer ≤ 10,000,000 but got -3" },
        { "train dtype.json", "dtype: unknown dtype \"float16\"" },
        { "train no_model.json", "model: missing" },
        { "train layers_empty.json", "model.layers: expected at least one layer" },
        { "train layers_str.json", "model.layers: expected a list but got \"dense\"" },
        { "train dense_nounits.json", "model.layers[0].units: missing" },
        { "train conv_flat.json", "model.layers[0].type: conv2d expects images" },
        { "train dev_big.json", "data.dev: expected a number in [0, 1) but got 1.5" },
        { "train seed_str.json", "seed: expected an integer but got \"x\"" },
        { "train init_missing.json", "initial_parameters: the file" },
        { "train init_garbage.json", "initial_parameters: expected a .npz or .safetensors file" },
        // sizes checked before any allocation
        { "summary units_1e9.json", "model.layers[0].units: the model's parameters would reach 2,000,000,000 values" },
        { "train units_1e9.json", "model.layers[0].units: the model's parameters would reach 2,000,000,000 values" },
        { "summary two_100k.json", "model.layers[1].units: its weight would be 100,000 × 100,000 = 10,000,000,000 values" },
        { "summary count_1e9.json", "count_1e9.json: data.count: expected a positive integer ≤ 10,000,000 but got 1e9" },
        { "train count_1e9.json", "data.count: expected a positive integer ≤ 10,000,000" },
        // YAML and JSON hostile structure
        { "train alias.yaml", "alias.yaml: line 2: the alias *a is not supported" },
        { "train deep.yaml", "deep.yaml: line 1: nested more than 32 levels deep" },
        { "train dupe.yaml", "dupe.yaml: line 2, column 1: invalid YAML: Duplicate key epochs" },
        { "train tab.yaml", "tab.yaml: line 1, column 1: invalid YAML" },
        { "train trailing.json", "trailing.json: line 1" },
        { "train dupe.json", "dupe.json: invalid JSON: Duplicate property 'epochs'" },
        { "train deep.json", "invalid JSON: The maximum configured depth of 64" },
        { "train surrogate.json", "surrogate.json: a string holds a lone UTF-16 surrogate" },
        // data files named by a spec
        { "train csv_missing.json", "data.path: the file" },
        { "train csv_ragged.json", "ragged.csv: line 3 has 1 columns but the header names 3" },
        { "train csv_words.json", "words.csv: line 2, column 1 ('x1'): 'red' is not a number" },
        { "train csv_empty.json", "empty.csv: the file is empty" },
        { "train csv_garbage.json", "garbage.bin: line 3 has 2 columns" },
        { "train npz_fake.json", "fake.npz: not a readable .npz (zip) archive" },
        // options and commands
        { "train good.json --epochs abc", "Cannot parse argument 'abc' for option '--epochs': expected an integer" },
        { "train good.json --epochs 0", "--epochs: expected at least 1 but got 0" },
        { "train good.json --frobnicate", "Unrecognized command or argument '--frobnicate'" },
        { "frobnicate", "Unrecognized command or argument 'frobnicate'" },
        { "train", "Required argument 'spec' missing for command: 'train'" },
        { "eval run", "Required argument 'data' missing for command: 'eval'" },
        { "export run", "Option '--onnx' is required" },
        { "gradcheck good.json --examples 1", "--examples: expected at least 2 but got 1" },
        { "tune good.json --trials 0", "--trials: expected at least 1 but got 0" },
        { "tune good.json --param nonsense", "--param nonsense: expected PATH=DIST" },
        { "tune good.json --storage bogus://x", "--storage: only used with --study NAME" },
        { "tune good.json --pruner sometimes", "--pruner sometimes: expected none, median or asha" },
        { "study nosuchstudy", "--storage sqlite:///study.db: the file" },
        { "curve good.json --sizes abc", "--sizes: expected fractions in (0, 1] separated by commas but got 'abc'" },
        { "curve good.json --sizes 0", "--sizes: expected fractions in (0, 1]" },
        { "datasets --download imagenet", "unknown dataset 'imagenet'" },
        // run folders and the files given to them
        { "eval nosuchrun dev", "nosuchrun: no such run folder or checkpoint file" },
        { "eval notarun dev", "notarun: no best.safetensors or last.safetensors in this run folder" },
        { "eval run validation", "validation: no such file" },
        { "eval run nosuch.csv", "nosuch.csv: no such file" },
        { "eval run garbage.bin", "garbage.bin: line 3 has 2 columns" },
        { "eval run empty.csv", "empty.csv: the file is empty" },
        { "eval run three.csv", "three.csv: examples of shape [3] do not fit the model" },
        { "eval run fake.npz", "fake.npz: not a readable .npz (zip) archive" },
        { "predict nosuchrun three.csv", "nosuchrun: no such run folder or checkpoint file" },
        { "predict run garbage.bin", "garbage.bin: line 3: not all values are numbers" },
        { "predict run empty.csv", "empty.csv: no rows of numbers" },
        { "predict run fake.png", "fake.png: not a PNG file" },
        { "predict run fake.npy", "fake.npy: not an .npy file" },
        { "predict run three.csv", "three.csv: examples of shape [4] do not fit the model" },
        { "sample run", "run: sample needs a model trained on a text data set" },
        { "sample nosuchrun", "nosuchrun: no such run folder or checkpoint file" },
        { "diagnose nosuchrun", "nosuchrun: no such run folder" },
        { "diagnose notarun", "notarun: no best.safetensors or last.safetensors" },
        { "diagnose run --human-error 2", "--human-error: expected a fraction in [0, 1]" },
        { "errors run validation", "split: expected train, dev or test but got 'validation'" },
        { "errors run --top -1", "--top: expected a positive number of rows but got -1" },
        { "detect run fake.png", "run: this run is not a detector" },
        { "detect nosuchrun fake.png", "nosuchrun: no such run folder or checkpoint file" },
        { "export nosuchrun --onnx out.onnx", "nosuchrun: no such run folder or checkpoint file" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_gets_one_named_error_line_and_writes_nothing(string commandLine, string expected)
    {
        string before = folder.Listing();
        var r = CliRunner.Run(folder.Path, (IReadOnlyDictionary<string, string>?)null, commandLine.Split(' '));
        Assert.True(r.ExitCode != 0, $"exit 0 (a silent wrong result): {r}");
        string[] lines = r.Error.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal), $"not one error line: {r}");
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", r.Error + r.Output);
        Assert.DoesNotMatch(@"System\.\w+(\.\w+)*Exception", r.Error + r.Output);
        Assert.Equal(before, folder.Listing());
    }

    [Fact]
    public void The_table_covers_every_command()
    {
        var commands = Cases().Select(c => ((string)c[0]).Split(' ')[0]).ToHashSet();
        foreach (string command in new[] { "train", "eval", "predict", "sample", "summary", "gradcheck", "tune", "study", "diagnose", "errors", "curve", "detect", "datasets", "export" })
            Assert.Contains(command, commands);
        Assert.True(Cases().Count() >= 60);
    }
}
