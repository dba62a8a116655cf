using System.Diagnostics;

namespace Dendrite.Bench;

/// <summary>CPU time used by other processes and stolen by the hypervisor, from /proc/stat (as peers/common.py).</summary>
internal readonly record struct CpuLoad(double Foreign, double Steal)
{
    /// <summary>Clock ticks per second of /proc/stat (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>A point-in-time reading: busy seconds of all CPUs, steal seconds, our CPU seconds, wall seconds.</summary>
    public readonly record struct Snapshot(double Busy, double Steal, double Own, double Wall);

    /// <summary>Reads the counters now; zeros where /proc/stat is missing.</summary>
    public static Snapshot Take()
    {
        double own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        double wall = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        if (!File.Exists("/proc/stat")) return new Snapshot(0, 0, own, wall);
        string line = File.ReadLines("/proc/stat").First();
        long[] v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        // busy = all but idle (3), iowait (4) and steal (7) among the first eight fields
        long busy = v.Take(8).Sum() - v[3] - v[4] - v[7];
        return new Snapshot(busy / TicksPerSecond, v[7] / TicksPerSecond, own, wall);
    }

    /// <summary>foreign = (busy − own) / (wall·cpus), steal = Δsteal / (wall·cpus), both rounded to 3 places.</summary>
    public static CpuLoad Between(Snapshot a, Snapshot b)
    {
        double wall = (b.Wall - a.Wall) * Environment.ProcessorCount;
        double foreign = Math.Max(0, (b.Busy - a.Busy) - (b.Own - a.Own)) / wall;
        return new CpuLoad(Math.Round(foreign, 3), Math.Round((b.Steal - a.Steal) / wall, 3));
    }
}
