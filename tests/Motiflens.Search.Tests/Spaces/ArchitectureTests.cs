using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Spaces;

public class ArchitectureTests
{
    [Fact]
    public void EqualTokens_AreEqualArchitecturesWithEqualHashes()
    {
        var a = new Architecture([1, 2, 3]);
        var b = Architecture.Parse("1-2-3");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new Architecture([1, 2]));
        Assert.Equal("1-2-3", a.ToString());
    }
}
