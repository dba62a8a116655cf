// Course 2, week 3: random hyperparameter search on a log scale, coarse to fine, trials in parallel.
// Run: dotnet run -c Release --project examples/HyperparameterSearch
using Dendrite;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;

var (x, y) = Moons.Generate(count: 600, noise: 0.25, seed: 1);
var (train, dev, _) = Split.TrainDevTest(x, y, 0.6, 0.2, 0.2, seed: 2);

var space = new SearchSpace
{
    { "learning_rate", new LogUniform(1e-4, 1) },        // α = 10^r, r ∈ [−4, 0]
    { "beta1", new OneMinusLogUniform(0.8, 0.999) },     // β = 1 − 10^r
    { "hidden", new IntRange(2, 32) },
};

double DevAccuracy(Trial trial)
{
    var random = new Random(trial.Seed);
    int hidden = trial.Get<int>("hidden");
    var model = new Sequential(new Dense(2, hidden, init: Init.He, random: random), new Relu(), new Dense(hidden, 1, random: random));
    var trainer = new Trainer(model, new Adam(model.Parameters(), trial["learning_rate"], beta1: trial["beta1"]),
                              Loss.BinaryCrossEntropyWithLogits, [new Accuracy(fromLogits: true)]);
    trainer.Fit(new DataLoader(train, 32, seed: trial.Seed), epochs: 30);
    return trainer.Evaluate(new DataLoader(dev, 256, shuffle: false)).Single(v => v.Key == "accuracy").Value;
}

var results = new RandomSearch(space, DevAccuracy, maximize: true, seed: 0, metricName: "dev_accuracy").Run(trialsPerRound: 12, rounds: 2, keepBest: 3);
Console.WriteLine(results.ToString(10));
