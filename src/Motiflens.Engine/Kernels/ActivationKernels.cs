using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Motiflens.Engine.Kernels;

/// <summary>
/// Element-wise activation kernels. Forward runs in place; backward multiplies the incoming gradient in place by
/// the derivative expressed through the activation's output y (so the pre-activation need not be kept).
/// </summary>
internal static class ActivationKernels
{
    /// <summary>PyTorch's softplus threshold: above it softplus(x) = x.</summary>
    private const float SoftplusThreshold = 20f;

    public static void Forward(Activation activation, Span<float> x)
    {
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.Relu:
                Relu(x);
                break;
            case Activation.Exponential:
                TensorPrimitives.Exp(x, x);
                break;
            case Activation.Sigmoid:
                TensorPrimitives.Sigmoid(x, x);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(x, x);
                break;
            case Activation.Softplus:
                for (int i = 0; i < x.Length; i++)
                {
                    float v = x[i];
                    x[i] = v > SoftplusThreshold ? v : MathF.Max(v, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(v)));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>x = max(x, 0) in place; NaN stays NaN (as torch.relu).</summary>
    public static unsafe void Relu(Span<float> x)
    {
        int i = 0;
        fixed (float* p = x)
        {
            if (Avx.IsSupported)
            {
                var zero = Vector256<float>.Zero;
                for (; i + 8 <= x.Length; i += 8)
                {
                    // maxps returns its second operand when either is NaN.
                    Avx.Store(p + i, Avx.Max(zero, Avx.LoadVector256(p + i)));
                }
            }

            for (; i < x.Length; i++)
            {
                p[i] = p[i] > 0f || float.IsNaN(p[i]) ? p[i] : 0f;
            }
        }
    }

    /// <summary>Scalar reference of <see cref="Relu"/>.</summary>
    public static void ReluReference(Span<float> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = x[i] > 0f || float.IsNaN(x[i]) ? x[i] : 0f;
        }
    }

    /// <summary>dy[i] *= f'(x[i]) written through y = f(x).</summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> y, Span<float> dy)
    {
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.Relu:
                ReluBackward(y, dy);
                break;
            case Activation.Exponential:
                TensorPrimitives.Multiply(dy, y, dy);
                break;
            case Activation.Sigmoid:
                SigmoidBackward(y, dy);
                break;
            case Activation.Tanh:
                for (int i = 0; i < dy.Length; i++)
                {
                    dy[i] *= 1f - y[i] * y[i];
                }

                break;
            case Activation.Softplus:
                // softplus'(x) = sigmoid(x) = 1 - exp(-softplus(x)).
                for (int i = 0; i < dy.Length; i++)
                {
                    dy[i] *= -float.ExpM1(-y[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>dy[i] = y[i] &gt; 0 ? dy[i] : 0.</summary>
    public static void ReluBackward(ReadOnlySpan<float> y, Span<float> dy)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= dy.Length; i += 8)
            {
                var mask = Vector256.GreaterThan(Vector256.Create(y.Slice(i, 8)), Vector256<float>.Zero);
                (Vector256.Create(dy.Slice(i, 8)) & mask).CopyTo(dy.Slice(i, 8));
            }
        }

        for (; i < dy.Length; i++)
        {
            dy[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }

    /// <summary>Scalar reference of <see cref="ReluBackward"/>.</summary>
    public static void ReluBackwardReference(ReadOnlySpan<float> y, Span<float> dy)
    {
        for (int i = 0; i < dy.Length; i++)
        {
            dy[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }

    /// <summary>dy[i] *= y[i]·(1 − y[i]).</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, Span<float> dy)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256.Create(1f);
            for (; i + 8 <= dy.Length; i += 8)
            {
                var yv = Vector256.Create(y.Slice(i, 8));
                (Vector256.Create(dy.Slice(i, 8)) * yv * (one - yv)).CopyTo(dy.Slice(i, 8));
            }
        }

        // Same association as the vector loop, so results do not depend on where a span starts.
        for (; i < dy.Length; i++)
        {
            dy[i] = dy[i] * y[i] * (1f - y[i]);
        }
    }

    /// <summary>Scalar reference of <see cref="SigmoidBackward"/>.</summary>
    public static void SigmoidBackwardReference(ReadOnlySpan<float> y, Span<float> dy)
    {
        for (int i = 0; i < dy.Length; i++)
        {
            dy[i] *= y[i] * (1f - y[i]);
        }
    }
}
