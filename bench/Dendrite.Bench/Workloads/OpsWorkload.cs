using Dendrite.Autograd;
using Dendrite.NN;

namespace Dendrite.Bench.Workloads;

/// <summary>Single-layer forward+backward times in training mode, as peers/ops.py.</summary>
/// <remarks>
/// conv2d: N = 64, 16 → 32 channels, 32×32, 3×3, pad 1; batchnorm2d: 64×32×32×32 with batch statistics; maxpool2d:
/// 2×2 stride 2 on the same shape. Each call clears the input's and parameters' gradients, runs the forward on an input
/// that requires a gradient and back-propagates a fixed random upstream gradient. fwd_median_s times the forward alone,
/// without a graph. lstm: one layer, sequence 50, batch 32, 64 → 128 (the output sequence is what is back-propagated).
/// </remarks>
internal sealed class OpsWorkload : IWorkload
{
    private const int N = 64, CIn = 16, COut = 32, H = 32;

    /// <inheritdoc/>
    public string Name => "ops";

    /// <inheritdoc/>
    public void Run()
    {
        var random = new Random(0);
        Bench("op_conv2d", new Conv2d(CIn, COut, 3, padding: 1, random: random), Synthetic.Randn([N, CIn, H, H], random),
            [("n", N), ("cin", CIn), ("cout", COut), ("hw", H), ("k", 3), ("pad", 1)], random,
            flopsForward: 2.0 * N * COut * H * H * CIn * 9);
        Bench("op_batchnorm2d", new BatchNorm2d(COut), Synthetic.Randn([N, COut, H, H], random),
            [("n", N), ("c", COut), ("hw", H), ("mode", "train")], random);
        Bench("op_maxpool2d", new MaxPool2d(2), Synthetic.Randn([N, COut, H, H], random),
            [("n", N), ("c", COut), ("hw", H), ("k", 2), ("stride", 2)], random);
        const int seq = 50, batch = 32, input = 64, hidden = 128;
        Bench("op_lstm", new Lstm(input, hidden, random: random), Synthetic.Randn([seq, batch, input], random),
            [("seq", seq), ("batch", batch), ("input", input), ("hidden", hidden), ("layers", 1)], random,
            flopsForward: (double)seq * 2 * batch * 4 * hidden * (input + hidden));
    }

    private static void Bench(string name, Module module, Tensor x, (string, object)[] config, Random random, double? flopsForward = null)
    {
        module.Train();
        x.RequiresGrad = true;
        Tensor grad = Synthetic.Randn(module.Forward(x).Shape, random);

        var arena = new TensorArena(); // temporaries recycled from call to call, as in a training step
        void Forward()
        {
            using var _ = GradMode.NoGrad();
            using var step = arena.Enter();
            module.Forward(x);
        }
        void ForwardBackward()
        {
            x.ZeroGrad();
            module.ZeroGrad();
            using var step = arena.Enter();
            module.Forward(x).Backward(grad);
        }

        (double[] fwdTimes, _) = Timing.TimeIt(Forward, repeats: 9, warmup: 3, inner: Timing.PickInner(Forward));
        (double[] times, CpuLoad load) = Timing.TimeIt(ForwardBackward, repeats: 9, warmup: 3, inner: Timing.PickInner(ForwardBackward));
        (string, double)[] throughput = flopsForward is double f ? [("gflops", 3 * f / 1e9)] : []; // fwd+bwd ≈ 3× forward FLOPs
        JsonLine.Emit(name, config, times, load, "forward+backward", throughput, [("fwd_median_s", Timing.Median(fwdTimes))]);
    }
}
