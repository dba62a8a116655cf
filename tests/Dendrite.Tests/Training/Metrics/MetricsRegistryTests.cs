using Dendrite.Training;
using MetricRegistry = Dendrite.Training.Metrics;

namespace Dendrite.Tests.Training.Metrics;

public class MetricsRegistryTests
{
    [Fact]
    public void EveryName_CreatesAMetricOfThatName()
    {
        string[] required = ["accuracy", "precision", "recall", "f1", "f1_macro", "f1_micro", "log_loss"];
        Assert.Subset(MetricRegistry.Names.ToHashSet(), required.ToHashSet());
        foreach (string name in MetricRegistry.Names)
            Assert.Equal(name, MetricRegistry.Create(name).Name);
        Assert.IsType<F1>(MetricRegistry.Create(" F1_Macro "));
        Assert.NotSame(MetricRegistry.Create("accuracy"), MetricRegistry.Create("accuracy"));
    }

    [Fact]
    public void UnknownName_ListsValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => MetricRegistry.Create("auc"));
        Assert.Contains("'auc'", ex.Message);
        foreach (string name in MetricRegistry.Names) Assert.Contains(name, ex.Message);
    }

    [Fact]
    public void IsBetter_FollowsDirection()
    {
        Assert.True(MetricRegistry.Create("accuracy").IsBetter(0.9, 0.8));
        Assert.True(MetricRegistry.Create("log_loss").IsBetter(0.1, 0.2));
        Assert.False(MetricRegistry.Create("accuracy").IsBetter(double.NaN, 0.2));
        Assert.True(MetricRegistry.Create("accuracy").IsBetter(0.1, double.NaN));
    }
}
