using Dendrite.Training;

namespace Dendrite.Tests.Training.Strategy;

/// <summary>The lectures' bias / variance / data-mismatch cases (Course 3, week 1 and 2), exact.</summary>
public class DiagnosisTests
{
    [Fact]
    public void Human_1_train_8_dev_10_is_avoidable_bias_of_7_points()
    {
        var d = new Diagnosis(TrainError: 0.08, DevError: 0.10, HumanError: 0.01);
        Assert.Equal(0.07, d.AvoidableBias!.Value, 12);
        Assert.Equal(0.02, d.Variance, 12);
        Assert.Equal(Gap.AvoidableBias, d.Largest);
        Assert.Contains("train a bigger model", Diagnosis.Remedies(d.Largest));
    }

    [Fact]
    public void Human_7_5_with_the_same_errors_is_variance()
    {
        var d = new Diagnosis(TrainError: 0.08, DevError: 0.10, HumanError: 0.075);
        Assert.Equal(0.005, d.AvoidableBias!.Value, 12);
        Assert.Equal(0.02, d.Variance, 12);
        Assert.Equal(Gap.Variance, d.Largest);
        Assert.Contains("regularize (L2, dropout, data augmentation)", Diagnosis.Remedies(d.Largest));
    }

    [Fact]
    public void Human_0_train_1_train_dev_1_5_dev_10_is_data_mismatch_of_8_5_points()
    {
        var d = new Diagnosis(TrainError: 0.01, DevError: 0.10, HumanError: 0, TrainDevError: 0.015);
        Assert.Equal(0.01, d.AvoidableBias!.Value, 12);
        Assert.Equal(0.005, d.Variance, 12);
        Assert.Equal(0.085, d.DataMismatch!.Value, 12);
        Assert.Equal(Gap.DataMismatch, d.Largest);
        Assert.Contains("synthesize", string.Join(" ", Diagnosis.Remedies(d.Largest)));
    }

    [Fact]
    public void Test_far_above_dev_is_overfitting_to_dev_and_missing_levels_drop_their_gaps()
    {
        var d = new Diagnosis(TrainError: 0.02, DevError: 0.03, TestError: 0.09);
        Assert.Null(d.AvoidableBias);
        Assert.Null(d.DataMismatch);
        Assert.Equal([Gap.Variance, Gap.OverfittingToDev], d.Gaps.Select(g => g.Gap));
        Assert.Equal(Gap.OverfittingToDev, d.Largest);
        Assert.Equal(["get a bigger dev set"], Diagnosis.Remedies(d.Largest));
    }

    [Fact]
    public void The_table_names_each_level_gap_and_the_verdict()
    {
        string text = new Diagnosis(TrainError: 0.01, DevError: 0.10, HumanError: 0, TrainDevError: 0.015).ToString();
        Assert.Contains("train-dev           1.5%   variance 0.5%", text);
        Assert.Contains("dev                  10%   data mismatch 8.5%", text);
        Assert.Contains("largest gap: data mismatch", text);
    }
}
