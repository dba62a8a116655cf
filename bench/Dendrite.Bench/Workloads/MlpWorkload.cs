using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

namespace Dendrite.Bench.Workloads;

/// <summary>MLP 784-256-128-10 with ReLU on MNIST-shaped synthetic data, as peers/mlp_mnist.py.</summary>
/// <remarks>
/// train: softmax cross-entropy, Adam lr 1e-3, batch 128, one shuffled 60,000-sample epoch (469 steps) through
/// <see cref="Trainer.Fit"/>; infer: 10,000 samples in batches of 1000 through <see cref="Trainer.Predict"/> (eval mode, no graph); latency: one sample,
/// each call timed on its own.
/// </remarks>
internal sealed class MlpWorkload : IWorkload
{
    private const int Train = 60_000, Test = 10_000, Batch = 128;

    /// <inheritdoc/>
    public string Name => "mlp";

    /// <inheritdoc/>
    public void Run()
    {
        var random = new Random(0);
        Tensor xTrain = Synthetic.Pixels([Train, 784], random);
        Tensor yTrain = Synthetic.Labels(Train, 10, random);
        Tensor xTest = Synthetic.Pixels([Test, 784], random);

        var model = new Sequential(
            new Dense(784, 256, random: random), new Relu(),
            new Dense(256, 128, random: random), new Relu(),
            new Dense(128, 10, random: random));
        var trainer = new Trainer(model, new Adam(model.Parameters(), learningRate: 1e-3), Loss.CrossEntropy);
        var loader = new DataLoader(new TensorDataset(xTrain, yTrain), Batch, shuffle: true, seed: 0);
        (string, object)[] config = [("layers", new[] { 784, 256, 128, 10 }), ("act", "relu"), ("opt", "adam"), ("lr", 1e-3)];

        void TrainEpoch() => trainer.Fit(loader, epochs: trainer.Epoch + 1);
        (double[] times, CpuLoad load) = Timing.TimeIt(TrainEpoch, repeats: 5, warmup: 1);
        JsonLine.Emit("mlp_mnist_train_epoch", [.. config, ("batch", Batch), ("samples", Train)], times, load,
            "one training epoch", [("samples_per_s", Train)]);

        model.Eval();
        void InferAll() => trainer.Predict(xTest, batchSize: 1000); // eval mode, no graph, batches of 1000
        (times, load) = Timing.TimeIt(InferAll, repeats: 9, warmup: 2);
        JsonLine.Emit("mlp_mnist_infer", [.. config, ("batch", 1000), ("samples", Test)], times, load,
            "10,000 samples", [("samples_per_s", Test)]);

        Tensor one = xTest.Narrow(0, 0, 1);
        void InferOne()
        {
            using var _ = GradMode.NoGrad();
            using var fused = InferenceFusion.Apply(model); // the fused inference Predict runs, without its batching
            model.Forward(one);
        }
        (times, load) = Timing.TimeIt(InferOne, repeats: 2000, warmup: 200); // each call timed on its own
        JsonLine.Emit("mlp_mnist_latency", [.. config, ("batch", 1)], times, load,
            "one single-sample forward", [("samples_per_s", 1)]);
    }
}
