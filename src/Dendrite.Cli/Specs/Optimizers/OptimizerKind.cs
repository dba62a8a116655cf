using Dendrite.Optim;

namespace Dendrite.Cli.Specs;

/// <summary>An update rule a spec's <c>optimizer.name</c> may name, with its hyperparameters as fields.</summary>
internal abstract class OptimizerKind : SpecKind
{
    /// <summary>The optimizer over <paramref name="parameters"/>.</summary>
    public abstract Optimizer Build(SpecSettings settings, IEnumerable<Tensor> parameters);

    /// <summary>The <c>learning_rate</c> field α with this rule's default (Keras's: SGD 0.01, Adam and RMSprop 0.001).</summary>
    protected static SpecField LearningRate(double @default) => SpecField.Positive("learning_rate", "the learning rate α", @default);

    /// <summary>A decay rate β in [0, 1).</summary>
    protected static SpecField Beta(string name, string doc, double @default) => SpecField.Fraction(name, doc, @default);

    /// <summary>The <c>epsilon</c> field ε with this rule's default.</summary>
    protected static SpecField Epsilon(double @default) => SpecField.Positive("epsilon", "ε added to the denominator", @default);
}
