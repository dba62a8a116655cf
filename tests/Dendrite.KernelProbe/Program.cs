using Dendrite.KernelProbe;

// Runs every kernel check family (or only those named on the command line) under whatever vector
// widths this process was started with, e.g. DOTNET_PreferredVectorBitWidth=256, DOTNET_EnableAVX2=0
// or DOTNET_EnableHWIntrinsic=0, and exits non-zero if any check fails.
Console.WriteLine($"accelerated: {VectorWidths.Describe()}");
var families = KernelSuite.Families.Where(f => args.Length == 0 || args.Contains(f.Name, StringComparer.OrdinalIgnoreCase));
int checks = 0, failures = 0;
foreach (KernelFamily family in families)
{
    CheckLog log = KernelSuite.Run(family);
    Console.WriteLine($"{family.Name}: {log.Checks} checks, {log.Failures.Count} failures");
    foreach (string failure in log.Failures.Take(20)) Console.WriteLine($"  FAIL {failure}");
    checks += log.Checks;
    failures += log.Failures.Count;
}
Console.WriteLine($"{checks} checks, {failures} failures");
return failures == 0 && checks > 0 ? 0 : 1;
