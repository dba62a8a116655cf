using System.Globalization;
using Dendrite.Training;

namespace Dendrite.Cli.Runs;

/// <summary>
/// Prints one line every <c>every</c> epochs and at the last, the way the course's notebooks print
/// "Cost after iteration i: J" (for full-batch runs an epoch is one iteration), followed by the other logged values.
/// </summary>
internal sealed class CostPrinter(TextWriter output, int every) : ICallback
{
    public void OnEpochEnd(TrainingContext context, EpochLog log)
    {
        if (log.Epoch % every != 0 && log.Epoch != context.Epochs - 1) return;
        var extra = log.Values.Where(v => v.Key is not ("loss" or "lr" or "seconds"))
                              .Select(v => string.Create(CultureInfo.InvariantCulture, $"  {v.Key} {v.Value:0.####}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Cost after iteration {log.Epoch}: {log["loss"]:F6}") + string.Concat(extra));
    }
}
