using Dendrite.Autograd;
using Dendrite.Models;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

namespace Dendrite.Bench.Workloads;

/// <summary>The small CIFAR-style ResNet of peers/resnet_small.py on 3×32×32 synthetic data, batch 128.</summary>
/// <remarks>
/// The peer's SmallResNet is <see cref="ResNetCifar"/> with n = 2: stem conv 3×3 16 channels (no bias) + BN + ReLU,
/// three stages of two basic blocks (16, 32, 64 channels; stride 2 opening stages 2 and 3, with 1×1-conv + BN
/// projection shortcuts), global average pooling, fc 10; 175,258 parameters in both libraries.
/// train: SGD lr 0.1, momentum 0.9 (PyTorch's form), cross-entropy, 5 steps per timed repeat; infer: eval mode, no graph.
/// </remarks>
internal sealed class ResNetWorkload : IWorkload
{
    private const int Batch = 128, Steps = 5;

    /// <summary>sum(p.numel() for p in SmallResNet().parameters()) in PyTorch.</summary>
    private const long PeerParameterCount = 175_258;

    /// <inheritdoc/>
    public string Name => "resnet";

    /// <inheritdoc/>
    public void Run()
    {
        var random = new Random(0);
        var model = new ResNetCifar(n: 2, numClasses: 10, inChannels: 3, random: random);
        if (model.ParameterCount != PeerParameterCount)
            Console.Error.WriteLine($"resnet: {model.Describe()} has {model.ParameterCount} parameters but the peer's SmallResNet has {PeerParameterCount}.");
        var sgd = new Sgd(model.Parameters(), learningRate: 0.1, momentum: 0.9, form: MomentumForm.PyTorch);
        var trainer = new Trainer(model, sgd, Loss.CrossEntropy);
        Tensor x = Synthetic.Randn([Batch, 3, 32, 32], random);
        Tensor y = Synthetic.Labels(Batch, 10, random);
        (string, object)[] config =
            [("batch", Batch), ("blocks_per_stage", 2), ("widths", new[] { 16, 32, 64 }), ("opt", "sgd"), ("lr", 0.1),
             ("momentum", 0.9), ("params", model.ParameterCount)];

        void TrainSteps()
        {
            model.Train();
            for (int s = 0; s < Steps; s++) trainer.TrainStep(x, y);
        }
        (double[] times, CpuLoad load) = Timing.TimeIt(TrainSteps, repeats: 5, warmup: 1);
        JsonLine.Emit("resnet_small_train", config, [.. times.Select(t => t / Steps)], load,
            "one training step (batch 128)", [("images_per_s", Batch)]);

        model.Eval();
        void Infer() => trainer.Predict(x, batchSize: Batch); // eval mode, no graph
        (times, load) = Timing.TimeIt(Infer, repeats: 9, warmup: 2);
        JsonLine.Emit("resnet_small_infer", config, times, load, "one forward (batch 128)", [("images_per_s", Batch)]);
    }
}
