namespace Dendrite.Data;

/// <summary>What a reader does with a NaN or ±∞ value in the data: a model fed one trains on garbage without the loss showing it.</summary>
public enum NonFiniteHandling
{
    /// <summary>Refuse the file, naming where the value is (the default).</summary>
    Error,

    /// <summary>Skip every example (row) that holds one.</summary>
    Drop,

    /// <summary>Keep the values as they are (for data whose NaNs a later step handles).</summary>
    Allow,
}
