using Dendrite.Cli;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Optim.Schedules;
using Dendrite.Serialization;
using Dendrite.Tests.Support;
using Dendrite.Training;

namespace Dendrite.Tests.Cli.Specs;

/// <summary>Building runs from specs: the model, optimizer, loss, data and the course's numbers.</summary>
public class RunFactoryTests
{
    private static RunSetup Build(string json) => RunFactory.Build(SpecReaderTests.Parse(json));

    [Fact]
    public void Builds_the_layers_parameters_and_dtype_the_spec_names()
    {
        var setup = Build("""
            {
              "data": { "dataset": "moons", "count": 100 },
              "model": { "layers": [
                { "type": "dense", "units": 8, "init": "he" }, { "type": "leaky_relu", "slope": 0.2 },
                { "type": "batchnorm", "momentum": 0.3, "epsilon": 0.001 }, { "type": "dropout", "keep_prob": 0.8, "seed": 4 },
                { "type": "dense", "units": 1, "bias": false } ] },
              "dtype": "float64"
            }
            """);
        var model = Assert.IsType<Sequential>(setup.Model);
        Assert.Equal([typeof(Dense), typeof(LeakyRelu), typeof(BatchNorm1d), typeof(Dropout), typeof(Dense)], model.Layers.Select(l => l.GetType()));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(2 * 8 + 8 + 8 + 8 + 8, model.ParameterCount);
        Assert.All(model.Parameters(), p => Assert.Equal(DType.Float64, p.DType));
        Assert.Equal(0.2, ((LeakyRelu)model[1]).Slope);
        Assert.Equal(0.3, ((BatchNorm1d)model[2]).Momentum);
        Assert.Equal(0.2, ((Dropout)model[3]).P, 12);
        Assert.Equal(new Shape(2), setup.InputShape);
        Assert.Equal(DType.Float64, setup.DType);
        Assert.Equal(OutputKind.BinaryLogits, setup.OutputKind);   // inferred: binary targets, no sigmoid
        Assert.Equal(32, setup.BatchSize);
        Assert.Equal(10, setup.Epochs);
        Assert.Equal("loss", setup.Monitor);
        Assert.Equal(["accuracy"], setup.CreateMetrics().Select(m => m.Name));
        Assert.IsType<Adam>(setup.Optimizer);
        Assert.Equal(0.001, setup.Optimizer.LearningRate);
    }

    [Theory]
    [InlineData("""{ "name": "sgd", "learning_rate": 0.1, "momentum": 0.5 }""", typeof(Sgd), 0.1)]
    [InlineData("""{ "name": "momentum", "beta": 0.8 }""", typeof(Sgd), 0.01)]
    [InlineData("""{ "name": "nesterov" }""", typeof(Sgd), 0.01)]
    [InlineData("""{ "name": "rmsprop", "beta": 0.95, "epsilon": 1e-6 }""", typeof(RmsProp), 0.001)]
    [InlineData("""{ "name": "adam", "beta1": 0.8, "beta2": 0.99 }""", typeof(Adam), 0.001)]
    [InlineData("""{ "name": "adamw", "learning_rate": 0.003, "weight_decay": 0.05 }""", typeof(AdamW), 0.003)]
    [InlineData("""{ "name": "adagrad" }""", typeof(AdaGrad), 0.01)]
    public void Builds_the_optimizer_with_its_hyperparameters(string optimizer, Type type, double learningRate)
    {
        var setup = Build($$"""{ "data": "xor", "model": { "layers": [ { "type": "dense", "units": 1 } ] }, "optimizer": {{optimizer}} }""");
        Assert.IsType(type, setup.Optimizer);
        Assert.Equal(learningRate, setup.Optimizer.LearningRate);
        switch (setup.Optimizer)
        {
            case Sgd { Form: MomentumForm.PyTorch } sgd: Assert.Equal(0.5, sgd.Momentum); break;
            case Sgd { Form: MomentumForm.Course } sgd: Assert.Equal(0.8, sgd.Momentum); break;
            case Sgd { Form: MomentumForm.Nesterov } sgd: Assert.Equal(0.9, sgd.Momentum); break;
            case RmsProp rms: Assert.Equal((0.95, 1e-6), (rms.Beta, rms.Epsilon)); break;
            case AdamW w: Assert.Equal(0.05, w.WeightDecay); break;
            case Adam adam: Assert.Equal((0.8, 0.99), (adam.Beta1, adam.Beta2)); break;
        }
    }

    [Fact]
    public void Builds_loss_schedule_regularizer_and_splits()
    {
        var setup = Build("""
            {
              "data": { "dataset": "spirals", "count": 50, "classes": 3, "dev": 0.2, "test": 0.1, "split_seed": 1, "standardize": true },
              "model": { "layers": [ { "type": "dense", "units": 16 }, "relu", { "type": "dense", "units": 3 } ] },
              "optimizer": { "name": "sgd", "learning_rate": 0.5 },
              "schedule": { "type": "warmup", "steps": 4, "then": { "type": "step", "step": 10, "gamma": 0.5 }, "per": "step" },
              "regularization": { "l1": 0.01 },
              "batch_size": "all", "iterations": 7, "metrics": ["accuracy", "f1_macro"]
            }
            """);
        Assert.Equal(OutputKind.MulticlassLogits, setup.OutputKind);
        Assert.Equal((105, 30, 15), (setup.Train.Count, setup.Dev!.Count, setup.Test!.Count));
        Assert.Equal(105, setup.BatchSize);
        Assert.Equal(7, setup.Epochs);
        Assert.Equal("dev_loss", setup.Monitor);
        Assert.True(setup.SchedulePerStep);
        var warmup = Assert.IsType<LinearWarmup>(setup.Schedule);
        Assert.Equal(0.5 * 2 / 4, warmup.LearningRate(1));
        Assert.Equal(0.25, warmup.LearningRate(4 + 10));
        Assert.Equal(0.01, Assert.IsType<L1>(setup.Regularizer).Lambda);
        Assert.Equal(["accuracy", "f1_macro"], setup.CreateMetrics().Select(m => m.Name));
        var x = ((TensorDataset)setup.Train).Inputs;
        var mean = x.ToArray<float>().Where((_, i) => i % 2 == 0).Average();
        Assert.InRange(mean, -1e-5, 1e-5); // standardized with the training statistics

        var batch = setup.CreateTrainLoader().Batches(0).Single();
        Assert.Equal(105, batch.Count);
        var logits = setup.Model.Forward(batch.Inputs);
        Assert.Equal(Loss.CrossEntropy(logits, batch.Targets).Item(), setup.Loss(logits, batch.Targets).Item());
    }

    [Theory]
    [InlineData("""{ "data": "spirals", "model": { "layers": [ { "type": "dense", "units": 3 }, "softmax" ] } }""",
                "model.layers[1].type: softmax before cross_entropy")]
    [InlineData("""{ "data": "xor", "loss": "bce", "model": { "layers": [ { "type": "dense", "units": 1 } ] } }""",
                "model.layers[0].type: bce expects probabilities but the last layer is dense; expected sigmoid")]
    [InlineData("""{ "data": "xor", "loss": "cross_entropy", "model": { "layers": [ { "type": "dense", "units": 2 } ] } }""",
                "loss: cross_entropy needs class labels but xor has binary 0/1 targets")]
    [InlineData("""{ "data": "spirals", "model": { "layers": [ { "type": "dense", "units": 2 } ] } }""",
                "model.layers[0].units: the model outputs 2 values per example but spirals with cross_entropy needs at least 3")]
    [InlineData("""{ "data": "xor", "model": { "layers": [ { "type": "dense", "units": 4 }, "sigmoid" ] } }""",
                "model.layers[0].units: the model outputs 4 values per example but xor with bce needs 1")]
    [InlineData("""{ "data": "xor", "model": { "layers": [ { "type": "dense", "units": 3 }, "normalization", { "type": "dense", "units": 1 } ] } }""",
                "model.layers[1].type: normalization is adapted to the training inputs, so it must come before any layer that changes them")]
    public void Parts_that_do_not_fit_together_are_reported(string json, string expected)
    {
        var e = Assert.Throws<CliException>(() => Build(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Missing_data_names_the_places_searched_and_the_download_command()
    {
        string empty = Path.Combine(Path.GetTempPath(), "dendrite-nodata-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<CliException>(() => DataLocations.Find("mnist", empty, sharedData: null));
        Assert.Contains(empty, e.Message);
        Assert.Contains("dendrite datasets --download mnist", e.Message);
        Assert.Contains(DataLocations.CacheFolder("mnist"), e.Message);
    }

    [Fact]
    public void Planar_spec_reproduces_the_course_costs()
    {
        var setup = RunFactory.Build(SpecReader.Read("planar"));
        Assert.Equal((10_000, 400, DType.Float64, OutputKind.BinaryProbability), (setup.Epochs, setup.BatchSize, setup.DType, setup.OutputKind));
        var trainer = new Trainer(setup.Model, setup.Optimizer, setup.Loss, setup.CreateMetrics(), setup.Regularizer);
        var history = trainer.Fit(setup.CreateTrainLoader(), epochs: 7001);
        (int Epoch, double Cost)[] course =
        [
            (0, 0.693048), (1000, 0.288083), (2000, 0.254385), (3000, 0.233864), (4000, 0.226792),
            (5000, 0.222644), (6000, 0.219731), (7000, 0.217504),
        ];
        foreach (var (epoch, cost) in course)
        {
            double loss = history.Epochs[epoch].Values.Single(v => v.Key == "loss").Value;
            Assert.True(Math.Abs(loss - cost) < 1e-6, $"cost after iteration {epoch}: course {cost} but got {loss:F6}");
        }
    }

    [Fact]
    public void Planar_spec_through_gradient_descent_matches_the_course()
    {
        var setup = RunFactory.Build(SpecReader.Read("planar"));
        var train = (TensorDataset)setup.Train;
        var costs = GradientDescent.Fit(setup.Model, setup.Loss, train.Inputs, train.Targets, setup.Optimizer, 1001);
        Assert.Equal(0.693048, costs[0], 6);
        Assert.Equal(0.288083, costs[1000], 6);
    }

    [Fact]
    public void Course_W1_b1_npz_loads_into_the_dense_layers_in_order()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dendrite-init-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var w1 = Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
            var b1 = Tensor.FromArray(new double[,] { { 0.1 }, { 0.2 }, { 0.3 } });
            var w2 = Tensor.FromArray(new double[,] { { 7, 8, 9 } });
            var b2 = Tensor.FromArray(new double[,] { { -1 } });
            Npz.Write(Path.Combine(folder, "course.npz"), [new("W1", w1), new("b1", b1), new("W2", w2), new("b2", b2)]);
            File.WriteAllText(Path.Combine(folder, "spec.json"), """
                {
                  "data": "planar",
                  "model": { "layers": [ { "type": "dense", "units": 3 }, "tanh", { "type": "dropout", "p": 0.1 }, { "type": "dense", "units": 1 }, "sigmoid" ] },
                  "initial_parameters": "course.npz"
                }
                """);
            var model = (Sequential)RunFactory.Build(SpecReader.Read(Path.Combine(folder, "spec.json"))).Model;
            Assert.Equal([1f, 2, 3, 4, 5, 6], ((Dense)model[0]).Weight.ToArray<float>());
            Assert.Equal([0.1f, 0.2f, 0.3f], ((Dense)model[0]).Bias!.ToArray<float>());
            Assert.Equal([7f, 8, 9], ((Dense)model[3]).Weight.ToArray<float>());
            Assert.Equal([-1f], ((Dense)model[3]).Bias!.ToArray<float>());

            var state = model.StateDict();
            Npz.Write(Path.Combine(folder, "state.npz"), [new("0.weight", state["0.weight"]), new("0.bias", state["0.bias"])]);
            File.WriteAllText(Path.Combine(folder, "partial.json"), """
                { "data": "planar", "model": { "layers": [ { "type": "dense", "units": 3 }, { "type": "dense", "units": 1 } ] }, "initial_parameters": "state.npz" }
                """);
            var e = Assert.Throws<CliException>(() => RunFactory.Build(SpecReader.Read(Path.Combine(folder, "partial.json"))));
            Assert.Contains("initial_parameters", e.Message);
            Assert.Contains("1.weight", e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_safetensors_checkpoint_loads_as_initial_parameters()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dendrite-ckpt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string json = """{ "data": "xor", "model": { "layers": [ { "type": "dense", "units": 2 }, "relu", { "type": "dense", "units": 1 } ], "init_seed": SEED } INIT }""";
            var source = Build(json.Replace("SEED", "1").Replace("INIT", ""));
            Checkpoint.Save(source.Model, Path.Combine(folder, "model.safetensors"));
            File.WriteAllText(Path.Combine(folder, "spec.json"), json.Replace("SEED", "2").Replace("INIT", """, "initial_parameters": "model.safetensors" """));
            var loaded = RunFactory.Build(SpecReader.Read(Path.Combine(folder, "spec.json")));
            Assert.Equal(source.Model.Parameters().SelectMany(p => p.ToArray<float>()), loaded.Model.Parameters().SelectMany(p => p.ToArray<float>()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Numpy_shuffling_reproduces_the_course_mini_batches()
    {
        var setup = RunFactory.Build(SpecReader.Read("moons-adam"));
        Assert.Equal((64, 1000, 5), (setup.BatchSize, setup.Epochs, setup.BatchesPerEpoch));
        var order = setup.CreateTrainLoader().Order(2);
        Assert.Equal(new NumpyRandom(13).Permutation(300), order); // random_mini_batches: np.random.seed(10 + epoch + 1)
    }

    [Fact]
    public void Csv_data_reads_labels_by_name_and_infers_regression()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dendrite-csv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllLines(Path.Combine(folder, "t.csv"), ["a,target,b", "1,0.5,2", "3,1.5,4", "5,2.5,6", "7,3.5,8"]);
            File.WriteAllText(Path.Combine(folder, "spec.yaml"), "data: {dataset: csv, path: t.csv, label: target, dev: 0.25}\nmodel: {layers: [{type: dense, units: 1}]}\n");
            var setup = RunFactory.Build(SpecReader.Read(Path.Combine(folder, "spec.yaml")));
            Assert.Equal(OutputKind.Regression, setup.OutputKind);
            Assert.Empty(setup.CreateMetrics());
            Assert.Equal((3, 1), (setup.Train.Count, setup.Dev!.Count));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [DataFact]
    public void Mnist_spec_builds_the_course_mlp()
    {
        var setup = RunFactory.Build(SpecReader.Read("mnist-mlp"));
        Assert.Equal(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, setup.Model.ParameterCount);
        Assert.Equal((60_000, 10_000), (setup.Train.Count, setup.Test!.Count));
        Assert.Equal((OutputKind.MulticlassLogits, 128, 10), (setup.OutputKind, setup.BatchSize, setup.Epochs));
        Assert.Equal(0.8 * 0.8 * 1e-3, Assert.IsType<ExponentialDecay>(setup.Schedule).LearningRate(2), 15);
        Assert.Equal(10, setup.ClassNames!.Count);
    }

    [DataFact]
    public void Football_l2_spec_reproduces_the_course_first_cost()
    {
        var setup = RunFactory.Build(SpecReader.Read("football-l2"));
        var train = (TensorDataset)setup.Train;
        var penalty = setup.Regularizer!;
        var costs = GradientDescent.Fit(setup.Model, (p, t) => setup.Loss(p, t) + penalty.Penalty(setup.Model, train.Count),
                                        train.Inputs, train.Targets, setup.Optimizer, 1);
        Assert.Equal(0.697448, costs[0], 6); // course: 0.6974484493131264
        Assert.Equal(30_000, setup.Epochs);
        Assert.Equal(200, setup.Test!.Count);
    }
}
