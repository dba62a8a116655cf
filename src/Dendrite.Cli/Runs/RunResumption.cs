using System.Globalization;
using System.Text.Json.Nodes;
using Dendrite.Cli.Specs;
using Dendrite.Serialization;

namespace Dendrite.Cli.Runs;

/// <summary>
/// The checks before <c>dendrite resume RUN</c> or <c>dendrite train SPEC --resume RUN</c> continues a run folder from
/// its <c>last.safetensors</c>: the folder, its spec and its checkpoint exist, a given spec trains the same run, and
/// whether the run has already finished.
/// </summary>
internal static class RunResumption
{
    /// <summary>The run's training checkpoint.</summary>
    public static string LastPath(string folder) => Path.Combine(folder, "last.safetensors");

    /// <summary>The spec stored in <paramref name="folder"/> (<c>spec.json</c>).</summary>
    /// <exception cref="CliException">The folder or its spec.json is missing.</exception>
    public static RunSpec ReadSpec(string folder)
    {
        RequireFolder(folder);
        string path = Path.Combine(folder, "spec.json");
        if (!File.Exists(path)) throw new CliException($"{folder}: no spec.json in the run folder, so it cannot be resumed (was it written by dendrite train?)");
        return SpecReader.Read(path);
    }

    /// <summary>Fails when <paramref name="given"/> trains a different run than the spec stored in <paramref name="folder"/> (its TensorBoard folder may differ).</summary>
    public static void RequireSameSpec(RunSpec given, string folder)
    {
        var stored = Comparable(ReadSpec(folder));
        var wanted = Comparable(given);
        var differing = stored.Select(p => p.Key).Union(wanted.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(stored[key], wanted[key])).ToList();
        if (differing.Count > 0)
            throw new CliException($"--resume {folder}: the spec differs from the run's spec.json in {string.Join(", ", differing)}; " +
                                   "resume with `dendrite resume RUN`, or train the changed spec into a new folder");
    }

    /// <summary>
    /// The epochs <paramref name="folder"/>'s checkpoint has completed, and whether the run is over: all
    /// <paramref name="epochs"/> done (or early stopping ended it) and its final files (metrics.json, report.html) written.
    /// </summary>
    /// <exception cref="CliException">The folder or its last.safetensors is missing or unreadable.</exception>
    public static (int Done, bool Finished) Progress(string folder, int epochs)
    {
        RequireFolder(folder);
        string last = LastPath(folder);
        if (!File.Exists(last))
            throw new CliException($"{last}: no checkpoint to resume from (the run ended before its first epoch); train it again");
        TrainingState state;
        try
        {
            state = TrainingCheckpoint.Read(last);
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"cannot resume {folder}: {e.Message}");
        }
        bool stopped = state.Extra.TryGetValue("early_stopping.stopped_epoch", out var s)
            && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int stoppedEpoch) && stoppedEpoch >= 0;
        bool trained = state.Epoch >= epochs || stopped;
        return (state.Epoch, trained && File.Exists(Path.Combine(folder, "metrics.json")) && File.Exists(Path.Combine(folder, "report.html")));
    }

    private static void RequireFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new CliException($"{folder}: no such run folder to resume");
    }

    private static JsonObject Comparable(RunSpec spec)
    {
        var node = SpecWriter.ToNode(spec);
        node.Remove("tensorboard");
        return node;
    }
}
