namespace Motiflens.Engine.Layers;

/// <summary>
/// The Gaussian error linear unit, element-wise on any shape, in its exact form GELU(x) = x·Φ(x) with Φ the
/// standard normal CDF, Φ(x) = ½·erfc(−x/√2). Its derivative is Φ(x) + x·φ(x).
/// </summary>
/// <remarks>
/// PyTorch equivalent: <c>torch.nn.GELU()</c> (default <c>approximate='none'</c>, the erf form, not the tanh
/// approximation). erfc is evaluated in double by a Chebyshev-fitted rational form with fractional error below
/// 1.2e-7 everywhere, so the float result is within a few ulps of PyTorch's, also far into the negative tail.
/// </remarks>
public sealed class Gelu : Layer
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    private Tensor? _in;
    private Tensor? _out;
    private Tensor? _dx;

    /// <inheritdoc/>
    public override string ToString() => "GELU";

    /// <inheritdoc/>
    protected override int[] BuildCore(int[] inputShape, Random rng) => inputShape;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x, LayerContext context)
    {
        CheckInput(x);
        var input = Tensor.Ensure(ref _in, x.BatchSize, InputShape);
        x.Span.CopyTo(input.Span);
        var y = Tensor.Ensure(ref _out, x.BatchSize, OutputShape);
        var src = input.Span;
        var dst = y.Span;
        for (int i = 0; i < src.Length; i++)
        {
            double v = src[i];
            dst[i] = (float)(v * NormalCdf(v));
        }

        return y;
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor gradOutput, LayerContext context, bool needInputGradient)
    {
        if (!needInputGradient)
        {
            return null;
        }

        if (_in is null)
        {
            throw new InvalidOperationException($"{this}: Backward without Forward");
        }

        var dx = Tensor.Ensure(ref _dx, _in.BatchSize, InputShape);
        var x = _in.Span;
        var dy = gradOutput.Span;
        var d = dx.Span;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            double slope = NormalCdf(v) + (v * InvSqrt2Pi * Math.Exp(-0.5 * v * v));
            d[i] = (float)(dy[i] * slope);
        }

        return dx;
    }

    /// <summary>Φ(x) = ½·erfc(−x/√2).</summary>
    internal static double NormalCdf(double x) => 0.5 * Erfc(-x * InvSqrt2);

    /// <summary>The complementary error function, fractional error &lt; 1.2e-7 (Chebyshev fit, Press et al., Numerical Recipes §6.2).</summary>
    internal static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + (0.5 * z));
        double poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        double r = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? r : 2.0 - r;
    }
}
