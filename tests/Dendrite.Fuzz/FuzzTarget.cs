namespace Dendrite.Fuzz;

/// <summary>One reader under fuzzing: its valid seed files, how to read one input, and which errors it documents.</summary>
/// <param name="Name">The format's name on the command line and in the regression folder, e.g. <c>idx-gz</c>.</param>
/// <param name="Extension">The file extension an input is written with (the spec reader picks YAML or JSON by it).</param>
/// <param name="Seeds">Valid files; each input is a mutation of one of them.</param>
/// <param name="Read">Reads one input: the bytes and the path or source name that errors must name.</param>
/// <param name="IsDocumented">Whether an exception is one of the reader's documented error types.</param>
/// <param name="ReadsFile">Whether <see cref="Read"/> reads the input from the file at its path (else from the bytes).</param>
/// <param name="AllocationPerByte">The allocation bound's slope: bytes a read may allocate per input byte, plus <see cref="FuzzRunner.AllocationConstant"/>.</param>
/// <param name="Inner">Uncompressed payloads for container formats, mutated and then packed by <see cref="Pack"/> (so mutations reach past the checksum).</param>
/// <param name="Pack">Wraps a mutated payload in the container (a gzip stream, a zip entry).</param>
public sealed record FuzzTarget(
    string Name,
    string Extension,
    IReadOnlyList<byte[]> Seeds,
    Action<byte[], string> Read,
    Func<Exception, bool> IsDocumented,
    bool ReadsFile,
    long AllocationPerByte,
    IReadOnlyList<byte[]>? Inner = null,
    Func<byte[], Random, byte[]>? Pack = null);
