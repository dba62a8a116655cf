using Xunit.Abstractions;
using Dendrite.Autograd;
using Dendrite.Interop;
using Dendrite.NN;
using Microsoft.ML.OnnxRuntime;

namespace Dendrite.Tests.Interop;

/// <summary>
/// Exports a model with a batch-1 sample, runs the file in ONNX Runtime on a larger batch (so the symbolic batch axis
/// is exercised) and returns the largest |ONNX Runtime − Dendrite| over the outputs.
/// </summary>
internal static class OnnxRuntimeCheck
{
    /// <summary>The agreement every exported model must reach.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>
    /// Runs the check and asserts max |ORT − Dendrite| ≤ 1e-4, or ≤ 1e-4·max(1, max |y|) when <paramref name="relative"/>
    /// (deep random networks whose logits reach the hundreds); returns the maximum absolute difference.
    /// </summary>
    public static double AssertMatches(Module model, int[] inputShape, ITestOutputHelper output, string label, int batch = 3, int seed = 1, bool relative = false)
    {
        RandomizeNormStatistics(model, new Random(seed + 100));
        model.Eval();
        var x = Tensor.Uniform([batch, .. inputShape], -1, 1, new Random(seed));
        byte[] file = Onnx.ToBytes(model, x.Narrow(0, 0, 1).Contiguous());
        Tensor expected;
        using (GradMode.NoGrad()) expected = model.Forward(x);
        float[] actual = Run(file, x);
        var want = expected.ToArray<float>();
        Assert.Equal(want.Length, actual.Length);
        double maxDiff = 0;
        for (int i = 0; i < want.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(want[i] - actual[i]));
        double scale = want.Max(v => Math.Abs(v)), tolerance = relative ? Tolerance * Math.Max(1, scale) : Tolerance;
        output.WriteLine(FormattableString.Invariant($"{label}: {file.Length / 1024.0:F0} KiB, output {expected.Shape}, max |y| = {scale:G3}, max |ORT − Dendrite| = {maxDiff:E2}"));
        Assert.True(maxDiff <= tolerance, FormattableString.Invariant($"{label}: ONNX Runtime differs from Dendrite by {maxDiff:E3} (> {tolerance:E1})."));
        return maxDiff;
    }

    /// <summary>Runs the serialized model on <paramref name="x"/> (float32, or int32 tokens) in ONNX Runtime (input "input", output "output").</summary>
    public static float[] Run(byte[] file, Tensor x)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(file, options);
        long[] shape = [.. x.Shape.ToArray().Select(d => (long)d)];
        using var input = x.DType == DType.Int32
            ? OrtValue.CreateTensorValueFromMemory(x.Contiguous().ToArray<int>(), shape)
            : OrtValue.CreateTensorValueFromMemory(x.ToArray<float>(), shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [input], ["output"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>
    /// Gives every batch norm random running statistics and affine parameters, so the exported
    /// BatchNormalization nodes are checked against more than the identity.
    /// </summary>
    public static void RandomizeNormStatistics(Module model, Random random)
    {
        foreach (var (name, tensor) in model.NamedBuffers().Concat(model.NamedParameters()))
        {
            if (tensor.DType != DType.Float32) continue;
            bool variance = name.EndsWith("running_var", StringComparison.Ordinal);
            if (!variance && !name.EndsWith("running_mean", StringComparison.Ordinal) && !IsNormAffine(model, name)) continue;
            var span = tensor.Span<float>();
            for (int i = 0; i < span.Length; i++)
                span[i] = variance ? (float)(0.5 + random.NextDouble()) : (float)(random.NextDouble() * 0.4 - 0.2 + (name.EndsWith("weight", StringComparison.Ordinal) ? 1 : 0));
        }
    }

    private static bool IsNormAffine(Module model, string name)
    {
        int dot = name.LastIndexOf('.');
        return dot > 0 && model.GetModule(name[..dot]) is BatchNorm;
    }
}
