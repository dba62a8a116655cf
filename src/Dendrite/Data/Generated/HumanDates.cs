using System.Globalization;
using System.Text;

namespace Dendrite.Data;

/// <summary>
/// The course's "Neural Machine Translation" data: dates written the ways people write them ("3 may 1979",
/// "09/10/2005", "tuesday june 8 1999", "5/2/01") and their ISO form YYYY-MM-DD, drawn with a seed. Lower case, no
/// commas, dates from 1970-01-01 to 2020-12-31, in twenty formats; slashes always put the month first and dots the day
/// first, so every string has one reading.
/// </summary>
/// <remarks>
/// Characters are encoded with fixed vocabularies: <see cref="HumanVocabulary"/> (space, '-', '.', '/', digits,
/// letters, then &lt;unk&gt; and &lt;pad&gt;) for the T_x = 30 input steps, and <see cref="MachineVocabulary"/>
/// ('-' and the digits, 11 symbols) for the T_y = 10 output steps.
/// </remarks>
public static class HumanDates
{
    /// <summary>T_x, the input length (shorter strings are padded with &lt;pad&gt;).</summary>
    public const int InputLength = 30;

    /// <summary>T_y, the length of YYYY-MM-DD.</summary>
    public const int OutputLength = 10;

    /// <summary>The formats, in .NET's custom date format notation (commas are removed after formatting).</summary>
    public static IReadOnlyList<string> Formats { get; } =
    [
        "M/d/yy", "MMM d, yyyy", "MMMM d, yyyy", "dddd, MMMM d, yyyy", "d MMM yyyy", "d MMMM yyyy", "dd MMM yyyy",
        "dd MMMM yyyy", "d MM yy", "MMM dd yyyy", "dd.MM.yy", "MM/dd/yyyy", "dddd d MMMM yyyy", "ddd MMM d yyyy",
        "dddd dd MMM yyyy", "d.M.yyyy", "M/d/yyyy", "MMMM dd yyyy", "yyyy MMMM d", "dd-MMM-yyyy",
    ];

    /// <summary>The input symbols: index 0 is ' '; the last two are &lt;unk&gt; and &lt;pad&gt;.</summary>
    public static IReadOnlyList<string> HumanVocabulary { get; } =
        [.. " -./0123456789abcdefghijklmnopqrstuvwxyz".Select(c => c.ToString()), "<unk>", "<pad>"];

    /// <summary>The output symbols: '-' then the digits.</summary>
    public static IReadOnlyList<string> MachineVocabulary { get; } = [.. "-0123456789".Select(c => c.ToString())];

    /// <summary>The index of &lt;pad&gt; in <see cref="HumanVocabulary"/>.</summary>
    public static int PadIndex => HumanVocabulary.Count - 1;

    private static readonly DateOnly First = new(1970, 1, 1), Last = new(2020, 12, 31);

    /// <summary>Draws <paramref name="count"/> (human, ISO) pairs from a seeded stream: a uniform day, then a uniform format.</summary>
    public static (string Human, string Machine)[] Pairs(int count, int seed)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"HumanDates needs a count ≥ 0 but got {count}.");
        var random = new Random(seed);
        int days = Last.DayNumber - First.DayNumber + 1;
        var pairs = new (string, string)[count];
        for (int i = 0; i < count; i++)
        {
            var date = DateOnly.FromDayNumber(First.DayNumber + random.Next(days));
            pairs[i] = (Humanize(date, Formats[random.Next(Formats.Count)]), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        return pairs;
    }

    /// <summary>A date in one of the formats, lower case, commas removed.</summary>
    public static string Humanize(DateOnly date, string format) =>
        date.ToString(format, CultureInfo.InvariantCulture).Replace(",", "").ToLowerInvariant();

    /// <summary>
    /// Generates X [m, T_x] Int32 (indices into <see cref="HumanVocabulary"/>) and Y [m, T_y] Int32 (indices into
    /// <see cref="MachineVocabulary"/>).
    /// </summary>
    public static (Tensor X, Tensor Y) Generate(int count, int seed)
    {
        var pairs = Pairs(count, seed);
        var x = new int[count * InputLength];
        var y = new int[count * OutputLength];
        for (int i = 0; i < count; i++)
        {
            Encode(pairs[i].Human).CopyTo(x, i * InputLength);
            for (int t = 0; t < OutputLength; t++) y[i * OutputLength + t] = MachineIndex(pairs[i].Machine[t]);
        }
        return (Tensor.FromArray(x, [count, InputLength]), Tensor.FromArray(y, [count, OutputLength]));
    }

    /// <summary>A human date as T_x indices: characters outside the vocabulary become &lt;unk&gt;, longer strings are cut, the rest is &lt;pad&gt;.</summary>
    public static int[] Encode(string human)
    {
        var indices = new int[InputLength];
        Array.Fill(indices, PadIndex);
        string text = human.ToLowerInvariant().Replace(",", "");
        for (int t = 0; t < Math.Min(text.Length, InputLength); t++)
        {
            int index = HumanIndex(text[t]);
            indices[t] = index < 0 ? PadIndex - 1 : index;
        }
        return indices;
    }

    /// <summary>Output indices back to text.</summary>
    public static string Decode(ReadOnlySpan<int> machine)
    {
        var text = new StringBuilder(machine.Length);
        foreach (int index in machine) text.Append(MachineVocabulary[index]);
        return text.ToString();
    }

    private static int HumanIndex(char c) => c switch
    {
        ' ' => 0,
        '-' => 1,
        '.' => 2,
        '/' => 3,
        >= '0' and <= '9' => 4 + c - '0',
        >= 'a' and <= 'z' => 14 + c - 'a',
        _ => -1,
    };

    private static int MachineIndex(char c) => c == '-' ? 0 : 1 + c - '0';
}
