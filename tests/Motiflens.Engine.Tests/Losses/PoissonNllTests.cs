using Motiflens.Engine.Losses;

namespace Motiflens.Engine.Tests.Losses;

public class PoissonNllTests
{
    [Fact]
    public void PoissonNll_MatchesTorchLogInputFormula()
    {
        var z = new Tensor([0.5f, -1f], 2, 1);
        var y = new Tensor([2f, 0f], 2, 1);
        Assert.Equal((Math.Exp(0.5) - 1.0 + Math.Exp(-1)) / 2, new PoissonNll().Compute(z, y), 5);
        LossCheck.GradientMatches(new PoissonNll(), GradientCheck.Random(1, -2f, 2f, 4, 3), GradientCheck.Random(2, 0f, 5f, 4, 3));
    }
}
