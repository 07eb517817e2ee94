using Motiflens.Engine.Optim;

namespace Motiflens.Engine.Tests.Optim;

public class AdamTests
{
    [Fact]
    public void Adam_TwoStepsMatchHandComputedPyTorchUpdate()
    {
        var p = new Parameter("w", [2]);
        p.Value.Data[0] = 1f;
        p.Value.Data[1] = -2f;
        var adam = new Adam([p], learningRate: 0.1f, weightDecay: 0.01f);
        double[] w = [1, -2], m = [0, 0], v = [0, 0];
        double[][] grads = [[0.5, -0.25], [0.1, 0.3]];
        for (int t = 1; t <= 2; t++)
        {
            p.Grad.Data[0] = (float)grads[t - 1][0];
            p.Grad.Data[1] = (float)grads[t - 1][1];
            adam.Step();
            for (int i = 0; i < 2; i++)
            {
                double g = grads[t - 1][i] + 0.01 * w[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double denom = Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999, t)) + 1e-8;
                w[i] -= 0.1 / (1 - Math.Pow(0.9, t)) * m[i] / denom;
            }
        }

        Assert.Equal(w[0], p.Value.Data[0], 5);
        Assert.Equal(w[1], p.Value.Data[1], 5);
        Assert.Equal(2, adam.State(p).Step);
        Assert.Equal(m[0], adam.State(p).ExpAvg[0], 6);
    }

    [Fact]
    public void Adam_DecoupledWeightDecayShrinksBeforeTheUpdate()
    {
        var p = new Parameter("w", [1]);
        p.Value.Data[0] = 2f;
        p.Grad.Data[0] = 1f;
        new Adam([p], learningRate: 0.1f, weightDecay: 0.5f, decoupledWeightDecay: true).Step();
        // First step: m̂ = g, v̂ = g², update = lr·g/(|g| + ε) ≈ 0.1.
        Assert.Equal(2f * (1 - 0.05f) - 0.1f, p.Value.Data[0], 5);
    }

    [Fact]
    public void Adam_VectorAndScalarPathsAgreeOnLongParameters()
    {
        var p = new Parameter("w", [37]);
        for (int i = 0; i < 37; i++)
        {
            p.Value.Data[i] = 0.1f * i;
            p.Grad.Data[i] = 0.3f;
        }

        new Adam([p], learningRate: 0.01f).Step();
        Assert.All(Enumerable.Range(0, 37), i => Assert.Equal(0.1f * i - 0.01f, p.Value.Data[i], 5));
    }

    [Fact]
    public void Adam_SkipsNonTrainableBuffers()
    {
        var buffer = new Parameter("running_mean", [1], trainable: false);
        buffer.Grad.Data[0] = 1f;
        var adam = new Adam([buffer]);
        adam.Step();
        Assert.Empty(adam.Parameters);
        Assert.Equal(0f, buffer.Value.Data[0]);
    }
}
