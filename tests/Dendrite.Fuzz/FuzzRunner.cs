using System.Diagnostics;

namespace Dendrite.Fuzz;

/// <summary>
/// Reads inputs through one <see cref="FuzzTarget"/> and checks the contract for each: the read succeeds or throws
/// one of the reader's documented error types with a message naming the file; it allocates at most
/// <c>AllocationPerByte · input bytes + </c><see cref="AllocationConstant"/> (measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>); and it ends within the per-input time limit.
/// </summary>
/// <remarks>
/// The reads run on a worker thread watched by the caller's thread, so a hang is reported (with its input) instead
/// of hanging the run; the hung worker is a background thread and is abandoned.
/// </remarks>
public sealed class FuzzRunner(FuzzTarget target, string scratchFolder)
{
    /// <summary>The allocation bound's constant: buffers a reader may take whatever the input (1 MiB read chunks, zip tables).</summary>
    public const long AllocationConstant = 8L << 20;

    private long _startedAt;
    private (int Index, string Mutation, byte[] Input) _current;
    private volatile bool _stop;

    /// <summary>Mutates the target's seeds with <paramref name="seed"/> and reads up to <paramref name="inputs"/> inputs, stopping after <paramref name="duration"/>.</summary>
    public FuzzReport Run(int seed, int inputs, TimeSpan duration, TimeSpan perInputLimit) =>
        RunAll(Generate(seed, inputs), duration, perInputLimit);

    /// <summary>Reads the given inputs (regression files) under the same checks.</summary>
    public FuzzReport Replay(IEnumerable<(string Name, byte[] Input)> inputs, TimeSpan perInputLimit) =>
        RunAll(inputs.Select((x, i) => (i, x.Name, x.Input)), TimeSpan.MaxValue, perInputLimit);

    /// <summary>The inputs a run with <paramref name="seed"/> reads, in order: a seed mutated, or a container's payload mutated and packed.</summary>
    public IEnumerable<(int Index, string Mutation, byte[] Input)> Generate(int seed, int inputs)
    {
        var random = new Random(seed);
        var mutator = new Mutator(random);
        for (int i = 0; i < inputs; i++)
        {
            bool inner = target.Inner is { Count: > 0 } && target.Pack is not null && random.Next(2) == 0;
            var pool = inner ? target.Inner! : target.Seeds;
            var bytes = mutator.Mutate(pool[random.Next(pool.Count)], pool[random.Next(pool.Count)], out string what);
            yield return inner ? (i, "packed " + what, target.Pack!(bytes, random)) : (i, what, bytes);
        }
    }

    private FuzzReport RunAll(IEnumerable<(int Index, string Mutation, byte[] Input)> inputs, TimeSpan duration, TimeSpan perInputLimit)
    {
        var outcomes = new Dictionary<string, int>();
        var failures = new List<FuzzFailure>();
        int count = 0;
        long maxAllocated = 0;
        var clock = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            foreach (var input in inputs)
            {
                if (_stop || clock.Elapsed > duration) break;
                _current = input;
                Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
                var (outcome, problem, allocated) = Check(input.Index, input.Input);
                Volatile.Write(ref _startedAt, 0);
                if (_stop) break;
                lock (outcomes)
                {
                    count++;
                    maxAllocated = Math.Max(maxAllocated, allocated);
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                    if (problem is not null) failures.Add(new FuzzFailure(target.Name, input.Index, input.Mutation, input.Input, problem));
                }
            }
        }, maxStackSize: 8 << 20) { IsBackground = true, Name = $"fuzz {target.Name}" };
        worker.Start();
        while (!worker.Join(50))
        {
            long started = Volatile.Read(ref _startedAt);
            if (started == 0 || Stopwatch.GetElapsedTime(started) <= perInputLimit) continue;
            _stop = true;
            var (index, mutation, input) = _current;
            lock (outcomes)
            {
                failures.Add(new FuzzFailure(target.Name, index, mutation, input, $"no result after {perInputLimit.TotalSeconds:F0} s (hang)"));
                outcomes["hang"] = 1;
            }
            break;
        }
        lock (outcomes) return new FuzzReport(target.Name, count, new Dictionary<string, int>(outcomes), [.. failures], maxAllocated);
    }

    /// <summary>Reads one input on the current thread: its outcome, the problem if the contract broke, and the bytes it allocated.</summary>
    private (string Outcome, string? Problem, long Allocated) Check(int index, byte[] input)
    {
        string name = $"fuzz{index}{target.Extension}";
        string path = Path.Combine(scratchFolder, name);
        if (target.ReadsFile) File.WriteAllBytes(path, input);
        string outcome;
        string? problem = null;
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            target.Read(input, target.ReadsFile ? path : name);
            outcome = "read";
        }
        catch (Exception e) when (target.IsDocumented(e))
        {
            outcome = e.GetType().Name;
            if (!e.Message.Contains(name, StringComparison.Ordinal)) problem = $"the {e.GetType().Name} does not name the file: {e.Message}";
        }
        catch (Exception e)
        {
            outcome = e.GetType().Name;
            string frame = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
            problem = $"undocumented {e.GetType().FullName}: {e.Message} ({frame})";
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (target.ReadsFile) File.Delete(path);
        long bound = target.AllocationPerByte * input.Length + AllocationConstant;
        if (problem is null && allocated > bound)
            problem = $"allocated {allocated:N0} bytes for a {input.Length:N0}-byte input (bound {bound:N0})";
        return (outcome, problem, allocated);
    }
}
