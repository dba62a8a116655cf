using Dendrite.Autograd;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>Builds the model a <see cref="ModelSpec"/> describes: a <see cref="Sequential"/> of its layers, or a zoo model.</summary>
internal static class SpecModel
{
    /// <summary>
    /// Builds the layers in order, each from the shape that reaches it (found by running what precedes it on one zero
    /// example), or the zoo model for the examples' shape.
    /// </summary>
    /// <param name="spec">The layers or zoo model, and the initialization seed.</param>
    /// <param name="inputShape">One example's input shape.</param>
    /// <param name="trainX">The training inputs, to adapt normalization layers.</param>
    /// <param name="dtype">Parameter dtype.</param>
    /// <returns>The model and the shape of one example's output.</returns>
    /// <param name="vocabulary">The data's number of classes or tokens, when it has class names (embedding layers default to it).</param>
    public static (Module Model, Shape Output) Build(ModelSpec spec, Shape inputShape, Tensor trainX, DType dtype, int? vocabulary = null)
    {
        if (spec.InitRng == "numpy" && spec.InitSeed < 0)
            throw new CliException($"model.init_seed: expected a non-negative seed for init_rng numpy but got {spec.InitSeed}");
        Random random = spec.InitRng == "numpy" ? new NumpyRandom((uint)spec.InitSeed) : new Random(spec.InitSeed);
        if (spec.Zoo is { } zoo)
        {
            var kind = (ZooKind)zoo.Kind;
            var model = Guard("model.zoo", () => kind.Build(zoo, inputShape, random).To(dtype));
            return (model, OutputShape(model, inputShape, $"model.zoo ({kind.Name})", trainX.DType == DType.Int32 ? DType.Int32 : dtype));
        }
        var shape = inputShape;
        bool raw = true, indices = trainX.DType == DType.Int32;
        var layers = new List<Module>();
        var budget = ParameterBudget.ForMachine(dtype);
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var settings = spec.Layers[i];
            var context = new LayerContext
            {
                Path = $"model.layers[{i}]", Index = i, Example = shape, Raw = raw, Random = random, InitSeed = spec.InitSeed, DType = dtype, TrainX = trainX,
                Indices = indices, Vocabulary = vocabulary,
            };
            budget.Add(context.Path, ((LayerKind)settings.Kind).ParameterShapes(settings, context));
            var layer = Guard(context.Path, () => ((LayerKind)settings.Kind).Build(settings, context));
            var next = OutputShape(layer, shape, $"{context.Path} ({settings.Type})", indices ? DType.Int32 : dtype);
            indices = false;
            raw &= layer.ParameterCount == 0 && next == shape;
            shape = next;
            layers.Add(layer);
        }
        return (new Sequential([.. layers]), shape);
    }

    /// <summary>The shape of one example after <paramref name="module"/>; an error naming <paramref name="path"/> when it rejects the input.</summary>
    private static Shape OutputShape(Module module, Shape example, string path, DType dtype)
    {
        bool training = module.IsTraining;
        try
        {
            using var noGrad = GradMode.NoGrad();
            module.Eval();
            var output = module.Forward(Tensor.Zeros([1, .. example.ToArray()], dtype));
            return Shape.Create(output.Shape.Dims[1..]);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{path}: does not fit one example of shape {example}: {e.Message}");
        }
        finally
        {
            module.Train(training);
        }
    }

    private static Module Guard(string path, Func<Module> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }
}
