using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests;

/// <summary>
/// Central finite differences against analytic gradients. The loss is Σ y·r for a fixed random r, accumulated in
/// double; the forward runs in float32, so a step of 1e-2 on O(1) values keeps rounding noise near 1e-5.
/// </summary>
internal static class GradientCheck
{
    public const double Tolerance = 1e-3;

    /// <summary>Random values in [lo, hi).</summary>
    public static Tensor Random(int seed, float lo, float hi, params int[] shape)
    {
        var rng = new Random(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Size; i++)
        {
            t.Data[i] = lo + (float)rng.NextDouble() * (hi - lo);
        }

        return t;
    }

    /// <summary>Distinct values spaced 0.05 apart in random order (no ties or near-ties for max/top-k within a step).</summary>
    public static Tensor Spaced(int seed, params int[] shape)
    {
        var t = new Tensor(shape);
        var order = Enumerable.Range(0, t.Size).ToArray();
        new Random(seed).Shuffle(order);
        for (int i = 0; i < t.Size; i++)
        {
            t.Data[i] = (order[i] - t.Size / 2f) * 0.05f;
        }

        return t;
    }

    /// <summary>Checks input and parameter gradients of a built layer.</summary>
    public static void CheckLayer(Layer layer, Tensor x, bool training = false, float eps = 1e-2f, int threads = 1, bool checkInput = true)
    {
        using var ctx = LayerContext.Create(threads, training);
        Check(
            () => layer.Forward(x, ctx),
            dy => layer.Backward(dy, ctx, checkInput),
            layer.NamedParameters().Select(p => p.Parameter).ToList(),
            checkInput ? x : null,
            eps);
    }

    /// <summary>Checks input and parameter gradients of a model.</summary>
    public static void CheckModel(Model model, Tensor x, float eps = 3e-2f)
    {
        Check(
            () => model.Forward(x),
            dy => model.Backward(dy, inputGradient: true),
            model.TrainableParameters.ToList(),
            x,
            eps);
    }

    private static void Check(Func<Tensor> forward, Func<Tensor, Tensor?> backward, List<Parameter> parameters, Tensor? x, float eps)
    {
        var y = forward();
        var r = Random(99, -1f, 1f, y.ShapeArray());
        foreach (var p in parameters)
        {
            p.ZeroGrad();
        }

        var dx = backward(r.Clone())?.Clone();
        var analyticParams = parameters.Select(p => p.Grad.Span.ToArray()).ToList();
        double Loss()
        {
            var out1 = forward();
            double s = 0;
            for (int i = 0; i < out1.Size; i++)
            {
                s += (double)out1.Data[i] * r.Data[i];
            }

            return s;
        }

        double[] Numeric(float[] values, int size) => NumericGradient(Loss, values, size, eps);

        if (x is not null)
        {
            Assert.NotNull(dx);
            Compare("input", dx!.Span.ToArray(), Numeric(x.Data, x.Size));
        }

        for (int k = 0; k < parameters.Count; k++)
        {
            if (!parameters[k].Trainable)
            {
                continue;
            }

            Compare(parameters[k].Name, analyticParams[k], Numeric(parameters[k].Value.Data, parameters[k].Size));
        }
    }

    /// <summary>
    /// Richardson-extrapolated central differences (4·D(h) − D(2h)) / 3: the O(h²) truncation error cancels, so a
    /// step large enough to drown float32 rounding noise can be used.
    /// </summary>
    public static double[] NumericGradient(Func<double> loss, float[] values, int size, float eps)
    {
        var g = new double[size];
        for (int i = 0; i < size; i++)
        {
            float old = values[i];
            double Central(float h)
            {
                values[i] = old + h;
                double plus = loss();
                values[i] = old - h;
                double minus = loss();
                values[i] = old;
                return (plus - minus) / (2.0 * h);
            }

            g[i] = (4 * Central(eps) - Central(2 * eps)) / 3;
        }

        return g;
    }

    /// <summary>Relative error ‖a − n‖ / max(‖a‖, ‖n‖) below <see cref="Tolerance"/>, and every element close.</summary>
    public static void Compare(string what, float[] analytic, double[] numeric)
    {
        Assert.Equal(numeric.Length, analytic.Length);
        double diff = 0, na = 0, nn = 0, maxAbs = 0;
        for (int i = 0; i < numeric.Length; i++)
        {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            na += (double)analytic[i] * analytic[i];
            nn += numeric[i] * numeric[i];
            maxAbs = Math.Max(maxAbs, Math.Abs(numeric[i]));
        }

        double scale = Math.Max(Math.Sqrt(na), Math.Sqrt(nn));
        if (Math.Sqrt(na) < 1e-5 && Math.Sqrt(nn) < 1e-4)
        {
            // A gradient that is zero in theory (e.g. a conv bias followed by training-mode BatchNorm): both agree up to noise.
            return;
        }
        double rel = Math.Sqrt(diff) / scale;
        Assert.True(rel < Tolerance, $"{what}: relative gradient error {rel:g3}");
        for (int i = 0; i < numeric.Length; i++)
        {
            double tol = 5e-3 * Math.Abs(numeric[i]) + 2e-3 * maxAbs + 1e-5;
            Assert.True(Math.Abs(analytic[i] - numeric[i]) <= tol, $"{what}[{i}]: analytic {analytic[i]} vs numeric {numeric[i]}");
        }
    }
}
