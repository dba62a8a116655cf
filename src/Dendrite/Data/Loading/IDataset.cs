namespace Dendrite.Data;

/// <summary>A collection of examples that can be read in batches by index.</summary>
public interface IDataset
{
    /// <summary>Number of examples m.</summary>
    int Count { get; }

    /// <summary>The examples at <paramref name="indices"/>, stacked along a new first axis.</summary>
    Batch Get(ReadOnlySpan<int> indices);
}
