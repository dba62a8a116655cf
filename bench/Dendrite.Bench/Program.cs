using Dendrite.Bench.Workloads;
using Dendrite.Tensors.Kernels;

// Usage: Dendrite.Bench [--threads N] [workload ...]   (no names: run every workload)
IWorkload[] workloads = [new GemmWorkload(), new MlpWorkload(), new LeNet5Workload(), new ResNetWorkload(), new OpsWorkload(), new ConvPhasesWorkload(), new ResNetLayersWorkload(), new LstmPhasesWorkload()];
List<string> names = [.. args];
int at = names.IndexOf("--threads");
if (at >= 0 && at + 1 < names.Count)
{
    Gemm.MaxThreads = int.Parse(names[at + 1]);
    names.RemoveRange(at, 2);
}
string[] unknown = names.Where(a => workloads.All(w => w.Name != a)).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"unknown workload(s): {string.Join(", ", unknown)}; known: {string.Join(", ", workloads.Select(w => w.Name))}");
    return 2;
}
foreach (IWorkload w in workloads.Where(w => names.Count == 0 || names.Contains(w.Name)))
    w.Run();
return 0;
