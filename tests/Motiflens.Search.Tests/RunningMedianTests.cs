using FsCheck;
using FsCheck.Fluent;

namespace Motiflens.Search.Tests;

public class RunningMedianTests
{
    [Fact]
    public void Median_OfHandPickedSequences_IsTheMiddleValueOrTheMeanOfTheTwo()
    {
        var m = new RunningMedian();
        Assert.True(double.IsNaN(m.Median));
        double[] added = [5, 1, 3, 7, 3, -2];
        double[] expected = [5, 3, 3, 4, 3, 3];
        for (int i = 0; i < added.Length; i++)
        {
            m.Add(added[i]);
            Assert.Equal(i + 1, m.Count);
            Assert.Equal(expected[i], m.Median);
        }
    }

    [Fact]
    public void Median_MatchesTheMedianOfTheSortedValuesAfterEveryAddition()
    {
        var values = Gen.Choose(-50, 50).Select(v => v / 4.0);
        Prop.ForAll(Gen.ListOf(values).ToArbitrary(), list =>
        {
            var m = new RunningMedian();
            for (int i = 0; i < list.Count; i++)
            {
                m.Add(list[i]);
                var sorted = list.Take(i + 1).Order().ToArray();
                int n = sorted.Length;
                double reference = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
                if (m.Median != reference)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Add_NaN_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new RunningMedian().Add(double.NaN));
}
