using System.Numerics;
using System.Runtime.Intrinsics;
using Dendrite.Tensors.Kernels.Operators;

namespace Dendrite.KernelProbe;

/// <summary>
/// Checks that every operator's Vector128, Vector256 and Vector512 overloads agree bit for bit with its
/// scalar overload, lane by lane.
/// </summary>
/// <remarks>
/// Vector types also work in software where they are not accelerated, so this exercises all three
/// vector bodies on any machine, including the Vector512 ones on CPUs without AVX-512, where the
/// driver never takes them. Inputs mix random values with ±0, ±∞, NaN and ε.
/// </remarks>
public static class OperatorChecks
{
    /// <summary>Runs the family.</summary>
    public static void Run(CheckLog log)
    {
        Run<float>(log);
        Run<double>(log);
    }

    private static void Run<T>(CheckLog log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T slope = T.CreateTruncating(0.2);
        Unary<T, ReluOperator<T>>(log, "Relu", new ReluOperator<T>());
        Unary<T, LeakyReluOperator<T>>(log, "LeakyRelu", new LeakyReluOperator<T>(slope));
        Unary<T, SignOperator<T>>(log, "Sign", new SignOperator<T>());
        Binary<T, ReluBackwardOperator<T>>(log, "ReluBackward", new ReluBackwardOperator<T>());
        Binary<T, LeakyReluBackwardOperator<T>>(log, "LeakyReluBackward", new LeakyReluBackwardOperator<T>(slope));
        Binary<T, SigmoidBackwardOperator<T>>(log, "SigmoidBackward", new SigmoidBackwardOperator<T>());
        Binary<T, TanhBackwardOperator<T>>(log, "TanhBackward", new TanhBackwardOperator<T>());
    }

    /// <summary>64 values (whole Vector512s of either type): specials first, then random.</summary>
    private static T[] Values<T>(Random rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] special = [T.Zero, T.NegativeZero, T.NaN, T.PositiveInfinity, T.NegativeInfinity, T.Epsilon, -T.Epsilon, T.One, -T.One];
        T[] random = Inputs.Uniform<T>(rng, 64 - special.Length, -10, 10);
        T[] all = [.. special, .. random];
        rng.Shuffle(all);
        return all;
    }

    private static void Unary<T, TOp>(CheckLog log, string name, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IUnaryOperator<T>
    {
        for (int round = 0; round < 8; round++)
        {
            T[] x = Values<T>(Inputs.Rng(name + "Operator", round));
            T[] scalar = x.Select(op.Invoke).ToArray();
            T[] v128 = new T[x.Length], v256 = new T[x.Length], v512 = new T[x.Length];
            for (int i = 0; i + Vector128<T>.Count <= x.Length; i += Vector128<T>.Count) op.Invoke(Vector128.Create<T>(x.AsSpan(i))).CopyTo(v128.AsSpan(i));
            for (int i = 0; i + Vector256<T>.Count <= x.Length; i += Vector256<T>.Count) op.Invoke(Vector256.Create<T>(x.AsSpan(i))).CopyTo(v256.AsSpan(i));
            for (int i = 0; i + Vector512<T>.Count <= x.Length; i += Vector512<T>.Count) op.Invoke(Vector512.Create<T>(x.AsSpan(i))).CopyTo(v512.AsSpan(i));
            string what = $"{name}Operator<{typeof(T).Name}> round {round}";
            log.Check(Identical(scalar, v128), $"{what}: Vector128 differs from scalar");
            log.Check(Identical(scalar, v256), $"{what}: Vector256 differs from scalar");
            log.Check(Identical(scalar, v512), $"{what}: Vector512 differs from scalar");
        }
    }

    private static void Binary<T, TOp>(CheckLog log, string name, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IBinaryOperator<T>
    {
        for (int round = 0; round < 8; round++)
        {
            Random rng = Inputs.Rng(name + "Operator", round);
            T[] x = Values<T>(rng), y = Values<T>(rng);
            T[] scalar = x.Select((v, i) => op.Invoke(v, y[i])).ToArray();
            T[] v128 = new T[x.Length], v256 = new T[x.Length], v512 = new T[x.Length];
            for (int i = 0; i + Vector128<T>.Count <= x.Length; i += Vector128<T>.Count)
                op.Invoke(Vector128.Create<T>(x.AsSpan(i)), Vector128.Create<T>(y.AsSpan(i))).CopyTo(v128.AsSpan(i));
            for (int i = 0; i + Vector256<T>.Count <= x.Length; i += Vector256<T>.Count)
                op.Invoke(Vector256.Create<T>(x.AsSpan(i)), Vector256.Create<T>(y.AsSpan(i))).CopyTo(v256.AsSpan(i));
            for (int i = 0; i + Vector512<T>.Count <= x.Length; i += Vector512<T>.Count)
                op.Invoke(Vector512.Create<T>(x.AsSpan(i)), Vector512.Create<T>(y.AsSpan(i))).CopyTo(v512.AsSpan(i));
            string what = $"{name}Operator<{typeof(T).Name}> round {round}";
            log.Check(Identical(scalar, v128), $"{what}: Vector128 differs from scalar");
            log.Check(Identical(scalar, v256), $"{what}: Vector256 differs from scalar");
            log.Check(Identical(scalar, v512), $"{what}: Vector512 differs from scalar");
        }
    }

    /// <summary>Bitwise equality (so NaN equals NaN and −0 differs from +0).</summary>
    private static bool Identical<T>(T[] a, T[] b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Length; i++)
            if (!a[i].Equals(b[i]) || T.IsNegative(a[i]) != T.IsNegative(b[i])) return false;
        return true;
    }
}
