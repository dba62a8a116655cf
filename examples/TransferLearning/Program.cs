// Transfer learning (course 4, week 2): a small CNN pretrained on MNIST digits 0–4 learns digits 5–9 from a few hundred
// examples, compared with the same CNN trained from scratch on them.
// Run: dotnet run -c Release --project examples/TransferLearning [examples]   (needs ../shared/data or DENDRITE_DATA)
using System.Diagnostics;
using Dendrite;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Serialization;
using Dendrite.Training;

int examples = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
var (xTrain, yTrain) = Mnist.Load(train: true, flatten: false);   // [60000, 1, 28, 28], Int32 [60000]
var (xTest, yTest) = Mnist.Load(train: false, flatten: false);
var source = Digits(xTrain, yTrain, 0, int.MaxValue);              // digits 0–4, all ~30,600, labels 0–4
var target = Digits(xTrain, yTrain, 5, examples);                  // digits 5–9, the first few hundred, labels 0–4
var targetTest = Digits(xTest, yTest, 5, int.MaxValue);

// 1. Pretrain on the source task and save the weights, as a downloaded pretrained model would come.
var watch = Stopwatch.StartNew();
var pretrained = Cnn(new Random(0));
Console.WriteLine(pretrained.Summary([64, 1, 28, 28]));
double sourceAccuracy = Fit(pretrained, source, Digits(xTest, yTest, 0, int.MaxValue), epochs: 1, batchSize: 64, learningRate: 1e-3);
string path = Path.Combine(Path.GetTempPath(), "mnist-0-4-cnn.safetensors");
Checkpoint.Save(pretrained, path);
Console.WriteLine($"pretrained on {source.Count} images of 0–4: test accuracy {sourceAccuracy:P2} ({watch.Elapsed.TotalSeconds:F1} s)");

// 2. Three ways to learn 5–9 from the small set; each gets a fresh 5-way head and 30 epochs.
Console.WriteLine($"\ndigits 5–9 from {target.Count} examples, test accuracy on {targetTest.Count} images:");
foreach (var mode in new[] { "last layer only (body frozen)", "all layers (fine-tuned)", "from scratch" })
{
    watch.Restart();
    var model = Cnn(new Random(1));
    if (mode != "from scratch") Checkpoint.Load(model, path);       // strict: the same architecture
    model[^1] = new Dense(128, 5, random: new Random(2));           // a new head for the new classes
    bool headOnly = mode.StartsWith("last", StringComparison.Ordinal);
    if (headOnly) model.Freeze().Unfreeze("9");                     // only 9.weight and 9.bias learn
    double accuracy = Fit(model, target, targetTest, epochs: 30, batchSize: 32, learningRate: headOnly ? 1e-2 : 3e-3);
    Console.WriteLine($"  {mode,-30} {accuracy:P2}  ({model.TrainableParameters().Sum(p => p.Count):N0} trainable parameters, {watch.Elapsed.TotalSeconds:F1} s)");
}

// conv 16@5×5 → ReLU → max-pool 2 → conv 32@5×5 → ReLU → max-pool 2 → flatten 512 → 128 → ReLU → 5 (the head, layer 9)
static Sequential Cnn(Random random) => new(
    new Conv2d(1, 16, 5, random: random), new Relu(), new MaxPool2d(2),
    new Conv2d(16, 32, 5, random: random), new Relu(), new MaxPool2d(2),
    new Flatten(), new Dense(512, 128, init: Init.He, random: random), new Relu(),
    new Dense(128, 5, random: random));

// The examples whose digit is in [first, first + 5), at most `count` of them in file order, labelled digit − first.
static TensorDataset Digits(Tensor x, Tensor y, int first, int count)
{
    var labels = y.ToArray<int>();
    var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= first && labels[i] < first + 5).Take(count).ToArray();
    return new TensorDataset(x.SelectRows(rows), Tensor.FromArray(rows.Select(i => labels[i] - first).ToArray()));
}

// Adam on the trainable parameters only; returns the test accuracy.
static double Fit(Module model, TensorDataset train, TensorDataset test, int epochs, int batchSize, double learningRate)
{
    var trainer = new Trainer(model, new Adam(model.TrainableParameters(), learningRate), Loss.CrossEntropy, [new Accuracy()]);
    trainer.Fit(new DataLoader(train, batchSize, seed: 1), epochs: epochs);
    return trainer.Evaluate(new DataLoader(test, 1000, shuffle: false)).Single(v => v.Key == "accuracy").Value;
}
