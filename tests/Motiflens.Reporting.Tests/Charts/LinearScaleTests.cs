using Motiflens.Reporting.Charts;

namespace Motiflens.Reporting.Tests.Charts;

public class LinearScaleTests
{
    [Theory]
    [InlineData(0.23, 0.2)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.4, 1.0)]
    [InlineData(1.6, 2.0)]
    [InlineData(3, 5)]
    [InlineData(6.9, 5)]
    [InlineData(7, 10)]
    [InlineData(0.0004, 0.0005)]
    public void NiceStep_IsTheNearestOneTwoOrFiveTimesAPowerOfTen(double raw, double expected) =>
        Assert.Equal(expected, LinearScale.NiceStep(raw), 12);

    [Fact]
    public void Scale_WidensToWholeStepsAndMapsLinearly()
    {
        var s = new LinearScale(0.13, 0.91, 100, 0);
        Assert.Equal(0.2, s.Step, 12);
        Assert.Equal(0.0, s.Min, 12);
        Assert.Equal(1.0, s.Max, 12);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], s.Ticks().Select(t => Math.Round(t, 10)));
        Assert.Equal(50, s.Map(0.5), 10);
        Assert.Equal("0.4", s.Label(0.4));
    }

    [Fact]
    public void Scale_OfOneValueStillHasARange()
    {
        var s = new LinearScale(3, 3, 0, 10);
        Assert.True(s.Max > 3 && s.Min < 3);
        Assert.Equal(5, s.Map(3), 6);
    }

    [Fact]
    public void IntegerScale_KeepsTicksOnWholeNumbers()
    {
        var s = new LinearScale(1, 3, 0, 100, minStep: 1);
        Assert.Equal([1.0, 2, 3], s.Ticks());
    }
}
