using Dendrite.Models;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Tensors.Kernels;
using Dendrite.Training;

namespace Dendrite.Bench.Workloads;

/// <summary>
/// resnet_small_infer's convolutions one layer shape at a time at the kernel level (batch 128, float32, with bias as
/// folded batch norm gives them; the 3×3 stride-1 layers by Winograd and, as <c>*_direct</c>, by the direct convolution), interleaved block by block in one process, with the count of each shape in the
/// forward; the elementwise passes beside them (ReLU in place, the residual add) at the activation sizes.
/// </summary>
/// <remarks>First the whole resnet_small_infer forward (<c>Trainer.Predict</c>, eval mode), with and without Winograd
/// (<c>resnet_layer_predict</c>, <c>resnet_layer_predict_direct</c>). Lines <c>resnet_layer_*</c> give the time per call; multiply by <c>count</c> for the share of the forward.</remarks>
internal sealed class ResNetLayersWorkload : IWorkload
{
    private const int N = 128, Repeats = 9;

    /// <inheritdoc/>
    public string Name => "resnetlayers";

    /// <inheritdoc/>
    public void Run()
    {
        var random = new Random(0);
        var layers = new List<(string Name, int Count, Action Run)>
        {
            Conv("stem_3_16_32", 1, 3, 16, 32, 3, 1, random),
            Conv("c3_16_16_32", 4, 16, 16, 32, 3, 1, random),
            Conv("c3_16_16_32_direct", 4, 16, 16, 32, 3, 1, random, winograd: false),
            Rectified("c3_16_16_32_relu_fused", true, random),
            Rectified("c3_16_16_32_relu_after", false, random),
            Conv("c3s2_16_32_32", 1, 16, 32, 32, 3, 2, random),
            Conv("c1s2_16_32_32", 1, 16, 32, 32, 1, 2, random),
            Conv("c3_32_32_16", 3, 32, 32, 16, 3, 1, random),
            Conv("c3_32_32_16_direct", 3, 32, 32, 16, 3, 1, random, winograd: false),
            Conv("c3s2_32_64_16", 1, 32, 64, 16, 3, 2, random),
            Conv("c1s2_32_64_16", 1, 32, 64, 16, 1, 2, random),
            Conv("c3_64_64_8", 3, 64, 64, 8, 3, 1, random),
            Conv("c3_64_64_8_direct", 3, 64, 64, 8, 3, 1, random, winograd: false),
        };
        foreach ((int c, int h, int count) in new[] { (16, 32, 5), (32, 16, 4), (64, 8, 4) })
        {
            float[] a = Rand(N * c * h * h, random), b = Rand(a.Length, random), s = new float[a.Length];
            layers.Add(($"relu_{c}_{h}", count, () => System.Numerics.Tensors.TensorPrimitives.Max(a, 0f, a)));
            layers.Add(($"add_{c}_{h}", 2, () => System.Numerics.Tensors.TensorPrimitives.Add(a, b, s)));
        }
        var model = new ResNetCifar(n: 2, numClasses: 10, inChannels: 3, random: random);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), learningRate: 0.1), Loss.CrossEntropy);
        Tensor input = Synthetic.Randn([N, 3, 32, 32], random);
        model.Eval();
        layers.Insert(0, ("predict", 1, () => trainer.Predict(input, batchSize: N)));
        layers.Insert(1, ("predict_direct", 1, () => { WinogradConv.Enabled = false; trainer.Predict(input, batchSize: N); WinogradConv.Enabled = true; }));
        var times = layers.Select(_ => new double[Repeats]).ToArray();
        var inner = layers.Select(l => Timing.PickInner(l.Run, 0.02)).ToArray();
        CpuLoad.Snapshot start = CpuLoad.Take();
        for (int r = 0; r < Repeats; r++)
            for (int i = 0; i < layers.Count; i++)
                times[i][r] = Timing.TimeIt(layers[i].Run, repeats: 1, warmup: 0, inner: inner[i]).Times[0];
        CpuLoad load = CpuLoad.Between(start, CpuLoad.Take());
        for (int i = 0; i < layers.Count; i++)
            JsonLine.Emit("resnet_layer_" + layers[i].Name, [("count", layers[i].Count)], times[i], load, "call", [],
                [("min_ms", times[i].Min() * 1e3), ("total_median_ms", Timing.Median(times[i]) * 1e3 * layers[i].Count)]);
    }

    private static (string, int, Action) Conv(string name, int count, int cin, int cout, int h, int k, int stride, Random random, bool winograd = true)
    {
        int pad = k / 2;
        var g = new SlidingWindow(cin, h, h, k, k, StrideH: stride, StrideW: stride, PadTop: pad, PadLeft: pad, PadBottom: pad, PadRight: pad);
        float[] x = Rand(N * cin * h * h, random), w = Rand(cout * cin * k * k, random), b = Rand(cout, random);
        float[] y = new float[N * cout * g.OutPlane];
        return (name, count, () => { WinogradConv.Enabled = winograd; Convolution.Forward<float>(g, 1, cout, N, x, w, b, y, inference: true); WinogradConv.Enabled = true; });
    }

    /// <summary>The 16-channel 32×32 layer + ReLU: in the Winograd epilogue, or as a pass over the output after it.</summary>
    private static (string, int, Action) Rectified(string name, bool fused, Random random)
    {
        var g = new SlidingWindow(16, 32, 32, 3, 3, PadTop: 1, PadLeft: 1, PadBottom: 1, PadRight: 1);
        float[] x = Rand(N * 16 * 1024, random), w = Rand(16 * 16 * 9, random), b = Rand(16, random), y = new float[N * 16 * 1024];
        return (name, 2, () =>
        {
            if (!Convolution.Forward<float>(g, 1, 16, N, x, w, b, y, inference: true, relu: fused))
                Dendrite.Autograd.UnaryOps.ApplyInPlace<Dendrite.Autograd.ReluOp, float>(y);
        });
    }

    private static float[] Rand(int length, Random random)
    {
        var a = new float[length];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() * 2 - 1);
        return a;
    }
}
