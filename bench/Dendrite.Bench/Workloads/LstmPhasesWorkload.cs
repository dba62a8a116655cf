using System.Numerics.Tensors;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Bench.Workloads;

/// <summary>
/// op_lstm's phases timed apart at the kernel level (float32, T = 50, N = 32, 64 → 128), all interleaved round by round
/// in one process: the input projection x·W_ihᵀ [1600 × 512 × 64] and its two gradients, the 50 recurrent steps forward
/// and backward both as the GEMM on the workers followed by the gates on the calling thread (<c>*_gemm_then_gates</c>,
/// the path before 2026-12-07's second pass) and as one <see cref="LstmSweep"/> job for all the steps (<c>*_sweep_job</c>,
/// the third pass; the second pass's one job per step, <c>*_step_job</c>, went with it), the 50 gate passes alone, and ∂L/∂W_hh = Σ_t dz_tᵀ·h_{t−1} [512 × 128 × 1600].
/// </summary>
/// <remarks>These lines locate op_lstm's time; op_lstm stays the line that is compared.</remarks>
internal sealed class LstmPhasesWorkload : IWorkload
{
    private const int T = 50, N = 32, I = 64, H = 128, G = 4 * H, Rounds = 15;

    /// <inheritdoc/>
    public string Name => "lstmphases";

    /// <inheritdoc/>
    public void Run()
    {
        var random = new Random(0);
        float[] x = Rand(T * N * I, random), wih = Rand(G * I, random), whh = Rand(G * H, random), wt = new float[H * G];
        float[] bias = Rand(G, random), xp = Rand(T * N * G, random), hs = Rand((T + 1) * N * H, random), cs = Rand((T + 1) * N * H, random);
        float[] gates = new float[T * N * G], tanhC = new float[T * N * H], z = new float[N * G], dz = Rand(T * N * G, random);
        float[] up = Rand(T * N * H, random), dh = new float[N * H], dhTotal = new float[N * H], dc = Rand(N * H, random), dcPrev = new float[N * H];
        float[] dx = new float[x.Length], dwih = new float[wih.Length], dwhh = new float[whh.Length];
        float[] hPrev = Rand(T * N * H, random), cPrev = Rand(T * N * H, random), output = new float[(T + 1) * N * H];
        Transpose.Run<float>(whh, G, H, H, wt, G);
        (string, double, Action)[] phases =
        [
            ("lstm_input_proj", 2.0 * T * N * G * I, () => Gemm.Multiply(false, true, T * N, G, I, x, I, wih, I, xp, G, 1f, 0f)),
            ("lstm_input_proj_dx", 2.0 * T * N * G * I, () => Gemm.Multiply(false, false, T * N, I, G, dz, G, wih, I, dx, I, 1f, 0f)),
            ("lstm_input_proj_dw", 2.0 * T * N * G * I, () => Gemm.Multiply(true, false, G, I, T * N, dz, G, x, I, dwih, I, 1f, 0f)),
            ("lstm_fwd_gemm_then_gates", 2.0 * T * N * G * H, () =>
            {
                for (int t = 0; t < T; t++)
                {
                    for (int r = 0; r < N; r++) bias.CopyTo(z.AsSpan(r * G, G));
                    Gemm.Multiply(false, false, N, G, H, hs.AsSpan(t * N * H, N * H), H, wt, G, z, G, 1f, 1f);
                    LstmGates.Forward<float>(xp.AsSpan(t * N * G, N * G), z, cs.AsSpan(t * N * H, N * H), H, gates.AsSpan(t * N * G, N * G),
                        cs.AsSpan((t + 1) * N * H, N * H), tanhC.AsSpan(t * N * H, N * H), hs.AsSpan((t + 1) * N * H, N * H));
                }
            }),
            ("lstm_fwd_sweep_job", 2.0 * T * N * G * H, () =>
                LstmSweep.Forward<float>(T, N, H, false, wt, bias, xp, hPrev, cPrev, z, gates, tanhC, output)),
            ("lstm_fwd_gates_only", 0, () =>
            {
                for (int t = 0; t < T; t++)
                    LstmGates.Forward<float>(xp.AsSpan(t * N * G, N * G), z, cs.AsSpan(t * N * H, N * H), H, gates.AsSpan(t * N * G, N * G),
                        cs.AsSpan((t + 1) * N * H, N * H), tanhC.AsSpan(t * N * H, N * H), hs.AsSpan((t + 1) * N * H, N * H));
            }),
            ("lstm_bwd_gemm_then_gates", 2.0 * T * N * G * H, () =>
            {
                for (int t = T - 1; t >= 0; t--)
                {
                    TensorPrimitives.Add(up.AsSpan(t * N * H, N * H), dh, dhTotal);
                    LstmGates.Backward<float>(gates.AsSpan(t * N * G, N * G), tanhC.AsSpan(t * N * H, N * H), cs.AsSpan(t * N * H, N * H),
                        dhTotal, dc, H, dz.AsSpan(t * N * G, N * G), dcPrev);
                    Gemm.Multiply(false, false, N, H, G, dz.AsSpan(t * N * G, N * G), G, whh, H, dh, H, 1f, 0f);
                }
            }),
            ("lstm_bwd_sweep_job", 2.0 * T * N * G * H, () =>
            {
                Array.Clear(dh);
                LstmSweep.Backward<float>(T, N, H, false, true, whh, gates, tanhC, cs.AsMemory(0, T * N * H), hs, dh, dhTotal, dc, dcPrev, dz);
            }),
            ("lstm_dwhh", 2.0 * T * N * G * H, () => Gemm.Multiply(true, false, G, H, T * N, dz, G, hs, H, dwhh, H, 1f, 0f)),
        ];
        var times = phases.Select(_ => new double[Rounds]).ToArray();
        foreach ((_, _, Action run) in phases) Timing.TimeIt(run, repeats: 1, warmup: 3, inner: 1);
        CpuLoad.Snapshot start = CpuLoad.Take();
        for (int r = 0; r < Rounds; r++)
            for (int p = 0; p < phases.Length; p++)
                times[p][r] = Timing.TimeIt(phases[p].Item3, repeats: 1, warmup: 0, inner: 3).Times[0];
        CpuLoad load = CpuLoad.Between(start, CpuLoad.Take());
        (string, object)[] config = [("seq", T), ("batch", N), ("input", I), ("hidden", H)];
        for (int p = 0; p < phases.Length; p++)
            JsonLine.Emit(phases[p].Item1, config, times[p], load, "call", phases[p].Item2 > 0 ? [("gflops", phases[p].Item2 / 1e9)] : [],
                [("min_ms", times[p].Min() * 1e3)]);
    }

    private static float[] Rand(int length, Random random)
    {
        var a = new float[length];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() * 0.2 - 0.1);
        return a;
    }
}
