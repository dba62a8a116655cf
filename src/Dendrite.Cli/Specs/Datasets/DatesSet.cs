using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>dates</c>: the course's machine translation set (<see cref="HumanDates"/>): human-readable dates as T_x = 30
/// character indices and their YYYY-MM-DD form as T_y = 10 labels, generated with a seed, with a held-out test set drawn
/// from another seed.
/// </summary>
internal sealed class DatesSet : DatasetKind
{
    public override string Name => "dates";

    public override string Builds => "HumanDates.Generate";

    public override string Targets => "ISO characters [m, 10] ('-' and digits are the class names)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("count", "dates to generate for training (and dev, when data.dev is set)", 10_000, minimum: 1, maximum: DatasetLimits.MaxExamples),
        SpecField.Int("test_count", "held-out dates drawn from seed + 1 as the test set (0: none)", 1000, minimum: 0, maximum: DatasetLimits.MaxExamples),
        SpecField.Int("seed", "generator seed", 0),
    ];

    public override LoadedData Load(SpecSettings s, DType dtype, bool images)
    {
        if (images) throw NoImages();
        var (x, y) = HumanDates.Generate(s.Int("count"), s.Int("seed"));
        var (testX, testY) = s.Int("test_count") > 0 ? HumanDates.Generate(s.Int("test_count"), s.Int("seed") + 1) : (null, null);
        return new LoadedData(x, y, testX, testY, HumanDates.MachineVocabulary, Regression: false) { InputVocabulary = HumanDates.HumanVocabulary };
    }
}
