using Dendrite.Optim;

namespace Dendrite.Cli.Specs;

/// <summary>An update rule a spec's <c>optimizer.name</c> may name, with its hyperparameters as fields.</summary>
internal abstract class OptimizerKind : SpecKind
{
    private IReadOnlyList<SpecField>? _fields;

    /// <summary>The rule's hyperparameters, then the gradient clipping every rule takes.</summary>
    public sealed override IReadOnlyList<SpecField> Fields => _fields ??=
    [
        .. RuleFields,
        SpecField.Positive("clip_value", "clamp every gradient element to [−clip_value, clip_value] before each update"),
        SpecField.Positive("clip_norm", "rescale the gradients to at most this global L2 norm before each update"),
    ];

    /// <summary>The update rule's own hyperparameters.</summary>
    protected abstract IReadOnlyList<SpecField> RuleFields { get; }

    /// <summary>The optimizer over <paramref name="parameters"/>, with the spec's gradient clipping.</summary>
    public Optimizer Create(SpecSettings settings, IEnumerable<Tensor> parameters)
    {
        var optimizer = Build(settings, parameters);
        optimizer.ClipValue = settings.DoubleOrNull("clip_value");
        optimizer.ClipNorm = settings.DoubleOrNull("clip_norm");
        return optimizer;
    }

    /// <summary>The update rule over <paramref name="parameters"/>.</summary>
    protected abstract Optimizer Build(SpecSettings settings, IEnumerable<Tensor> parameters);

    /// <summary>The <c>learning_rate</c> field α with this rule's default (Keras's: SGD 0.01, Adam and RMSprop 0.001).</summary>
    protected static SpecField LearningRate(double @default) => SpecField.Positive("learning_rate", "the learning rate α", @default);

    /// <summary>A decay rate β in [0, 1).</summary>
    protected static SpecField Beta(string name, string doc, double @default) => SpecField.Fraction(name, doc, @default);

    /// <summary>The <c>epsilon</c> field ε with this rule's default.</summary>
    protected static SpecField Epsilon(double @default) => SpecField.Positive("epsilon", "ε added to the denominator", @default);
}
