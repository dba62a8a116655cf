namespace Dendrite.KernelProbe;

/// <summary>Every kernel check family; adding a kernel family means adding one check class and one line here.</summary>
public static class KernelSuite
{
    /// <summary>The families in the order the probe runs them.</summary>
    public static IReadOnlyList<KernelFamily> Families { get; } =
    [
        new("Operators", OperatorChecks.Run),
        new("Elementwise", ElementwiseChecks.Run),
        new("Activations", ActivationChecks.Run),
        new("Reductions", ReductionChecks.Run),
        new("Softmax", SoftmaxChecks.Run),
        new("Strided", StridedChecks.Run),
        new("Gemm", GemmChecks.Run),
        new("Convolution", ConvChecks.Run),
        new("Winograd", WinogradChecks.Run),
        new("Recurrent", RecurrentChecks.Run),
    ];

    /// <summary>Looks a family up by name (case-insensitive).</summary>
    public static KernelFamily Get(string name)
        => Families.Single(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs one family and returns its log; an exception is recorded as a failure, not thrown.</summary>
    public static CheckLog Run(KernelFamily family)
    {
        var log = new CheckLog();
        try { family.Run(log); }
        catch (Exception e) { log.Fail($"{family.Name} threw {e}"); }
        return log;
    }
}
