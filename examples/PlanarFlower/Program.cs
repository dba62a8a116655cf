// Course 1, week 3: a network with one hidden layer of 4 tanh units separates the planar "flower".
// Run: dotnet run -c Release --project examples/PlanarFlower
using Dendrite;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

var (x, y) = PlanarFlower.Generate(seed: 1);          // X [400, 2], Y [400, 1]
var numpy = new NumpyRandom(2);                       // the course's np.random.seed(2)
var model = new Sequential(
    new Dense(2, 4, init: Init.SmallRandom, random: numpy), new Tanh(),
    new Dense(4, 1, init: Init.SmallRandom, random: numpy), new Sigmoid());

GradientDescent.Fit(model, Loss.BinaryCrossEntropy, x, y, new Sgd(model.Parameters(), learningRate: 1.2), iterations: 10_000,
    onCost: (i, cost) => { if (i % 1000 == 0) Console.WriteLine($"Cost after iteration {i}: {cost:F6}"); });

Console.WriteLine($"Accuracy: {Accuracy.Binary(model, x, y):P1}");  // the course reports 90%
