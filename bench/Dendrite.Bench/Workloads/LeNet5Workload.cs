using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

namespace Dendrite.Bench.Workloads;

/// <summary>A LeNet-5 style CNN on 1×28×28 synthetic data, SGD with momentum 0.9, batch 64, as peers/lenet5.py.</summary>
/// <remarks>
/// conv 6@5×5 pad 2 → ReLU → maxpool 2 → conv 16@5×5 → ReLU → maxpool 2 → fc 120 → ReLU → fc 84 → ReLU → fc 10,
/// softmax cross-entropy. The epoch time is extrapolated as the peer's: each timed repeat runs 100 steps on batches
/// drawn at random from 60,000 samples, and each repeat's time is scaled by (60,000 / 64) / 100.
/// </remarks>
internal sealed class LeNet5Workload : IWorkload
{
    private const int Train = 60_000, Batch = 64, Steps = 100;

    /// <inheritdoc/>
    public string Name => "lenet5";

    /// <inheritdoc/>
    public void Run()
    {
        var random = new Random(0);
        Tensor xTrain = Synthetic.Pixels([Train, 1, 28, 28], random);
        Tensor yTrain = Synthetic.Labels(Train, 10, random);

        var model = new Sequential(
            new Conv2d(1, 6, 5, padding: 2, random: random), new Relu(), new MaxPool2d(2),
            new Conv2d(6, 16, 5, random: random), new Relu(), new MaxPool2d(2),
            new Flatten(),
            new Dense(16 * 5 * 5, 120, random: random), new Relu(),
            new Dense(120, 84, random: random), new Relu(),
            new Dense(84, 10, random: random));
        var sgd = new Sgd(model.Parameters(), learningRate: 0.01, momentum: 0.9, form: MomentumForm.PyTorch);
        var trainer = new Trainer(model, sgd, Loss.CrossEntropy);
        var indices = new int[Batch];

        void TrainSteps()
        {
            model.Train();
            for (int s = 0; s < Steps; s++)
            {
                for (int i = 0; i < Batch; i++) indices[i] = random.Next(Train);
                trainer.TrainStep(xTrain.SelectRows(indices), yTrain.SelectRows(indices));
            }
        }

        double stepsPerEpoch = Train / (double)Batch;
        (double[] times, CpuLoad load) = Timing.TimeIt(TrainSteps, repeats: 7, warmup: 1);
        double[] epochTimes = [.. times.Select(t => t * stepsPerEpoch / Steps)];
        JsonLine.Emit("lenet5_train_epoch",
            [("batch", Batch), ("opt", "sgd"), ("lr", 0.01), ("momentum", 0.9), ("samples", Train),
             ("timed_steps_per_repeat", Steps), ("extrapolated", true)],
            epochTimes, load, "one training epoch (extrapolated from 100 steps)", [("samples_per_s", Train)]);
    }
}
