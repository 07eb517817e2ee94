using Motiflens.Engine.Optim;

namespace Motiflens.Engine.Tests.Optim;

public class GradientClippingTests
{
    [Fact]
    public void ClipGlobalNorm_ScalesAllGradientsToTheMaximumNorm()
    {
        var a = new Parameter("a", [2]);
        var b = new Parameter("b", [1]);
        a.Grad.Data[0] = 3f;
        a.Grad.Data[1] = 0f;
        b.Grad.Data[0] = 4f;
        Assert.Equal(5f, GradientClipping.ClipGlobalNorm([a, b], 1f), 5);
        Assert.Equal(0.6f, a.Grad.Data[0], 5);
        Assert.Equal(0.8f, b.Grad.Data[0], 5);
        Assert.Equal(1f, GradientClipping.ClipGlobalNorm([a, b], 10f), 4);
        Assert.Equal(0.6f, a.Grad.Data[0], 5);
    }
}
