// Course 2: an MLP 784-256-128-10 trained with Adam on MNIST (or Fashion-MNIST: pass "fashion").
// Run: dotnet run -c Release --project examples/MnistMlp [fashion] [epochs]   (needs ../shared/data or DENDRITE_DATA)
using Dendrite;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Terminal;
using Dendrite.Training;

bool fashion = args.Length > 0 && args[0] == "fashion";
int epochs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var (xTrain, yTrain) = fashion ? FashionMnist.Load(train: true) : Mnist.Load(train: true);   // X [60000, 784] in [0, 1], Y Int32 [60000]
var (xTest, yTest) = fashion ? FashionMnist.Load(train: false) : Mnist.Load(train: false);

Init.ManualSeed(0);
var model = new Sequential(
    new Dense(784, 256, init: Init.He), new Relu(),
    new Dense(256, 128, init: Init.He), new Relu(),
    new Dense(128, 10));
Console.WriteLine(model.Summary([128, 784]));

var trainer = new Trainer(model, new Adam(model.Parameters(), learningRate: 1e-3), Loss.CrossEntropy, [new Accuracy()]);
trainer.Fit(new DataLoader(new TensorDataset(xTrain, yTrain), batchSize: 128, seed: 1),
            new DataLoader(new TensorDataset(xTest, yTest), batchSize: 1000, shuffle: false), epochs, new ProgressBar());

var test = trainer.Evaluate(new DataLoader(new TensorDataset(xTest, yTest), batchSize: 1000, shuffle: false));
Console.WriteLine($"test accuracy: {test.Single(v => v.Key == "accuracy").Value:P2}");
