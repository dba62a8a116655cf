namespace Dendrite.Bench.Workloads;

/// <summary>A named group of measurements, selected on the command line by its name.</summary>
internal interface IWorkload
{
    /// <summary>Name given on the command line (e.g. "gemm").</summary>
    string Name { get; }

    /// <summary>Runs every measurement of the group, printing one JSON line each.</summary>
    void Run();
}
