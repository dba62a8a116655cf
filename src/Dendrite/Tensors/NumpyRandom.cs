namespace Dendrite;

/// <summary>
/// A generator that reproduces numpy's legacy <c>np.random.seed(s)</c> stream: Mersenne Twister MT19937
/// (M. Matsumoto, T. Nishimura, 1998) with numpy's 53-bit doubles and its polar-method <c>randn</c>.
/// </summary>
/// <remarks>
/// Initializers draw through <see cref="RandomExtensions.NextGaussian"/>, which uses <see cref="NextGaussian"/>
/// here, so <c>Init.SmallRandom(w, new NumpyRandom(2))</c> gives the same weights as the course's
/// <c>np.random.seed(2); W = np.random.randn(n, m) * 0.01</c>.
/// </remarks>
public sealed class NumpyRandom : Random
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;
    private double? _gauss;

    /// <summary>Seeds like <c>np.random.seed(seed)</c>.</summary>
    public NumpyRandom(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    /// <summary>The next raw 32-bit output of MT19937.</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            _mt[i] = _mt[(i + M) % N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : 0x9908b0dfu);
        }
        _index = 0;
    }

    /// <summary>A double in [0, 1) built from 53 random bits, as <c>np.random.random_sample()</c>.</summary>
    public override double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();

    /// <inheritdoc/>
    public override int Next() => (int)(NextUInt32() >> 1);

    /// <inheritdoc/>
    public override int Next(int maxValue) => (int)(NextDouble() * maxValue);

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue) => minValue + (int)(NextDouble() * ((long)maxValue - minValue));

    /// <summary>A random permutation of 0…n−1, as <c>np.random.permutation(n)</c> (Fisher–Yates from the end, rejection-sampled indices).</summary>
    public int[] Permutation(int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)Interval((uint)i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>√ε of float64, numpy's tolerance on Σp = 1.</summary>
    private const double MachineEpsilonRoot = 1.4901161193847656e-8;

    /// <summary>
    /// An index in [0, n) drawn with probabilities <paramref name="p"/>, as <c>np.random.choice(n, p=p)</c>: the cumulative
    /// sums divided by their total, one <see cref="NextDouble"/> u, and the first index whose cumulative value exceeds u
    /// (<c>searchsorted(u, side="right")</c>), so the course's sampling is reproduced draw for draw.
    /// </summary>
    /// <exception cref="ArgumentException">p has not n entries, holds a negative or non-finite value, or does not sum to 1 (within √ε, numpy's check).</exception>
    public int Choice(int n, ReadOnlySpan<double> p)
    {
        if (p.Length != n) throw new ArgumentException($"Choice: {p.Length} probabilities for {n} outcomes.", nameof(p));
        if (n == 0) throw new ArgumentException("Choice needs at least one outcome.", nameof(n));
        var cdf = new double[n];
        double total = 0, compensation = 0; // numpy checks the Kahan sum
        for (int i = 0; i < n; i++)
        {
            if (!(p[i] >= 0) || double.IsInfinity(p[i])) throw new ArgumentException($"Choice: probability {i} is {p[i]}; expected a finite non-negative number.", nameof(p));
            double y = p[i] - compensation, t = total + y;
            compensation = t - total - y;
            total = t;
        }
        if (Math.Abs(total - 1) > MachineEpsilonRoot)
            throw new ArgumentException($"Choice: probabilities sum to {total:R}; expected 1.", nameof(p));
        double running = 0;
        for (int i = 0; i < n; i++) cdf[i] = running += p[i];
        for (int i = 0; i < n; i++) cdf[i] /= running;
        double u = NextDouble();
        for (int i = 0; i < n; i++)
            if (cdf[i] > u) return i;
        return n - 1;
    }

    /// <summary>A uniform integer in [0, max] by masking and rejection, as numpy's legacy <c>rk_interval</c>.</summary>
    private uint Interval(uint max)
    {
        uint mask = max;
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    /// <summary>A standard normal sample, as <c>np.random.randn()</c> (Marsaglia's polar method, the second value cached).</summary>
    public double NextGaussian()
    {
        if (_gauss is double cached)
        {
            _gauss = null;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2 * NextDouble() - 1;
            x2 = 2 * NextDouble() - 1;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        return f * x2;
    }
}
