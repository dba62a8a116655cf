using System.Diagnostics;

namespace Dendrite.Tensors.Kernels;

/// <summary>A tiny fixed pool of spinning worker threads for GEMM: cheaper to wake than Parallel.For.</summary>
/// <remarks>
/// The caller publishes a job by bumping a generation number packed with the next item index into one
/// 64-bit word; the caller and up to threads−1 workers claim items with compare-and-swap, so a late
/// worker can never claim an item of a newer job. Idle workers spin briefly (GEMMs tend to come in
/// runs, one per layer) and then sleep on a monitor. One job runs at a time; a second concurrent
/// caller runs its job on its own thread instead of waiting.
/// </remarks>
internal static class GemmWorkers
{
    /// <summary>How long an idle worker polls for the next job before it sleeps.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;

    /// <summary>Single-pause polls (tens of nanoseconds each) before a waiting thread backs off.</summary>
    private const int TightPolls = 4096;

    private static readonly object Gate = new();
    private static readonly int WorkerCount = Math.Max(0, Environment.ProcessorCount - 1);
    private static int started;
    private static int busy;
    private static int sleepers;
    private static long next;
    private static GemmJob? job;
    private static int firstPhase, total, participants;
    private static int done;

    /// <summary>Runs items [0, phase1 + phase2) of <paramref name="work"/> on at most <paramref name="threads"/> threads.</summary>
    public static void Run(GemmJob work, int phase1, int phase2, int threads)
    {
        if (WorkerCount == 0 || threads <= 1 || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            for (int i = 0; i < phase1 + phase2; i++) work.Run(i);
            return;
        }
        try
        {
            StartWorkers();
            job = work;
            firstPhase = phase1;
            total = phase1 + phase2;
            participants = threads - 1;
            done = 0;
            long generation = (Volatile.Read(ref next) >> 32) + 1;
            Interlocked.Exchange(ref next, generation << 32);
            if (Volatile.Read(ref sleepers) > 0)
                lock (Gate) Monitor.PulseAll(Gate);
            Work(generation);
            SpinUntilDone(total);
            job = null;
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    /// <summary>Claims and runs items of job <paramref name="generation"/> until none is left.</summary>
    private static void Work(long generation)
    {
        while (true)
        {
            long v = Volatile.Read(ref next);
            if (v >> 32 != generation) return;
            GemmJob? work = Volatile.Read(ref job);
            int item = (int)v, first = firstPhase;
            if (work is null || item >= total) return;
            if (Interlocked.CompareExchange(ref next, v + 1, v) != v) continue;
            if (item >= first) SpinUntilDone(first); // every first-phase item was claimed before this one
            work.Run(item);
            Interlocked.Increment(ref done);
        }
    }

    /// <summary>Waits until <paramref name="count"/> items are done: polls with single pauses for a while (the other
    /// threads' items are usually microseconds from finishing, and <see cref="SpinWait"/>'s back-off and yields would
    /// add that much again), then backs off.</summary>
    private static void SpinUntilDone(int count)
    {
        for (int i = 0; i < TightPolls; i++)
        {
            if (Volatile.Read(ref done) >= count) return;
            Thread.SpinWait(1);
        }
        var spinner = new SpinWait();
        while (Volatile.Read(ref done) < count) spinner.SpinOnce(sleep1Threshold: -1);
    }

    private static void StartWorkers()
    {
        if (Interlocked.Exchange(ref started, 1) != 0) return;
        for (int w = 0; w < WorkerCount; w++)
        {
            int index = w;
            new Thread(() => Loop(index)) { IsBackground = true, Name = $"Gemm worker {index}" }.Start();
        }
    }

    /// <summary>Worker body: wait for a newer generation, join it if this worker is among its participants.</summary>
    private static void Loop(int index)
    {
        long seen = 0;
        while (true)
        {
            long generation = WaitForNewGeneration(seen);
            seen = generation;
            if (index < Volatile.Read(ref participants)) Work(generation);
        }
    }

    private static long WaitForNewGeneration(long seen)
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            long g = Volatile.Read(ref next) >> 32;
            if (g != seen) return g;
            Thread.SpinWait(1);
        }
        lock (Gate)
        {
            Interlocked.Increment(ref sleepers);
            long g;
            while ((g = Interlocked.Read(ref next) >> 32) == seen) Monitor.Wait(Gate);
            Interlocked.Decrement(ref sleepers);
            return g;
        }
    }
}
