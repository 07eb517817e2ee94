namespace Motiflens.Engine.Optim;

/// <summary>
/// Spectral-norm regularisation (Yoshida &amp; Miyato 2017): the loss term coef·Σ_W σ_max(W)² over weight tensors,
/// σ_max estimated by power iteration with one persistent vector per weight (one iteration per training step, so the
/// estimate tracks the slowly changing weights), and its gradient 2·coef·σ·u·vᵀ added to each weight's gradient.
/// </summary>
/// <remarks>
/// Each weight is viewed as a matrix M with its last stored axis as columns: Conv1d's (K, in, out) storage gives
/// (K·in) × out and Dense's (in, out) gives in × out, i.e. the transpose of PyTorch's (out, in·K) reshape up to a row
/// permutation, which leaves the singular values unchanged. With the persistent unit vector q ∈ ℝ^cols one
/// iteration is p = Mq/‖Mq‖, q = Mᵀp/‖Mᵀp‖ and σ = ‖Mᵀp‖ = pᵀMq; ∂σ²/∂M = 2σ·p·qᵀ (exact at the top singular pair).
/// The vectors start as seeded Gaussian draws.
/// </remarks>
public sealed class SpectralNormPenalty
{
    private readonly Parameter[] _weights;
    private readonly double[][] _q;
    private readonly double[][] _p;
    private readonly double[][] _t;

    /// <summary>Tracks the weights <paramref name="weights"/> (each of rank ≥ 2 is a matrix; vectors are treated as 1 × n), q vectors drawn from <paramref name="seed"/>.</summary>
    public SpectralNormPenalty(IEnumerable<Parameter> weights, int seed)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _weights = weights.ToArray();
        var rng = new Random(seed);
        _q = new double[_weights.Length][];
        _p = new double[_weights.Length][];
        _t = new double[_weights.Length][];
        for (int w = 0; w < _weights.Length; w++)
        {
            var (rows, cols) = MatrixShape(_weights[w]);
            var q = new double[cols];
            for (int j = 0; j < cols; j++)
            {
                q[j] = Training.RandomDraws.Gaussian(rng);
            }

            Normalise(q);
            _q[w] = q;
            _p[w] = new double[rows];
            _t[w] = new double[cols];
        }
    }

    /// <summary>The latest σ_max estimate of each weight (after the last <see cref="Iterate"/>), in constructor order.</summary>
    public double[] SingularValues { get; private set; } = [];

    /// <summary>Runs <paramref name="iterations"/> power iterations on every weight; returns Σ σ², the penalty before the coefficient.</summary>
    public double Iterate(int iterations = 1)
    {
        var sigmas = new double[_weights.Length];
        double sum = 0;
        for (int w = 0; w < _weights.Length; w++)
        {
            var (rows, cols) = MatrixShape(_weights[w]);
            var m = _weights[w].Value.Span;
            double sigma = 0;
            for (int it = 0; it < iterations; it++)
            {
                sigma = PowerStep(m, rows, cols, _p[w], _q[w], _t[w]);
            }

            sigmas[w] = sigma;
            sum += sigma * sigma;
        }

        SingularValues = sigmas;
        return sum;
    }

    /// <summary>
    /// One power iteration per weight, then adds 2·<paramref name="coefficient"/>·σ·p·qᵀ to each weight's gradient.
    /// Returns the penalty coef·Σ σ².
    /// </summary>
    public double AddGradients(double coefficient)
    {
        double sum = Iterate();
        for (int w = 0; w < _weights.Length; w++)
        {
            var (rows, cols) = MatrixShape(_weights[w]);
            var g = _weights[w].Grad.Span;
            double scale = 2 * coefficient * SingularValues[w];
            var p = _p[w];
            var q = _q[w];
            for (int r = 0; r < rows; r++)
            {
                double pr = scale * p[r];
                var row = g.Slice(r * cols, cols);
                for (int c = 0; c < cols; c++)
                {
                    row[c] += (float)(pr * q[c]);
                }
            }
        }

        return coefficient * sum;
    }

    /// <summary>σ_max of the row-major <paramref name="rows"/> × <paramref name="cols"/> matrix by <paramref name="iterations"/> power iterations from a seeded start.</summary>
    public static double LargestSingularValue(ReadOnlySpan<float> matrix, int rows, int cols, int iterations = 200, int seed = 0)
    {
        if (rows < 1 || cols < 1 || matrix.Length < rows * cols)
        {
            throw new ArgumentException($"a {rows} × {cols} matrix needs {rows * cols} values; got {matrix.Length}");
        }

        var rng = new Random(seed);
        var q = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            q[j] = Training.RandomDraws.Gaussian(rng);
        }

        Normalise(q);
        var p = new double[rows];
        var t = new double[cols];
        double sigma = 0;
        for (int it = 0; it < iterations; it++)
        {
            sigma = PowerStep(matrix, rows, cols, p, q, t);
        }

        return sigma;
    }

    private static (int Rows, int Cols) MatrixShape(Parameter w)
    {
        var shape = w.Value.Shape;
        int cols = shape.Length == 0 ? 1 : shape[^1];
        return (w.Size / cols, cols);
    }

    // p = Mq/‖Mq‖, q = Mᵀp/‖Mᵀp‖; returns ‖Mᵀp‖. A zero matrix leaves q unchanged and gives σ = 0.
    private static double PowerStep(ReadOnlySpan<float> m, int rows, int cols, double[] p, double[] q, double[] t)
    {
        for (int r = 0; r < rows; r++)
        {
            var row = m.Slice(r * cols, cols);
            double s = 0;
            for (int c = 0; c < cols; c++)
            {
                s += row[c] * q[c];
            }

            p[r] = s;
        }

        if (Normalise(p) == 0)
        {
            return 0;
        }

        Array.Clear(t);
        for (int r = 0; r < rows; r++)
        {
            var row = m.Slice(r * cols, cols);
            double pr = p[r];
            for (int c = 0; c < cols; c++)
            {
                t[c] += row[c] * pr;
            }
        }

        double sigma = Normalise(t);
        if (sigma > 0)
        {
            t.CopyTo(q, 0);
        }

        return sigma;
    }

    private static double Normalise(double[] v)
    {
        double s = 0;
        foreach (var x in v)
        {
            s += x * x;
        }

        double norm = Math.Sqrt(s);
        if (norm > 0)
        {
            for (int i = 0; i < v.Length; i++)
            {
                v[i] /= norm;
            }
        }

        return norm;
    }
}
