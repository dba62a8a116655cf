using System.Globalization;
using Dendrite.Fuzz;

// dotnet run -c Release --project tests/Dendrite.Fuzz -- FORMAT|all [--seconds 600] [--seed N] [--inputs N] [--out FOLDER]
// Mutates each format's seeds for the given time, prints a summary per format, and writes every failing input to
// FOLDER/<format>/<seed>-<index>.bin (default: the tests' regression folder, replayed by FuzzRegressionTests).
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine($"usage: Dendrite.Fuzz FORMAT|all [--seconds S] [--seed N] [--inputs N] [--out FOLDER]\nformats: {string.Join(", ", FuzzTargets.Names)}");
    return args.Length == 0 ? 2 : 0;
}
double seconds = 60;
int seed = Environment.TickCount & int.MaxValue, inputs = int.MaxValue;
string output = Path.Combine(FuzzSeeds.FixtureFolder() ?? ".", "fuzz");
for (int i = 1; i < args.Length; i++)
{
    string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i++])
    {
        case "--seconds": seconds = double.Parse(value, CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--inputs": inputs = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--out": output = value; break;
        default: Console.Error.WriteLine($"unknown option {args[i - 1]}"); return 2;
    }
}
var targets = args[0] == "all" ? FuzzTargets.All() : [FuzzTargets.Get(args[0])];
string scratch = Directory.CreateTempSubdirectory("dendrite-fuzz-").FullName;
int failed = 0;
try
{
    foreach (var target in targets)
    {
        var report = new FuzzRunner(target, scratch).Run(seed, inputs, TimeSpan.FromSeconds(seconds / targets.Count), TimeSpan.FromSeconds(10));
        Console.WriteLine($"seed {seed}: {report}");
        foreach (var failure in report.Failures)
        {
            string folder = Path.Combine(output, target.Name);
            Directory.CreateDirectory(folder);
            string file = Path.Combine(folder, $"{seed}-{failure.Index}.bin");
            File.WriteAllBytes(file, failure.Input);
            Console.WriteLine($"  {failure}\n    kept as {file}");
            failed++;
        }
    }
}
finally
{
    Directory.Delete(scratch, recursive: true);
}
return failed == 0 ? 0 : 1;
