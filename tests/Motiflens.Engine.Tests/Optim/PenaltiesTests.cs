using Motiflens.Engine.Optim;

namespace Motiflens.Engine.Tests.Optim;

public class PenaltiesTests
{
    [Fact]
    public void Penalties_AddL1AndL2Gradients()
    {
        var p = new Parameter("w", [3]);
        p.Value.Data[0] = 2f;
        p.Value.Data[1] = -1f;
        Penalties.AddGradients([p], l1: 0.1f, l2: 0.5f);
        Assert.Equal([0.1f + 2f, -0.1f - 1f, 0f], p.Grad.Span.ToArray());
        Assert.Equal(0.1 * 3 + 0.5 * 5, Penalties.Value([p], 0.1f, 0.5f), 6);
    }
}
