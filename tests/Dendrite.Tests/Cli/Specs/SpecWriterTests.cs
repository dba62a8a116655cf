using Dendrite.Cli.Specs;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>Specs written by <see cref="SpecWriter"/> read back equal.</summary>
public class SpecWriterTests
{
    [Fact]
    public void Every_built_in_spec_round_trips()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dendrite-write-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (string name in SpecReader.BuiltInNames)
            {
                var spec = SpecReader.Read(name);
                string path = Path.Combine(folder, name + ".json");
                SpecWriter.WriteJson(spec, path);
                Assert.Equal(spec, SpecReader.Read(path));
            }
            Assert.Empty(Directory.GetFiles(folder, "*.tmp-*"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_spec_with_every_field_set_round_trips()
    {
        var spec = SpecReaderTests.Parse("""
            {
              "name": "all",
              "data": { "dataset": "csv", "path": "/data/t.csv", "label": "y", "header": true, "classification": true, "dev": 0.1, "test": 0.1, "split_seed": 2, "standardize": true, "non_finite": "drop" },
              "model": { "layers": [ { "type": "normalization", "epsilon": 1e-6 }, { "type": "dense", "units": 3, "bias": false, "init": "glorot_uniform" },
                                     { "type": "leaky_relu", "slope": 0.1 }, { "type": "dropout", "p": 0.2, "seed": 9 }, { "type": "batchnorm", "momentum": 0.5 } ],
                         "init_seed": 4, "init_rng": "numpy" },
              "loss": "cross_entropy",
              "optimizer": { "name": "rmsprop", "learning_rate": 0.002, "beta": 0.8, "epsilon": 1e-7 },
              "schedule": { "type": "warmup", "steps": 3, "then": { "type": "inverse_time", "decay_rate": 0.5, "interval": 100 }, "per": "step" },
              "regularization": { "l2": 0.25 },
              "batch_size": "all", "iterations": 1000, "seed": 5, "shuffle": false, "shuffle_rng": "numpy", "dtype": "float64",
              "initial_parameters": "/w.npz", "metrics": ["accuracy", "log_loss"], "monitor": "dev_accuracy", "early_stopping": 3, "log_every": 50,
              "tensorboard": "/tb"
            }
            """);
        string text = SpecWriter.ToJson(spec);
        var back = SpecReaderTests.Parse(text);
        Assert.Equal(spec, back);
        Assert.Equal(text, SpecWriter.ToJson(back));
        Assert.Contains("\"batch_size\": \"all\"", text);
        Assert.Contains("\"non_finite\": \"drop\"", text);
    }
}
