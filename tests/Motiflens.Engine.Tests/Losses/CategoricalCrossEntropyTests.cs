using Motiflens.Engine.Losses;

namespace Motiflens.Engine.Tests.Losses;

public class CategoricalCrossEntropyTests
{
    [Fact]
    public void CategoricalCrossEntropy_MatchesLogSoftmaxOfTrueClass()
    {
        var z = new Tensor([1f, 2f, 3f, 0f, 0f, 0f], 2, 3);
        var y = new Tensor([0f, 0f, 1f, 1f, 0f, 0f], 2, 3);
        double lse = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        Assert.Equal(((lse - 3) + Math.Log(3)) / 2, new CategoricalCrossEntropy().Compute(z, y), 5);
        LossCheck.GradientMatches(new CategoricalCrossEntropy(), GradientCheck.Random(1, -2f, 2f, 4, 5), y: Soft(4, 5));
    }

    private static Tensor Soft(int n, int k)
    {
        var t = GradientCheck.Random(3, 0f, 1f, n, k);
        for (int r = 0; r < n; r++)
        {
            float s = t.Span.Slice(r * k, k).ToArray().Sum();
            for (int j = 0; j < k; j++)
            {
                t.Data[r * k + j] /= s;
            }
        }

        return t;
    }
}
