namespace Dendrite.Data;

/// <summary>
/// numpy's legacy generator (<c>np.random.seed</c>, <c>np.random.rand</c>, <c>np.random.randn</c>): the Mersenne
/// Twister MT19937 with numpy's 53-bit doubles and polar Box–Muller normals, so course data sets built from a seed
/// come out bit for bit.
/// </summary>
/// <remarks>Matsumoto and Nishimura, "Mersenne Twister", ACM TOMACS 8(1), 1998; numpy <c>randomkit</c> / <c>legacy-distributions.c</c>.</remarks>
internal sealed class NumpyRandom
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _pos;
    private double? _cachedGauss;

    /// <summary>The state after <c>np.random.seed(seed)</c>.</summary>
    public NumpyRandom(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _pos = N;
    }

    /// <summary>The next 32-bit output of MT19937.</summary>
    public uint NextUInt32()
    {
        if (_pos == N) Regenerate();
        uint y = _mt[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    private void Regenerate()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
        }
        _pos = 0;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits, as <c>np.random.rand</c>.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>A standard normal sample, as <c>np.random.randn</c> (polar method; the second value of each pair is cached).</summary>
    public double NextGaussian()
    {
        if (_cachedGauss is double cached)
        {
            _cachedGauss = null;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _cachedGauss = f * x1;
        return f * x2;
    }
}
