// Course 1, week 4: the L-layer network [12288, 20, 7, 5, 1] on cat/non-cat images.
// Run: dotnet run -c Release --project examples/DeepNetwork   (needs ../shared/data or DENDRITE_DATA)
using Dendrite;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

var (xTrain, yTrain) = CatVsNonCat.LoadTrain();
var (xTest, yTest) = CatVsNonCat.LoadTest();

int[] dims = [12288, 20, 7, 5, 1];
var numpy = new NumpyRandom(1);                       // the course's np.random.seed(1); W = randn(n[l], n[l-1]) / sqrt(n[l-1])
var layers = new List<Module>();
for (int l = 1; l < dims.Length; l++)
{
    layers.Add(new Dense(dims[l - 1], dims[l], init: Init.Xavier, random: numpy));
    layers.Add(l < dims.Length - 1 ? new Relu() : new Sigmoid());
}
var model = new Sequential([.. layers]);
Console.WriteLine(model.Summary([209, 12288]));

GradientDescent.Fit(model, Loss.BinaryCrossEntropy, xTrain, yTrain, new Sgd(model.Parameters(), learningRate: 0.0075), iterations: 2500,
    onCost: (i, cost) => { if (i % 100 == 0) Console.WriteLine($"Cost after iteration {i}: {cost:F6}"); });

Console.WriteLine($"train accuracy: {Accuracy.Binary(model, xTrain, yTrain):P2}");  // course: 98.56%
Console.WriteLine($"test accuracy:  {Accuracy.Binary(model, xTest, yTest):P2}");    // course: 80%
