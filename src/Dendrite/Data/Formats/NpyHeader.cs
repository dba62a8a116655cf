using System.Globalization;
using System.Text;

namespace Dendrite.Data;

/// <summary>
/// The header of an .npy file: a Python dict literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>, parsed without a Python interpreter.
/// </summary>
/// <param name="Descr">The numpy type string, e.g. <c>&lt;f8</c>.</param>
/// <param name="FortranOrder">True when the data is stored column-major.</param>
/// <param name="Dims">The array's dimensions (empty for a rank-0 array).</param>
internal sealed record NpyHeader(string Descr, bool FortranOrder, int[] Dims)
{
    /// <summary>Parses the dict literal; <paramref name="source"/> names the file in error messages.</summary>
    public static NpyHeader Parse(string text, string source)
    {
        var p = new Parser(text, source);
        string? descr = null;
        bool? fortran = null;
        int[]? dims = null;
        p.Expect('{');
        while (!p.TryConsume('}'))
        {
            string key = p.ReadString();
            p.Expect(':');
            switch (key)
            {
                case "descr": descr = p.ReadDescr(); break;
                case "fortran_order": fortran = p.ReadBool(); break;
                case "shape": dims = p.ReadShape(); break;
                default: throw p.Error($"unexpected key '{key}'");
            }
            if (!p.TryConsume(',')) { p.Expect('}'); break; }
        }
        p.ExpectEnd();
        if (descr is null || fortran is null || dims is null)
            throw p.Error("the header must have the keys 'descr', 'fortran_order' and 'shape'");
        return new NpyHeader(descr, fortran.Value, dims);
    }

    /// <summary>The dict literal as numpy writes it (without padding).</summary>
    public string Format()
    {
        string shape = Dims.Length switch
        {
            0 => "()",
            1 => $"({Dims[0]},)",
            _ => "(" + string.Join(", ", Dims) + ")",
        };
        return $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {shape}, }}";
    }

    private sealed class Parser(string text, string source)
    {
        private int _pos;

        public InvalidDataException Error(string problem) =>
            new($"{source}: the .npy header does not parse ({problem}): {text.TrimEnd()}");

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        public bool TryConsume(char c)
        {
            SkipSpace();
            if (_pos < text.Length && text[_pos] == c) { _pos++; return true; }
            return false;
        }

        public void Expect(char c)
        {
            if (!TryConsume(c)) throw Error(_pos < text.Length ? $"expected '{c}' at position {_pos}" : $"expected '{c}' but the header ended");
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_pos != text.Length) throw Error($"unexpected text after the dict at position {_pos}");
        }

        public string ReadString()
        {
            SkipSpace();
            if (_pos >= text.Length || (text[_pos] != '\'' && text[_pos] != '"')) throw Error($"expected a quoted string at position {_pos}");
            char quote = text[_pos++];
            int end = text.IndexOf(quote, _pos);
            if (end < 0) throw Error("unterminated string");
            string s = text[_pos..end];
            _pos = end + 1;
            return s;
        }

        public string ReadDescr()
        {
            SkipSpace();
            if (_pos < text.Length && text[_pos] == '[') throw Error("structured (record) dtypes are not supported");
            return ReadString();
        }

        public bool ReadBool()
        {
            SkipSpace();
            foreach (var (word, value) in new[] { ("True", true), ("False", false) })
                if (string.CompareOrdinal(text, _pos, word, 0, word.Length) == 0) { _pos += word.Length; return value; }
            throw Error($"expected True or False at position {_pos}");
        }

        public int[] ReadShape()
        {
            Expect('(');
            var dims = new List<int>();
            while (!TryConsume(')'))
            {
                SkipSpace();
                int start = _pos;
                while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
                if (!int.TryParse(text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out int d))
                    throw Error($"expected a non-negative dimension below 2^31 at position {start}");
                if (_pos < text.Length && text[_pos] == 'L') _pos++; // Python 2 long literal
                dims.Add(d);
                if (!TryConsume(',')) { Expect(')'); break; }
            }
            return [.. dims];
        }
    }

    /// <summary>Encodes the header with the magic string, padded with spaces so the data starts on a 64-byte boundary.</summary>
    public byte[] Encode()
    {
        string dict = Format();
        const int prefix = 10; // magic (6) + version (2) + header length (2)
        int total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        string padded = dict + new string(' ', total - prefix - dict.Length - 1) + "\n";
        var bytes = new byte[total];
        Npy.Magic.CopyTo(bytes);
        bytes[6] = 1; // format version 1.0
        bytes[7] = 0;
        bytes[8] = (byte)(padded.Length & 0xFF);
        bytes[9] = (byte)(padded.Length >> 8);
        Encoding.Latin1.GetBytes(padded, bytes.AsSpan(prefix));
        return bytes;
    }
}
