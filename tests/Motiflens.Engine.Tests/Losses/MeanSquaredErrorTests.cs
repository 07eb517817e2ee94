using Motiflens.Engine.Losses;

namespace Motiflens.Engine.Tests.Losses;

public class MeanSquaredErrorTests
{
    [Fact]
    public void MeanSquaredError_MatchesHandComputedValueAndGradient()
    {
        var g = new Tensor(1, 2);
        Assert.Equal((4f + 1f) / 2, new MeanSquaredError().Compute(new Tensor([3f, 0f], 1, 2), new Tensor([1f, 1f], 1, 2), g), 6);
        Assert.Equal([2f, -1f], g.Span.ToArray());
        LossCheck.GradientMatches(new MeanSquaredError(), GradientCheck.Random(1, -3f, 3f, 4, 3), GradientCheck.Random(2, -1f, 1f, 4, 3));
    }
}
