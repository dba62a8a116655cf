using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Training;

namespace Dendrite.Cli.Runs;

/// <summary>A trained classifier's class probabilities on a data set, for error analysis (binary outputs become two columns).</summary>
internal static class ClassProbabilities
{
    /// <summary>Class probabilities [N, C] and labels of a classification run on a split.</summary>
    public static (double[,] Probabilities, int[] Labels) Of(RunSetup setup, IDataset data)
    {
        if (!setup.OutputKind.Classifies())
            throw new CliException("error analysis is for classifiers; this run predicts " + setup.OutputKind switch
            {
                OutputKind.Regression => "real values",
                OutputKind.Detection => "boxes (see its report's detections, or `dendrite detect`)",
                OutputKind.PixelLogits => "a class per pixel",
                _ => "sequences",
            });
        var batch = data.Get([.. Enumerable.Range(0, data.Count)]);
        var scores = new Trainer(setup.Model, setup.Optimizer, setup.Loss).Predict(batch.Inputs);
        int m = data.Count;
        if (setup.OutputKind == OutputKind.MulticlassLogits)
        {
            var p = scores.Softmax().To(DType.Float64).ToArray<double>();
            int c = scores.Shape[1];
            var probabilities = new double[m, c];
            for (int i = 0; i < m; i++) for (int j = 0; j < c; j++) probabilities[i, j] = p[i * c + j];
            return (probabilities, batch.Targets.ToArray<int>());
        }
        var q = (setup.OutputKind == OutputKind.BinaryLogits ? scores.Sigmoid() : scores).To(DType.Float64).ToArray<double>();
        var binary = new double[m, 2];
        for (int i = 0; i < m; i++) (binary[i, 0], binary[i, 1]) = (1 - q[i], q[i]);
        return (binary, [.. batch.Targets.To(DType.Float64).ToArray<double>().Select(v => v > 0.5 ? 1 : 0)]);
    }
}
