using Dendrite.Training;

namespace Dendrite.Tests.Training.Metrics;

public class ModelSelectionTests
{
    private static Dictionary<string, double> Scores(double accuracy, double ms) =>
        new() { ["accuracy"] = accuracy, ["running_time_ms"] = ms };

    // The course's table: A 90 % 80 ms, B 92 % 95 ms, C 95 % 1,500 ms.
    private static readonly (string Name, Dictionary<string, double> Scores)[] Classifiers =
        [("A", Scores(0.90, 80)), ("B", Scores(0.92, 95)), ("C", Scores(0.95, 1500))];

    [Fact]
    public void MaximizeAccuracy_SubjectToRunningTime_PicksB()
    {
        var rule = new ModelSelection("accuracy", maximize: true, Satisficing.AtMostOf("running_time_ms", 100));
        Assert.Equal("B", rule.Best(Classifiers, c => c.Scores).Name);
        Assert.Equal("maximize accuracy subject to running_time_ms ≤ 100", rule.ToString());
        Assert.Equal("C", new ModelSelection("accuracy").Best(Classifiers, c => c.Scores).Name); // unconstrained
    }

    [Fact]
    public void NoFeasibleCandidate_GivesMinusOne()
    {
        var rule = new ModelSelection("accuracy", true, Satisficing.AtMostOf("running_time_ms", 50));
        Assert.Equal(-1, rule.BestIndex(Classifiers.Select(c => (IReadOnlyDictionary<string, double>)c.Scores).ToList()));
        Assert.Null(rule.Best(Classifiers.Select(c => c.Name), n => Classifiers.First(c => c.Name == n).Scores));
    }

    [Fact]
    public void Minimize_WithAtLeastConstraint_AndMetricDirection()
    {
        var candidates = new List<IReadOnlyDictionary<string, double>>
        {
            new Dictionary<string, double> { ["log_loss"] = 0.30, ["recall"] = 0.95 },
            new Dictionary<string, double> { ["log_loss"] = 0.20, ["recall"] = 0.80 },
            new Dictionary<string, double> { ["log_loss"] = 0.25, ["recall"] = 0.91 },
            new Dictionary<string, double> { ["log_loss"] = double.NaN, ["recall"] = 0.99 },
        };
        var rule = new ModelSelection(new LogLoss(), Satisficing.AtLeastOf("recall", 0.9));
        Assert.False(rule.Maximize);
        Assert.Equal(2, rule.BestIndex(candidates));
    }

    [Fact]
    public void MissingScore_NamesIt()
    {
        var rule = new ModelSelection("f1");
        var ex = Assert.Throws<ArgumentException>(() => rule.BestIndex([Scores(0.9, 10)]));
        Assert.Contains("'f1'", ex.Message);
    }
}
