using Motiflens.Engine.Recurrent;

namespace Motiflens.Engine.Tests.Recurrent;

public class ArrayAdamTests
{
    [Fact]
    public void Update_FirstStepMovesEachWeightByLearningRateAgainstGradientSign()
    {
        // With bias correction the first Adam step is lr·g/(|g|+ε) ≈ lr·sign(g).
        var w = new[] { 1.0, -2.0, 0.5 };
        var g = new[] { 0.3, -4.0, 0.0 };
        var adam = new ArrayAdam([3], learningRate: 0.1);
        adam.Update([w], [g]);
        Assert.Equal(0.9, w[0], 6);
        Assert.Equal(-1.9, w[1], 6);
        Assert.Equal(0.5, w[2], 12);
        Assert.Equal(1, adam.Step);
    }

    [Fact]
    public void Update_MinimisesAQuadratic()
    {
        var w = new[] { 3.0, -1.0 };
        var adam = new ArrayAdam([2], learningRate: 0.05);
        for (int i = 0; i < 2000; i++)
        {
            adam.Update([w], [new[] { 2 * (w[0] - 1), 2 * (w[1] + 2) }]);
        }

        Assert.Equal(1.0, w[0], 2);
        Assert.Equal(-2.0, w[1], 2);
    }
}
