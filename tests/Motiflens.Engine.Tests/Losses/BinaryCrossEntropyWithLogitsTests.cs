using Motiflens.Engine.Losses;

namespace Motiflens.Engine.Tests.Losses;

public class BinaryCrossEntropyWithLogitsTests
{
    [Fact]
    public void BinaryCrossEntropyWithLogits_MatchesHandComputedValue()
    {
        var loss = new BinaryCrossEntropyWithLogits();
        var z = new Tensor([0f, 2f, -1f, 30f], 2, 2);
        var y = new Tensor([1f, 0f, 1f, 1f], 2, 2);
        double expected = (Math.Log(2) + Math.Log(1 + Math.Exp(2)) + Math.Log(1 + Math.Exp(1)) + Math.Log(1 + Math.Exp(-30))) / 4;
        var g = new Tensor(2, 2);
        Assert.Equal(expected, loss.Compute(z, y, g), 5);
        Assert.Equal((0.5 - 1) / 4, g.Data[0], 6);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_MaskCountsOnlySelectedTargets()
    {
        var loss = new BinaryCrossEntropyWithLogits();
        var z = new Tensor([0f, 5f, -1f, 3f], 2, 2);
        var y = new Tensor([1f, 0f, 1f, 1f], 2, 2);
        var mask = new Tensor([1f, 0f, 0f, 1f], 2, 2);
        var g = new Tensor(2, 2);
        double expected = (Math.Log(2) + Math.Log(1 + Math.Exp(-3))) / 2;
        Assert.Equal(expected, loss.Compute(z, y, g, mask), 5);
        Assert.Equal(0f, g.Data[1]);
        LossCheck.GradientMatches(loss, z, y, mask);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_GradientMatchesFiniteDifferences() =>
        LossCheck.GradientMatches(new BinaryCrossEntropyWithLogits(), GradientCheck.Random(1, -3f, 3f, 4, 3), GradientCheck.Random(2, 0f, 1f, 4, 3));
}
