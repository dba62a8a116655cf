using System.Diagnostics;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Optim.Schedules;
using Dendrite.Tests.Support;
using Dendrite.Training;

namespace Dendrite.Tests.Examples;

/// <summary>Course 4 ("Convolutional Neural Networks") acceptance: LeNet-5 on MNIST.</summary>
public class ConvolutionalNetworksTests
{
    // LeNet-5 in its common modern form (ReLU, max pooling; LeCun et al. 1998 used tanh and subsampling):
    // [N, 1, 28, 28] → conv 6@5×5 pad 2 → [N, 6, 28, 28] → pool → 14 → conv 16@5×5 → 10 → pool → 5 → 400 → 120 → 84 → 10.
    private static Sequential LeNet5(Random random) => new(
        new Conv2d(1, 6, 5, padding: 2, random: random), new Relu(), new MaxPool2d(2),
        new Conv2d(6, 16, 5, random: random), new Relu(), new MaxPool2d(2),
        new Flatten(),
        new Dense(400, 120, init: Init.He, random: random), new Relu(),
        new Dense(120, 84, init: Init.He, random: random), new Relu(),
        new Dense(84, 10, random: random));

    [Fact]
    public void LeNet5_has_61706_parameters()
    {
        var model = LeNet5(new Random(0));
        Assert.Equal(61_706, model.ParameterCount);
        Assert.Equal(new Shape(2, 10), model.Forward(Tensor.Zeros([2, 1, 28, 28])).Shape);
    }

    // Adam with lr 1e-3 × 0.8^epoch, batches of 64, random shifts of up to 2 pixels; ~2 minutes on 2 cores.
    [DataFact]
    public void LeNet5_reaches_99_percent_on_mnist()
    {
        var (xTrain, yTrain) = Mnist.Load(train: true, flatten: false);
        var (xTest, yTest) = Mnist.Load(train: false, flatten: false);
        var model = LeNet5(new Random(0));
        const int epochs = 10; // measured: 99.10% after 8 epochs, 99.13% after 10, at 11–14 s per epoch on 2 shared cores
        var trainer = new Trainer(model, new Adam(model.Parameters(), 1e-3), Loss.CrossEntropy, [new Accuracy()]);
        var test = new DataLoader(new TensorDataset(xTest, yTest), 1000, shuffle: false);
        var watch = Stopwatch.StartNew();
        var train = new TransformedDataset(new TensorDataset(xTrain, yTrain), new RandomCrop(28, padding: 2), seed: 1); // shifts of up to 2 pixels
        var history = trainer.Fit(new DataLoader(train, 64, seed: 1), test, epochs,
                                  new LearningRateScheduler(new ExponentialDecay(1e-3, 0.8)));
        foreach (var log in history.Epochs) Console.WriteLine($"LeNet-5 {log}");
        double accuracy = trainer.Evaluate(test).Single(v => v.Key == "accuracy").Value;
        Console.WriteLine($"LeNet-5 MNIST test accuracy {accuracy:P2} after {epochs} epochs, {watch.Elapsed.TotalSeconds / epochs:F1} s per epoch");
        Assert.True(accuracy >= 0.99, $"LeNet-5 MNIST test accuracy {accuracy:P2}");
    }
}
