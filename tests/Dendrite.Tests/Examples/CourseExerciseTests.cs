using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Tests.Support;
using Dendrite.Training;

namespace Dendrite.Tests.Examples;

/// <summary>
/// The course-1 exercises, in float64 with the course's seeds (through <see cref="NumpyRandom"/>), against the costs and
/// accuracies the course notebooks print.
/// </summary>
public class CourseExerciseTests
{
    private static void AssertCosts(double[] costs, params (int Iteration, double Cost)[] course)
    {
        foreach (var (i, expected) in course)
            Assert.True(Math.Abs(costs[i] - expected) < 1e-6, $"cost after iteration {i}: course {expected} but got {costs[i]:F6}");
    }

    [Fact]
    public void Planar_flower_with_4_tanh_units_reaches_90_percent()
    {
        var (x, y) = PlanarFlower.Generate(seed: 1, DType.Float64);
        var numpy = new NumpyRandom(2);
        var model = new Sequential(new Dense(2, 4, init: Init.SmallRandom, random: numpy, dtype: DType.Float64), new Tanh(),
                                   new Dense(4, 1, init: Init.SmallRandom, random: numpy, dtype: DType.Float64), new Sigmoid());
        var costs = GradientDescent.Fit(model, Loss.BinaryCrossEntropy, x, y, new Sgd(model.Parameters(), 1.2), 10_000);
        AssertCosts(costs, (0, 0.693048), (1000, 0.288083), (2000, 0.254385), (3000, 0.233864), (4000, 0.226792),
                    (5000, 0.222644), (6000, 0.219731), (7000, 0.217504));
        Assert.InRange(Accuracy.Binary(model, x, y), 0.90, 0.92); // course: "Accuracy: 90%"
    }

    [DataFact]
    public void Logistic_regression_on_cat_images_matches_the_course()
    {
        var (xTrain, yTrain) = CatVsNonCat.LoadTrain(dtype: DType.Float64);
        var (xTest, yTest) = CatVsNonCat.LoadTest(dtype: DType.Float64);
        var model = new Sequential(new Dense(12288, 1, init: Init.Zeros, dtype: DType.Float64), new Sigmoid());
        var costs = GradientDescent.Fit(model, Loss.BinaryCrossEntropy, xTrain, yTrain, new Sgd(model.Parameters(), 0.005), 2000);
        AssertCosts(costs, (0, 0.693147), (100, 0.584508), (200, 0.466949), (1900, 0.140872));
        Assert.Equal(0.9904, Accuracy.Binary(model, xTrain, yTrain), 4); // course: train accuracy 99.04%
        Assert.Equal(0.70, Accuracy.Binary(model, xTest, yTest), 4);     // course: test accuracy 70%
    }

    [DataFact]
    public void Deep_network_on_cat_images_reaches_80_percent_test_accuracy()
    {
        var (xTrain, yTrain) = CatVsNonCat.LoadTrain(dtype: DType.Float64);
        var (xTest, yTest) = CatVsNonCat.LoadTest(dtype: DType.Float64);
        int[] dims = [12288, 20, 7, 5, 1];
        var numpy = new NumpyRandom(1);
        var layers = new List<Module>();
        for (int l = 1; l < dims.Length; l++)
        {
            layers.Add(new Dense(dims[l - 1], dims[l], init: Init.Xavier, random: numpy, dtype: DType.Float64));
            layers.Add(l < dims.Length - 1 ? new Relu() : new Sigmoid());
        }
        var model = new Sequential([.. layers]);
        var costs = GradientDescent.Fit(model, Loss.BinaryCrossEntropy, xTrain, yTrain, new Sgd(model.Parameters(), 0.0075), 2500);
        AssertCosts(costs, (0, 0.771749), (100, 0.672053), (200, 0.648263), (2400, 0.092878));
        Assert.Equal(0.9856, Accuracy.Binary(model, xTrain, yTrain), 4); // course: 0.985645933014
        Assert.Equal(0.80, Accuracy.Binary(model, xTest, yTest), 4);     // course: 0.8
    }
}
