using Motiflens.Engine.Optim;

namespace Motiflens.Engine.Tests.Optim;

public class SpectralNormPenaltyTests
{
    [Fact]
    public void LargestSingularValue_MatchesHandValues()
    {
        // diag(2, 1) padded to 3 × 2: σ_max = 2. [[1, 1], [0, 1]]: σ_max = golden ratio (1 + √5) / 2.
        Assert.Equal(2.0, SpectralNormPenalty.LargestSingularValue([2, 0, 0, 1, 0, 0], 3, 2), 6);
        Assert.Equal((1 + Math.Sqrt(5)) / 2, SpectralNormPenalty.LargestSingularValue([1, 1, 0, 1], 2, 2), 6);

        // Rank one u·vᵀ with u = (1, 2, 2), v = (3, 4): σ = ‖u‖·‖v‖ = 3 · 5.
        Assert.Equal(15.0, SpectralNormPenalty.LargestSingularValue([3, 4, 6, 8, 6, 8], 3, 2), 5);
    }

    [Fact]
    public void Iterate_UsesTheLastStoredAxisAsColumns()
    {
        // A (2, 1, 3) weight is a 2 × 3 matrix: rows (1, 0, 0) and (0, 0, 3) → σ_max = 3.
        var w = new Parameter("weight", [2, 1, 3]);
        float[] values = [1, 0, 0, 0, 0, 3];
        values.CopyTo(w.Value.Data, 0);
        var penalty = new SpectralNormPenalty([w], seed: 1);
        Assert.Equal(9.0, penalty.Iterate(100), 6);
        Assert.Equal(3.0, penalty.SingularValues[0], 6);
    }

    [Fact]
    public void AddGradients_MatchesFiniteDifferencesOfThePenalty()
    {
        const double Coef = 0.7;
        var a = new Parameter("weight", [3, 4]);
        var b = new Parameter("weight", [4, 2, 2]);
        var rng = new Random(5);
        foreach (var p in new[] { a, b })
        {
            for (int i = 0; i < p.Size; i++)
            {
                p.Value.Data[i] = (float)(rng.NextDouble() * 2 - 1);
            }
        }

        var penalty = new SpectralNormPenalty([a, b], seed: 8);
        penalty.Iterate(300); // converge the persistent vectors first; the gradient is exact at the top singular pair
        a.ZeroGrad();
        b.ZeroGrad();
        double value = penalty.AddGradients(Coef);

        double Loss() => Coef * (Math.Pow(SpectralNormPenalty.LargestSingularValue(a.Value.Span, 3, 4, 500), 2)
            + Math.Pow(SpectralNormPenalty.LargestSingularValue(b.Value.Span, 8, 2, 500), 2));

        Assert.Equal(Loss(), value, 5);
        GradientCheck.Compare("a", a.Grad.Span.ToArray(), GradientCheck.NumericGradient(Loss, a.Value.Data, a.Size, 1e-2f));
        GradientCheck.Compare("b", b.Grad.Span.ToArray(), GradientCheck.NumericGradient(Loss, b.Value.Data, b.Size, 1e-2f));
    }

    [Fact]
    public void AddGradients_AccumulatesIntoTheExistingGradient()
    {
        // W = diag(2, 1): σ = 2, p = q = e₁ (up to a common sign), so the gradient adds 2·coef·σ = 2 at (0, 0) only.
        var w = new Parameter("weight", [2, 2]);
        w.Value.Data[0] = 2;
        w.Value.Data[3] = 1;
        w.Grad.Data[0] = 0.5f;
        w.Grad.Data[3] = -1f;
        var penalty = new SpectralNormPenalty([w], seed: 2);
        penalty.Iterate(60);
        Assert.Equal(4.0 * 0.5, penalty.AddGradients(0.5), 6);
        Assert.Equal(0.5 + 2.0, w.Grad.Data[0], 5);
        Assert.Equal(0.0, w.Grad.Data[1], 5);
        Assert.Equal(0.0, w.Grad.Data[2], 5);
        Assert.Equal(-1.0, w.Grad.Data[3], 5);
    }
}
