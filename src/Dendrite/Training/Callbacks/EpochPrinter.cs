using System.Globalization;

namespace Dendrite.Training;

/// <summary>
/// Writes one plain line per epoch (<c>epoch 3/10  loss 0.1234  accuracy 0.98  …</c>): the progress report for logs,
/// services and redirected output. A live terminal bar is in the <c>Dendrite.Terminal</c> add-on package, which
/// implements the same <see cref="ICallback"/> protocol.
/// </summary>
/// <param name="output">Where the lines go (default: standard output).</param>
public sealed class EpochPrinter(TextWriter? output = null) : ICallback
{
    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context, EpochLog log) => (output ?? Console.Out).WriteLine(Format(context, log));

    /// <summary>The line for one finished epoch: its number out of the total, then every logged value to 4 decimals.</summary>
    public static string Format(TrainingContext context, EpochLog log) =>
        $"epoch {log.Epoch + 1}/{context.Epochs}  " + string.Join("  ",
            log.Values.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.####}")));
}
