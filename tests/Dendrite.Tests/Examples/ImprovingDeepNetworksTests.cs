using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Optim.Schedules;
using Dendrite.Tests.Support;
using Dendrite.Training;

namespace Dendrite.Tests.Examples;

/// <summary>
/// Course 2 ("Improving Deep Neural Networks") acceptance: the optimization and regularization exercises with the
/// course's data, seeds and hyperparameters, and the MNIST / Fashion-MNIST MLPs.
/// </summary>
public class ImprovingDeepNetworksTests
{
    private static Sequential MoonsModel(NumpyRandom rng) => new(
        new Dense(2, 5, init: Init.He, random: rng, dtype: DType.Float64), new Relu(),
        new Dense(5, 2, init: Init.He, random: rng, dtype: DType.Float64), new Relu(),
        new Dense(2, 1, init: Init.He, random: rng, dtype: DType.Float64), new Sigmoid());

    [Theory]
    [InlineData("gd", 239)]        // course: 79.7%
    [InlineData("momentum", 239)]  // course: 79.7%
    [InlineData("adam", 282)]      // course: 94%
    public void Moons_with_mini_batches_of_64_reproduce_the_course(string optimizer, int correct)
    {
        var (x, y) = Moons.Generate(count: 300, noise: 0.2, seed: 3, dtype: DType.Float64); // the course's make_moons after np.random.seed(3)
        var model = MoonsModel(new NumpyRandom(3));
        Optimizer opt = optimizer switch
        {
            "gd" => new Sgd(model.Parameters(), 0.0007),
            "momentum" => new Sgd(model.Parameters(), 0.0007, momentum: 0.9),
            _ => new Adam(model.Parameters(), 0.0007),
        };
        // random_mini_batches: np.random.seed(10 + epoch + 1); np.random.permutation(m)
        var loader = new DataLoader(new TensorDataset(x, y), 64, sampler: e => new NumpyRandom((uint)(11 + e)).Permutation(300));
        new Trainer(model, opt, Loss.BinaryCrossEntropy).Fit(loader, epochs: 10_000);
        Assert.Equal(correct / 300.0, Accuracy.Binary(model, x, y), 6);
    }

    private static (double Train, double Test, double[] Costs) Football(double lambda, double keepProbability)
    {
        var (xTrain, yTrain) = Dendrite.Data.Football.Load(train: true, dtype: DType.Float64);
        var (xTest, yTest) = Dendrite.Data.Football.Load(train: false, dtype: DType.Float64);
        var rng = new NumpyRandom(3);
        Module Drop() => keepProbability < 1 ? Dropout.FromKeepProbability(keepProbability, seed: 1) : new Sequential();
        var model = new Sequential(new Dense(2, 20, init: Init.Xavier, random: rng, dtype: DType.Float64), new Relu(), Drop(),
                                   new Dense(20, 3, init: Init.Xavier, random: rng, dtype: DType.Float64), new Relu(), Drop(),
                                   new Dense(3, 1, init: Init.Xavier, random: rng, dtype: DType.Float64), new Sigmoid());
        var l2 = new L2(lambda);
        var costs = GradientDescent.Fit(model, (p, t) => Loss.BinaryCrossEntropy(p, t) + l2.Penalty(model, xTrain.Shape[0]),
                                        xTrain, yTrain, new Sgd(model.Parameters(), 0.3), 30_000);
        return (Accuracy.Binary(model, xTrain, yTrain), Accuracy.Binary(model, xTest, yTest), costs);
    }

    [DataFact]
    public void Regularization_L2_and_dropout_each_beat_the_unregularized_net_on_the_football_data()
    {
        var none = Football(0, 1);
        Assert.Equal(0.655741, none.Costs[0], 6);       // course: 0.6557412523481002
        Assert.Equal(0.163300, none.Costs[10_000], 6);  // course: 0.16329987525724216
        Assert.Equal(0.948, none.Train, 3);             // course: 94.8%
        Assert.Equal(0.915, none.Test, 3);              // course: 91.5%

        var l2 = Football(0.7, 1);
        Assert.Equal(0.697448, l2.Costs[0], 6);         // course: 0.6974484493131264
        Assert.Equal(0.268492, l2.Costs[10_000], 6);    // course: 0.2684918873282239
        Assert.Equal(0.930, l2.Test, 3);                // course: 93%

        var dropout = Football(0, 0.86);
        Assert.True(dropout.Test > none.Test + 0.015, $"dropout test accuracy {dropout.Test:P1} vs unregularized {none.Test:P1}"); // course: 95%
    }

    private static double MnistMlp(bool fashion)
    {
        var (xTrain, yTrain) = fashion ? FashionMnist.Load(train: true) : Mnist.Load(train: true);
        var (xTest, yTest) = fashion ? FashionMnist.Load(train: false) : Mnist.Load(train: false);
        Init.ManualSeed(0);
        var model = new Sequential(new Dense(784, 256, init: Init.He), new Relu(), new Dense(256, 128, init: Init.He), new Relu(), new Dense(128, 10));
        var optimizer = new Adam(model.Parameters(), 1e-3);
        var trainer = new Trainer(model, optimizer, Loss.CrossEntropy, [new Accuracy()]);
        trainer.Fit(new DataLoader(new TensorDataset(xTrain, yTrain), 128, seed: 1), epochs: 10,
                    callbacks: new LearningRateScheduler(new ExponentialDecay(1e-3, 0.8)));
        double accuracy = trainer.Evaluate(new DataLoader(new TensorDataset(xTest, yTest), 1000, shuffle: false)).Single(v => v.Key == "accuracy").Value;
        Console.WriteLine($"{(fashion ? "Fashion-MNIST" : "MNIST")} MLP test accuracy: {accuracy:P2}");
        return accuracy;
    }

    [DataFact]
    public void Mnist_mlp_with_adam_reaches_98_percent()
    {
        double accuracy = MnistMlp(fashion: false);
        Assert.True(accuracy >= 0.98, $"MNIST test accuracy {accuracy:P2}");
    }

    [DataFact]
    public void Fashion_mnist_mlp_with_adam_reaches_88_percent()
    {
        double accuracy = MnistMlp(fashion: true);
        Assert.True(accuracy >= 0.88, $"Fashion-MNIST test accuracy {accuracy:P2}");
    }
}
