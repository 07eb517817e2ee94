using Motiflens.Engine.Optim;

namespace Motiflens.Engine.Tests.Optim;

public class SgdTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgd_MomentumMatchesPyTorchFormula(bool nesterov)
    {
        var p = new Parameter("w", [1]);
        p.Value.Data[0] = 1f;
        var sgd = new Sgd([p], learningRate: 0.1f, momentum: 0.9f, nesterov: nesterov, weightDecay: 0.1f);
        double w = 1, buf = 0;
        double[] grads = [1, -0.5, 0.25];
        for (int t = 0; t < 3; t++)
        {
            p.Grad.Data[0] = (float)grads[t];
            sgd.Step();
            double g = grads[t] + 0.1 * w;
            buf = t == 0 ? g : 0.9 * buf + g;
            w -= 0.1 * (nesterov ? g + 0.9 * buf : buf);
        }

        Assert.Equal(w, p.Value.Data[0], 5);
    }
}
