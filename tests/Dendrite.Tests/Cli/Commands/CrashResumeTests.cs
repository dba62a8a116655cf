using System.Diagnostics;
using System.Text.RegularExpressions;
using Dendrite.Serialization;
using Dendrite.Tests.Support;
using Xunit.Abstractions;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>
/// The CLI trains in a child process that is killed (SIGKILL) at seeded random points, some of them while a checkpoint or
/// history file is being written, and resumed each time; the finished folder must equal an uninterrupted run's byte for
/// byte, except the wall-clock values (each epoch's <c>seconds</c>, the model's <c>latency_ms</c>) that differ between any two runs.
/// </summary>
public sealed partial class CrashResumeTests(ITestOutputHelper output) : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    // Many short epochs on a tiny problem, so that file writes are a large share of the run; batch norm, dropout,
    // shuffling, a schedule and early stopping (with best weights) all carry state across the kills.
    private string Spec(int epochs = 96) => _dir.File("crash.json", $$"""
        { "name": "crash", "data": { "dataset": "moons", "count": 120, "noise": 0.3, "seed": 3, "dev": 0.25 },
          "model": { "layers": [ { "type": "dense", "units": 8, "init": "he" }, "batchnorm", "relu", { "type": "dropout", "p": 0.2 },
                                 { "type": "dense", "units": 1 }, "sigmoid" ] },
          "loss": "bce", "optimizer": { "name": "adam", "learning_rate": 0.02 }, "schedule": { "type": "exponential", "base": 0.99 },
          "batch_size": 30, "epochs": {{epochs}}, "seed": 1, "monitor": "dev_accuracy", "early_stopping": { "patience": 1000 } }
        """);

    [Fact]
    public void A_run_killed_repeatedly_and_resumed_ends_with_the_files_of_an_uninterrupted_run()
    {
        string spec = Spec();
        Assert.Equal(0, Cli("train", spec, "--out", "straight", "--quiet").ExitCode);
        string folder = Path.Combine(_dir.Path, "crashed");
        var random = new Random(21);
        int kills = 0, inWrites = 0;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            string[] args = attempt == 0 ? ["train", spec, "--out", "crashed", "--quiet"]
                : attempt % 2 == 1 ? ["resume", "crashed", "--quiet"] : ["train", spec, "--resume", "crashed", "--quiet"];
            using var child = Start(args);
            int target = Epochs(folder) + 1 + random.Next(20);
            bool duringWrite = random.Next(2) == 0;
            if (!WaitFor(child, () => File.Exists(Path.Combine(folder, "last.safetensors")) && Epochs(folder) >= target
                                     && (!duringWrite || Directory.EnumerateFiles(folder, ".*.tmp").Any())))
                break; // the run finished before the kill point
            child.Kill();
            child.WaitForExit();
            kills++;
            var leftovers = Directory.GetFiles(folder, ".*.tmp");
            if (leftovers.Length > 0) inWrites++;
            output.WriteLine($"kill {kills}: after epoch {Epochs(folder)}, {(duringWrite ? "aiming at a write" : "anywhere")}, temp files left: {leftovers.Length}");
        }
        Assert.True(kills >= 3, $"only {kills} kills landed before the run finished");
        var last = Cli("resume", "crashed");
        Assert.True(last.ExitCode == 0, last.ToString());
        output.WriteLine($"{kills} kills, {inWrites} of them inside a file write");

        string straight = Path.Combine(_dir.Path, "straight");
        Assert.Equal(Names(straight), Names(folder)); // no temp files left behind either
        foreach (var name in Names(straight))
        {
            string a = Path.Combine(straight, name), b = Path.Combine(folder, name);
            if (name == "last.safetensors") AssertSameCheckpoint(a, b);
            else if (name.EndsWith(".safetensors", StringComparison.Ordinal)) Assert.True(File.ReadAllBytes(a).SequenceEqual(File.ReadAllBytes(b)), name);
            else Assert.Equal(Masked(name, File.ReadAllText(a)), Masked(name, File.ReadAllText(b)));
        }
        var again = Cli("resume", "crashed");
        Assert.True(again.ExitCode == 0 && again.Output.Contains("already finished"), again.ToString());
    }

    private CliRunner.Result Cli(params string[] args) => CliRunner.Run(_dir.Path, environment: null, args);

    private Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        foreach (var a in (string[])[CliRunner.Dll, .. args]) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (true) or the child exits (false).</summary>
    private static bool WaitFor(Process child, Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!child.HasExited)
        {
            try
            {
                if (condition()) return true;
            }
            catch (IOException) { } // a file renamed while being looked at
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the child made no progress in 2 minutes");
        }
        return false;
    }

    /// <summary>Epochs in history.csv (which may run ahead of last.safetensors).</summary>
    private static int Epochs(string folder)
    {
        string csv = Path.Combine(folder, "history.csv");
        try
        {
            return File.Exists(csv) ? File.ReadAllLines(csv).Length - 1 : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static List<string> Names(string folder) => [.. Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static void AssertSameCheckpoint(string a, string b)
    {
        var (x, y) = (SafeTensors.Read(a), SafeTensors.Read(b));
        Assert.Equal(x.Tensors.Keys, y.Tensors.Keys);
        foreach (var (name, t) in x.Tensors)
            Assert.True(t.ToArray<double>().SequenceEqual(y.Tensors[name].ToArray<double>()), $"last.safetensors: {name} differs");
        Assert.Equal(x.Metadata.ToDictionary(m => m.Key, m => Seconds().Replace(m.Value, "seconds=*")),
                     y.Metadata.ToDictionary(m => m.Key, m => Seconds().Replace(m.Value, "seconds=*")));
    }

    /// <summary>The text with the wall-clock values masked: history.csv's last column (seconds), JSON's "seconds" and "latency_ms", the report's latency_ms cell.</summary>
    private static string Masked(string name, string text) => name == "history.csv"
        ? string.Join('\n', text.Split('\n').Select(l => l.Contains(',') ? l[..l.LastIndexOf(',')] : l))
        : LatencyCell().Replace(WallClockJson().Replace(text, "\"$1\": *"), "latency_ms</th><td>*</td>");

    [GeneratedRegex("seconds=[^;\n]*")]
    private static partial Regex Seconds();

    [GeneratedRegex("latency_ms</th><td>[^<]*</td>")]
    private static partial Regex LatencyCell();

    [GeneratedRegex("\"(seconds|latency_ms)\": [-+0-9.eE]+")]
    private static partial Regex WallClockJson();
}
