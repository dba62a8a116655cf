using Dendrite.Cli.Specs;
using Dendrite.Serialization;

namespace Dendrite.Cli.Runs;

/// <summary>A trained model found from a run folder or checkpoint path: its spec's setup with the saved weights loaded.</summary>
internal static class TrainedModel
{
    /// <summary>
    /// Opens MODEL: a run folder (spec.json + best.safetensors or last.safetensors), or a .safetensors file in such a folder.
    /// </summary>
    public static RunSetup Open(string model)
    {
        string folder, checkpoint;
        if (Directory.Exists(model))
        {
            folder = model;
            checkpoint = Path.Combine(folder, "best.safetensors");
            if (!File.Exists(checkpoint)) checkpoint = Path.Combine(folder, "last.safetensors");
            if (!File.Exists(checkpoint)) throw new CliException($"{model}: no best.safetensors or last.safetensors in this run folder.");
        }
        else if (File.Exists(model))
        {
            checkpoint = model;
            folder = Path.GetDirectoryName(Path.GetFullPath(model)) ?? ".";
        }
        else throw new CliException($"{model}: no such run folder or checkpoint file.");
        string specPath = Path.Combine(folder, "spec.json");
        if (!File.Exists(specPath)) throw new CliException($"{specPath}: missing; MODEL must be a run folder written by `dendrite train` (or a checkpoint inside one).");
        var setup = RunFactory.Build(SpecReader.Read(specPath) with { InitialParameters = null });
        var file = SafeTensors.Read(checkpoint);
        if (file.Tensors.Keys.Any(k => k.StartsWith(TrainingCheckpoint.ModelPrefix, StringComparison.Ordinal)))
            TrainingCheckpoint.Load(checkpoint, setup.Model);
        else
            Checkpoint.Load(setup.Model, checkpoint);
        setup.Model.Eval();
        return setup;
    }
}
