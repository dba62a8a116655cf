using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Tests.Support;
using Dendrite.Training;
using Xunit.Abstractions;

namespace Dendrite.Tests.Examples;

/// <summary>Course 3 ("Structuring Machine Learning Projects") acceptance on real data.</summary>
public class StructuringProjectsTests(ITestOutputHelper output)
{
    /// <summary>
    /// Data mismatch, end to end: a classifier trains on clean MNIST digits while the dev and test sets (what it must work
    /// on) are noisy digits, as the course's speech recognizer trains on clean audio and is judged in a car. With a
    /// train-dev slice of the clean training data, the diagnosis must name data mismatch as the largest gap; then, as the
    /// course suggests (artificial data synthesis), adding noise to a fifth of the training images must narrow it.
    /// </summary>
    [DataFact]
    public void Mnist_with_noisy_dev_data_shows_data_mismatch_and_synthesized_noise_narrows_it()
    {
        const double sigma = 0.6, human = 0.005;
        var (x, y) = Mnist.Load(train: true);
        var (xt, yt) = Mnist.Load(train: false);
        var (train, trainDev) = (Enumerable.Range(0, 50_000).ToArray(), Enumerable.Range(50_000, 10_000).ToArray());
        var noisyTest = Noisy(xt, sigma, new Random(1));
        var (dev, test) = (Enumerable.Range(0, 5000).ToArray(), Enumerable.Range(5000, 5000).ToArray());
        var trainX = x.SelectRows(train);
        var trainY = y.SelectRows(train);

        Diagnosis Run(Tensor inputs, string label)
        {
            var random = new Random(0);
            var model = new Sequential(new Dense(784, 128, random: random), new Relu(), new Dense(128, 10, random: random));
            var trainer = new Trainer(model, new Adam(model.Parameters(), 1e-3), Loss.CrossEntropy);
            trainer.Fit(new DataLoader(new TensorDataset(inputs, trainY), 128, seed: 1), epochs: 3);
            double Error(Tensor xs, Tensor ys) => 1 - Accuracy.Categorical(trainer.Predict(xs), ys);
            var d = new Diagnosis(Error(inputs, trainY), Error(noisyTest.SelectRows(dev), yt.SelectRows(dev)), human,
                                  Error(x.SelectRows(trainDev), y.SelectRows(trainDev)), Error(noisyTest.SelectRows(test), yt.SelectRows(test)));
            output.WriteLine($"{label}:\n{d}");
            return d;
        }

        var before = Run(trainX, "clean training data");
        Assert.Equal(Gap.DataMismatch, before.Largest);
        Assert.True(before.DataMismatch > 0.05, $"data mismatch {before.DataMismatch:P2}");

        // Artificial data synthesis: the same training images, a fifth of them with the dev set's kind of noise.
        var synthesized = Noisy(trainX, sigma, new Random(2));
        var mixed = trainX.Clone();
        var chosen = Enumerable.Range(0, 50_000).Where(i => i % 5 == 0).ToArray();
        var values = mixed.ToArray<float>();
        var noisyValues = synthesized.ToArray<float>();
        foreach (int i in chosen) Array.Copy(noisyValues, i * 784, values, i * 784, 784);
        var after = Run(Tensor.FromArray(values, [50_000, 784]), "a fifth of the training images with synthesized noise");
        Assert.True(after.DataMismatch < before.DataMismatch / 2, $"data mismatch {before.DataMismatch:P2} → {after.DataMismatch:P2}");
        Assert.True(after.DevError < before.DevError, $"dev error {before.DevError:P2} → {after.DevError:P2}");
    }

    /// <summary>Images with N(0, σ²) noise on every pixel, clipped to [0, 1].</summary>
    private static Tensor Noisy(Tensor images, double sigma, Random random) =>
        (images + Tensor.Normal(images.Shape, 0, sigma, random)).Clamp(0, 1);
}
