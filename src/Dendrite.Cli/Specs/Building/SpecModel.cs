using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>Builds the <see cref="Sequential"/> a <see cref="ModelSpec"/> describes.</summary>
internal static class SpecModel
{
    /// <summary>Builds the layers in order; dense and batchnorm layers take their input size from what precedes them.</summary>
    /// <param name="spec">The layers and the initialization seed.</param>
    /// <param name="inputShape">One example's input shape.</param>
    /// <param name="trainX">The training inputs, to adapt normalization layers.</param>
    /// <param name="dtype">Parameter dtype.</param>
    /// <returns>The model and its output size per example.</returns>
    public static (Sequential Model, int Outputs) Build(ModelSpec spec, Shape inputShape, Tensor trainX, DType dtype)
    {
        if (spec.InitRng == "numpy" && spec.InitSeed < 0)
            throw new CliException($"model.init_seed: expected a non-negative seed for init_rng numpy but got {spec.InitSeed}");
        Random random = spec.InitRng == "numpy" ? new NumpyRandom((uint)spec.InitSeed) : new Random(spec.InitSeed);
        int features = inputShape.Rank == 1 ? inputShape[0] : -1;
        bool raw = true;
        var layers = new List<Module>();
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var l = spec.Layers[i];
            string path = $"model.layers[{i}]";
            if (l.Type is "dense" or "batchnorm" or "normalization" && features < 0)
                throw new CliException($"{path}.type: {l.Type} expects flat inputs [N, features] but one example has shape {inputShape}");
            layers.Add(l.Type switch
            {
                "dense" => new Dense(features, l.Units!.Value, l.Bias ?? true, Initializer(l.Init ?? "xavier"), random, dtype),
                "relu" => new Relu(),
                "leaky_relu" => new LeakyRelu(l.Slope ?? 0.01),
                "sigmoid" => new Sigmoid(),
                "tanh" => new Tanh(),
                "softmax" => new Softmax(),
                "dropout" => new Dropout(l.P ?? (l.KeepProb is double keep ? 1 - keep : 0.5), l.Seed ?? unchecked(spec.InitSeed + i)),
                "batchnorm" => new BatchNorm1d(features, l.Epsilon ?? 1e-5, l.Momentum ?? 0.1, dtype),
                _ => raw ? Normalization.Adapt(trainX, l.Epsilon ?? 1e-8)
                    : throw new CliException($"{path}.type: normalization is adapted to the training inputs, so it must come before any dense layer"),
            });
            if (l.Type == "dense")
            {
                features = l.Units!.Value;
                raw = false;
            }
        }
        return (new Sequential([.. layers]), features);
    }

    /// <summary>The initializer named in a spec.</summary>
    public static Initializer Initializer(string name) => name switch
    {
        "zeros" => Init.Zeros,
        "small_random" => Init.SmallRandom,
        "glorot" => Init.Glorot,
        "glorot_uniform" => Init.GlorotUniform,
        "he" => Init.He,
        _ => Init.Xavier,
    };
}
