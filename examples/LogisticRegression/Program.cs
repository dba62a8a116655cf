// Course 1, week 2: logistic regression as a neural network on cat/non-cat images.
// Run: dotnet run -c Release --project examples/LogisticRegression   (needs ../shared/data or DENDRITE_DATA)
using Dendrite;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

var (xTrain, yTrain) = CatVsNonCat.LoadTrain();       // X [209, 12288] = pixels / 255, Y [209, 1]
var (xTest, yTest) = CatVsNonCat.LoadTest();          // X [50, 12288]

// σ(w·x + b) with w and b starting at zero, exactly as in the course.
var model = new Sequential(new Dense(12288, 1, init: Init.Zeros), new Sigmoid());
GradientDescent.Fit(model, Loss.BinaryCrossEntropy, xTrain, yTrain, new Sgd(model.Parameters(), learningRate: 0.005), iterations: 2000,
    onCost: (i, cost) => { if (i % 100 == 0) Console.WriteLine($"Cost after iteration {i}: {cost:F6}"); });

Console.WriteLine($"train accuracy: {Accuracy.Binary(model, xTrain, yTrain):P2}");  // course: 99.04%
Console.WriteLine($"test accuracy:  {Accuracy.Binary(model, xTest, yTest):P2}");    // course: 70%
