using Dendrite.Data;

namespace Dendrite.Tests.Data;

public class HumanDatesTests
{
    [Theory]
    [InlineData(1979, 5, 3, "d MMM yyyy", "3 may 1979")]
    [InlineData(2005, 9, 10, "MM/dd/yyyy", "09/10/2005")]
    [InlineData(1999, 6, 8, "dddd dd MMM yyyy", "tuesday 08 jun 1999")]
    [InlineData(2001, 5, 2, "M/d/yy", "5/2/01")]
    [InlineData(2015, 3, 21, "dd.MM.yy", "21.03.15")]
    [InlineData(1999, 6, 8, "dddd, MMMM d, yyyy", "tuesday june 8 1999")]
    public void The_issues_examples_are_written_as_people_write_them(int year, int month, int day, string format, string expected)
    {
        Assert.Contains(format, HumanDates.Formats);
        Assert.Equal(expected, HumanDates.Humanize(new DateOnly(year, month, day), format));
    }

    [Fact]
    public void Every_string_has_one_reading_and_fits_the_input_length()
    {
        var pairs = HumanDates.Pairs(50_000, seed: 3);
        Assert.Equal(20, HumanDates.Formats.Count);
        Assert.All(pairs, p => Assert.InRange(p.Human.Length, 6, HumanDates.InputLength));
        Assert.All(pairs, p => Assert.Matches("^(19[789][0-9]|20[012][0-9])-[01][0-9]-[0-3][0-9]$", p.Machine));
        var ambiguous = pairs.GroupBy(p => p.Human).Where(g => g.Select(p => p.Machine).Distinct().Count() > 1).Select(g => g.Key).ToList();
        Assert.True(ambiguous.Count == 0, $"strings with two readings: {string.Join(", ", ambiguous.Take(5))}");
        // every format is drawn, and the formats give different strings for one date
        var date = new DateOnly(1999, 6, 8);
        Assert.Equal(HumanDates.Formats.Count, HumanDates.Formats.Select(f => HumanDates.Humanize(date, f)).Distinct().Count());
    }

    [Fact]
    public void Generate_encodes_with_the_fixed_vocabularies_and_is_seeded()
    {
        var (x, y) = HumanDates.Generate(64, seed: 5);
        Assert.Equal([64, 30], x.Shape.ToArray());
        Assert.Equal([64, 10], y.Shape.ToArray());
        var pairs = HumanDates.Pairs(64, seed: 5);
        var labels = y.ToArray<int>();
        var inputs = x.ToArray<int>();
        for (int i = 0; i < 64; i++)
        {
            Assert.Equal(pairs[i].Machine, HumanDates.Decode(labels.AsSpan(i * 10, 10)));
            string text = string.Concat(inputs.Skip(i * 30).Take(30).Where(k => k != HumanDates.PadIndex).Select(k => HumanDates.HumanVocabulary[k]));
            Assert.Equal(pairs[i].Human, text);
        }
        Assert.Equal(inputs, HumanDates.Generate(64, seed: 5).X.ToArray<int>());
        Assert.NotEqual(inputs, HumanDates.Generate(64, seed: 6).X.ToArray<int>());
    }

    [Fact]
    public void Encode_marks_unknown_characters_cuts_long_strings_and_pads_short_ones()
    {
        var encoded = HumanDates.Encode("3 May, 1979 ☃");
        Assert.Equal("3 may 1979 ", string.Concat(encoded[..11].Select(k => HumanDates.HumanVocabulary[k])));
        Assert.Equal("<unk>", HumanDates.HumanVocabulary[encoded[11]]);
        Assert.All(encoded[12..], k => Assert.Equal(HumanDates.PadIndex, k));
        Assert.Equal(30, HumanDates.Encode(new string('1', 40)).Length);
    }
}
