using Motiflens.Interpretation.Knowledge;

namespace Motiflens.Interpretation.Tests.Knowledge;

public class FilterBankTests
{
    [Fact]
    public void FromConvWeight_TransposesOutInKernelToFilterRows()
    {
        // One filter, (in = 4, kernel = 2): channel c at position i is 10c + i.
        var weight = new float[] { 0, 1, 10, 11, 20, 21, 30, 31 };
        var bank = FilterBank.FromConvWeight(weight, 1, 4, 2);
        Assert.Equal(new float[] { 0, 10, 20, 30, 1, 11, 21, 31 }, bank.Filter(0).ToArray());
    }
}
