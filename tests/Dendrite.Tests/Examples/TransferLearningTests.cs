using System.Diagnostics;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Serialization;
using Dendrite.Tests.Support;
using Dendrite.Training;

namespace Dendrite.Tests.Examples;

/// <summary>
/// Course 4, week 2 (transfer learning), as in examples/TransferLearning: a CNN pretrained on MNIST digits 0–4 learns
/// digits 5–9 from 300 examples better than the same CNN trained from scratch on them.
/// </summary>
public class TransferLearningTests
{
    // conv 16@5×5 → ReLU → max-pool 2 → conv 32@5×5 → ReLU → max-pool 2 → flatten 512 → 128 → ReLU → 5 (the head, layer 9)
    private static Sequential Cnn(Random random) => new(
        new Conv2d(1, 16, 5, random: random), new Relu(), new MaxPool2d(2),
        new Conv2d(16, 32, 5, random: random), new Relu(), new MaxPool2d(2),
        new Flatten(), new Dense(512, 128, init: Init.He, random: random), new Relu(),
        new Dense(128, 5, random: random));

    // The examples whose digit is in [first, first + 5), at most count of them in file order, labelled digit − first.
    private static TensorDataset Digits(Tensor x, Tensor y, int first, int count)
    {
        var labels = y.ToArray<int>();
        var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= first && labels[i] < first + 5).Take(count).ToArray();
        return new TensorDataset(x.SelectRows(rows), Tensor.FromArray(rows.Select(i => labels[i] - first).ToArray()));
    }

    private static double Fit(Module model, TensorDataset train, TensorDataset test, int epochs, int batchSize, double learningRate)
    {
        var trainer = new Trainer(model, new Adam(model.TrainableParameters(), learningRate), Loss.CrossEntropy, [new Accuracy()]);
        trainer.Fit(new DataLoader(train, batchSize, seed: 1), epochs: epochs);
        return trainer.Evaluate(new DataLoader(test, 1000, shuffle: false)).Single(v => v.Key == "accuracy").Value;
    }

    // ~25 s on 2 shared cores: pretraining one epoch on 30,596 images, then three 30-epoch runs on 300.
    [DataFact]
    public void A_cnn_pretrained_on_digits_0_to_4_learns_5_to_9_from_300_examples_better_than_from_scratch()
    {
        var watch = Stopwatch.StartNew();
        var (xTrain, yTrain) = Mnist.Load(train: true, flatten: false);
        var (xTest, yTest) = Mnist.Load(train: false, flatten: false);
        var target = Digits(xTrain, yTrain, 5, 300);
        var targetTest = Digits(xTest, yTest, 5, int.MaxValue);

        var pretrained = Cnn(new Random(0));
        double source = Fit(pretrained, Digits(xTrain, yTrain, 0, int.MaxValue), Digits(xTest, yTest, 0, int.MaxValue), 1, 64, 1e-3);
        var weights = pretrained.StateDict();

        double Learn(string mode)
        {
            var model = Cnn(new Random(1));
            if (mode != "scratch") model.LoadStateDict(weights);
            model[^1] = new Dense(128, 5, random: new Random(2));
            if (mode == "head") model.Freeze().Unfreeze("9");
            return Fit(model, target, targetTest, epochs: 30, batchSize: 32, learningRate: mode == "head" ? 1e-2 : 3e-3);
        }

        double head = Learn("head"), all = Learn("all"), scratch = Learn("scratch");
        Console.WriteLine($"transfer learning: 0–4 pretrained {source:P2}; 5–9 from 300 examples: last layer {head:P2}, " +
                          $"all layers {all:P2}, from scratch {scratch:P2} ({watch.Elapsed.TotalSeconds:F0} s)");
        Assert.True(source > 0.98, $"pretraining on 0–4 reached {source:P2}");
        Assert.True(all > scratch + 0.005, $"fine-tuning all layers {all:P2} vs from scratch {scratch:P2}");  // measured 94.9% vs 93.5%
        Assert.True(head > 0.88, $"training the last layer alone {head:P2}");                                  // measured 92.1%: a linear probe
    }
}
