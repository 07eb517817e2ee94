using System.Runtime.Intrinsics;

namespace Motiflens.Engine.Layers;

/// <summary>Max pooling over positions of (N, L, C): window <see cref="PoolSize"/>, stride (default = pool size), floor mode.</summary>
/// <remarks>
/// PyTorch equivalent: <c>torch.nn.MaxPool1d(kernel_size, stride)</c> (padding 0, ceil_mode False):
/// Lout = floor((L − pool) / stride) + 1; the gradient goes to the first maximum of a window, as PyTorch's CPU kernel.
/// No indices are stored: backward finds the first window entry equal to the pooled value (channels vectorised).
/// </remarks>
public sealed class MaxPool1d : Layer
{
    private readonly Action<int> _forwardChunk;
    private readonly Action<int> _backwardChunk;
    private Tensor? _x;
    private Tensor? _out;
    private Tensor? _dx;
    private Tensor? _gradOut;
    private int _n;
    private int _chunks;

    /// <summary>Creates the layer; <paramref name="stride"/> 0 means the pool size.</summary>
    public MaxPool1d(int poolSize, int stride = 0)
    {
        if (poolSize < 1 || stride < 0)
        {
            throw new ArgumentException($"MaxPool1d needs pool_size >= 1 and stride >= 1; got pool_size={poolSize}, stride={stride}");
        }

        PoolSize = poolSize;
        Stride = stride == 0 ? poolSize : stride;
        _forwardChunk = ForwardChunk;
        _backwardChunk = BackwardChunk;
    }

    /// <summary>Window length.</summary>
    public int PoolSize { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <inheritdoc/>
    public override string ToString() => $"MaxPool1d({PoolSize}, stride={Stride})";

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng)
    {
        if (inputShape.Length != 2 || inputShape[0] < PoolSize)
        {
            throw new ArgumentException($"MaxPool1d({PoolSize}) needs a (length >= {PoolSize}, channels) input; got ({string.Join(", ", inputShape)})");
        }

        return [(inputShape[0] - PoolSize) / Stride + 1, inputShape[1]];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        _x = x;
        _n = x.BatchSize;
        _chunks = context.ChunkCount(_n);
        var y = Tensor.Ensure(ref _out, _n, OutputShape);
        context.Pool.Run(_forwardChunk, _chunks);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        if (!needInputGradient)
        {
            return null;
        }

        if (_x is null)
        {
            throw new InvalidOperationException($"{this}: Backward without Forward");
        }

        var dx = Tensor.Ensure(ref _dx, _n, InputShape);
        _gradOut = gradOutput;
        context.Pool.Run(_backwardChunk, _chunks);
        _gradOut = null;
        return dx;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void ForwardChunk(int chunk)
    {
        int s0 = LayerContext.ChunkStart(_n, _chunks, chunk);
        int s1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1);
        int l = InputShape[0], c = InputShape[1], lo = OutputShape[0];
        fixed (float* x = _x!.Data, y = _out!.Data)
        {
            for (int s = s0; s < s1; s++)
            {
                float* xs = x + (long)s * l * c;
                for (int j = 0; j < lo; j++)
                {
                    float* w = xs + (long)j * Stride * c;
                    float* yr = y + ((long)s * lo + j) * c;
                    int ch = 0;
                    if (Vector512.IsHardwareAccelerated)
                    {
                        for (; ch + 16 <= c; ch += 16)
                        {
                            var best = Vector512.Load(w + ch);
                            for (int p = 1; p < PoolSize; p++)
                            {
                                var v = Vector512.Load(w + (long)p * c + ch);
                                best = Vector512.ConditionalSelect(Vector512.GreaterThan(v, best) | ~Vector512.Equals(v, v), v, best);
                            }

                            Vector512.Store(best, yr + ch);
                        }
                    }

                    if (Vector256.IsHardwareAccelerated)
                    {
                        for (; ch + 8 <= c; ch += 8)
                        {
                            var best = Vector256.Load(w + ch);
                            for (int p = 1; p < PoolSize; p++)
                            {
                                var v = Vector256.Load(w + (long)p * c + ch);
                                // Keep the earlier value unless strictly greater (or NaN), as the scalar rule.
                                best = Vector256.ConditionalSelect(Vector256.GreaterThan(v, best) | ~Vector256.Equals(v, v), v, best);
                            }

                            best.Store(yr + ch);
                        }

                        if (ch < c && c >= 8)
                        {
                            // The last, partial group as one vector that overlaps the previous one: lanes computed
                            // twice get the same value, so no scalar tail is needed.
                            int tail = c - 8;
                            var best = Vector256.Load(w + tail);
                            for (int p = 1; p < PoolSize; p++)
                            {
                                var v = Vector256.Load(w + (long)p * c + tail);
                                best = Vector256.ConditionalSelect(Vector256.GreaterThan(v, best) | ~Vector256.Equals(v, v), v, best);
                            }

                            best.Store(yr + tail);
                            ch = c;
                        }
                    }

                    for (; ch < c; ch++)
                    {
                        float bv = w[ch];
                        for (int p = 1; p < PoolSize; p++)
                        {
                            float v = w[(long)p * c + ch];
                            if (v > bv || float.IsNaN(v))
                            {
                                bv = v;
                            }
                        }

                        yr[ch] = bv;
                    }
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private unsafe void BackwardChunk(int chunk)
    {
        int s0 = LayerContext.ChunkStart(_n, _chunks, chunk);
        int s1 = LayerContext.ChunkStart(_n, _chunks, chunk + 1);
        int l = InputShape[0], c = InputShape[1], lo = OutputShape[0];
        _dx!.Data.AsSpan(s0 * l * c, (s1 - s0) * l * c).Clear();
        fixed (float* x = _x!.Data, y = _out!.Data, g = _gradOut!.Data, dx = _dx.Data)
        {
            for (int s = s0; s < s1; s++)
            {
                float* xs = x + (long)s * l * c;
                float* ds = dx + (long)s * l * c;
                for (int j = 0; j < lo; j++)
                {
                    long off = (long)j * Stride * c;
                    float* yr = y + ((long)s * lo + j) * c;
                    float* gr = g + ((long)s * lo + j) * c;
                    int ch = 0;
                    if (Vector256.IsHardwareAccelerated)
                    {
                        for (; ch + 8 <= c; ch += 8)
                        {
                            var yv = Vector256.Load(yr + ch);
                            var gv = Vector256.Load(gr + ch);
                            var found = Vector256<float>.Zero;
                            for (int p = 0; p < PoolSize; p++)
                            {
                                long o = off + (long)p * c + ch;
                                var v = Vector256.Load(xs + o);
                                var hit = Vector256.AndNot(Vector256.Equals(v, yv) | (~Vector256.Equals(v, v) & ~Vector256.Equals(yv, yv)), found);
                                found |= hit;
                                // Windows may overlap (stride < pool): accumulate.
                                (Vector256.Load(ds + o) + (gv & hit)).Store(ds + o);
                            }
                        }
                    }

                    for (; ch < c; ch++)
                    {
                        float yv = yr[ch];
                        for (int p = 0; p < PoolSize; p++)
                        {
                            long o = off + (long)p * c + ch;
                            float v = xs[o];
                            if (v == yv || (float.IsNaN(v) && float.IsNaN(yv)))
                            {
                                ds[o] += gr[ch];
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
}
