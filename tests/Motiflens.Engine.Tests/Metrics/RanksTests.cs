using Motiflens.Engine.Metrics;

namespace Motiflens.Engine.Tests.Metrics;

public class RanksTests
{
    [Fact]
    public void Average_GivesTiesTheMeanOfTheRanksTheySpan()
    {
        // Sorted: 1 (rank 1), 2 2 (ranks 2 and 3 → 2.5), 5 5 5 (ranks 4..6 → 5), 9 (rank 7).
        Assert.Equal([5.0, 2.5, 1.0, 5.0, 7.0, 2.5, 5.0], Ranks.Average([5, 2, 1, 5, 9, 2, 5]));
    }

    [Fact]
    public void Average_KeepsTheInputOrderAndHandlesEmptyInput()
    {
        Assert.Equal([3.0, 1.0, 2.0], Ranks.Average([0.3, -1, 0]));
        Assert.Empty(Ranks.Average([]));
    }
}
