namespace Dendrite.Vision;

/// <summary>
/// A 5 × 7 pixel font for labels drawn onto images: letters (drawn as capitals, either case), digits, space and
/// <c>. : % - _ / ( ) # = + ,</c>. A character outside the set is drawn as a hollow box.
/// </summary>
public static class BitmapFont
{
    /// <summary>Glyph width in pixels.</summary>
    public const int GlyphWidth = 5;

    /// <summary>Glyph height in pixels.</summary>
    public const int GlyphHeight = 7;

    /// <summary>Pixels from one glyph's left edge to the next one's (one column of space between glyphs).</summary>
    public const int Advance = GlyphWidth + 1;

    // Seven rows of five pixels each, top to bottom; '#' is on.
    private static readonly Dictionary<char, string> Rows = new()
    {
        ['A'] = ".###. #...# #...# ##### #...# #...# #...#", ['B'] = "####. #...# #...# ####. #...# #...# ####.",
        ['C'] = ".###. #...# #.... #.... #.... #...# .###.", ['D'] = "####. #...# #...# #...# #...# #...# ####.",
        ['E'] = "##### #.... #.... ####. #.... #.... #####", ['F'] = "##### #.... #.... ####. #.... #.... #....",
        ['G'] = ".###. #...# #.... #.### #...# #...# .####", ['H'] = "#...# #...# #...# ##### #...# #...# #...#",
        ['I'] = ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.", ['J'] = "..### ...#. ...#. ...#. ...#. #..#. .##..",
        ['K'] = "#...# #..#. #.#.. ##... #.#.. #..#. #...#", ['L'] = "#.... #.... #.... #.... #.... #.... #####",
        ['M'] = "#...# ##.## #.#.# #.#.# #...# #...# #...#", ['N'] = "#...# #...# ##..# #.#.# #..## #...# #...#",
        ['O'] = ".###. #...# #...# #...# #...# #...# .###.", ['P'] = "####. #...# #...# ####. #.... #.... #....",
        ['Q'] = ".###. #...# #...# #...# #.#.# #..#. .##.#", ['R'] = "####. #...# #...# ####. #.#.. #..#. #...#",
        ['S'] = ".#### #.... #.... .###. ....# ....# ####.", ['T'] = "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        ['U'] = "#...# #...# #...# #...# #...# #...# .###.", ['V'] = "#...# #...# #...# #...# #...# .#.#. ..#..",
        ['W'] = "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.", ['X'] = "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
        ['Y'] = "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..", ['Z'] = "##### ....# ...#. ..#.. .#... #.... #####",
        ['0'] = ".###. #...# #..## #.#.# ##..# #...# .###.", ['1'] = "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
        ['2'] = ".###. #...# ....# ...#. ..#.. .#... #####", ['3'] = "####. ....# ....# .###. ....# ....# ####.",
        ['4'] = "...#. ..##. .#.#. #..#. ##### ...#. ...#.", ['5'] = "##### #.... ####. ....# ....# #...# .###.",
        ['6'] = "..##. .#... #.... ####. #...# #...# .###.", ['7'] = "##### ....# ...#. ..#.. .#... .#... .#...",
        ['8'] = ".###. #...# #...# .###. #...# #...# .###.", ['9'] = ".###. #...# #...# .#### ....# ...#. .##..",
        [' '] = "..... ..... ..... ..... ..... ..... .....", ['.'] = "..... ..... ..... ..... ..... .##.. .##..",
        [':'] = "..... .##.. .##.. ..... .##.. .##.. .....", ['%'] = "##... ##..# ...#. ..#.. .#... #..## ...##",
        ['-'] = "..... ..... ..... ##### ..... ..... .....", ['_'] = "..... ..... ..... ..... ..... ..... #####",
        ['/'] = "....# ....# ...#. ..#.. .#... #.... #....", ['('] = "...#. ..#.. .#... .#... .#... ..#.. ...#.",
        [')'] = ".#... ..#.. ...#. ...#. ...#. ..#.. .#...", ['#'] = ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
        ['='] = "..... ..... ##### ..... ##### ..... .....", ['+'] = "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
        [','] = "..... ..... ..... ..... .##.. ..#.. .#...",
    };

    private const string Missing = "##### #...# #...# #...# #...# #...# #####";

    /// <summary>The characters with a glyph of their own (lower-case letters share the capitals').</summary>
    public static IEnumerable<char> Characters => Rows.Keys;

    /// <summary>Whether <paramref name="c"/> has a glyph (otherwise it is drawn as a hollow box).</summary>
    public static bool Supports(char c) => Rows.ContainsKey(char.ToUpperInvariant(c));

    /// <summary>Whether pixel (<paramref name="row"/>, <paramref name="column"/>) of <paramref name="c"/>'s glyph is on; row 0 is the top.</summary>
    public static bool IsOn(char c, int row, int column)
    {
        if ((uint)row >= GlyphHeight || (uint)column >= GlyphWidth)
            throw new ArgumentOutOfRangeException(nameof(row), $"BitmapFont: ({row}, {column}) is outside the {GlyphWidth}×{GlyphHeight} glyph.");
        string rows = Rows.GetValueOrDefault(char.ToUpperInvariant(c), Missing);
        return rows[row * (GlyphWidth + 1) + column] == '#';
    }

    /// <summary>Width in pixels of <paramref name="text"/> set in this font: 6 per character less the last gap.</summary>
    public static int Measure(string text) => text.Length == 0 ? 0 : text.Length * Advance - 1;
}
