using Motiflens.Engine.Kernels;

namespace Motiflens.Engine.Tests.Kernels;

public class ActivationKernelsTests
{
    [Fact]
    public void BackwardKernels_MatchScalarReferencesForLengths0To70()
    {
        var rng = new Random(2);
        for (int n = 0; n <= 70; n++)
        {
            var y = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
            var g = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
            var a = (float[])g.Clone();
            var b = (float[])g.Clone();
            a = (float[])g.Clone();
            b = (float[])g.Clone();
            if (n > 3)
            {
                a[3] = b[3] = float.NaN;
            }

            ActivationKernels.Relu(a);
            ActivationKernels.ReluReference(b);
            Assert.Equal(b, a);
            a = (float[])g.Clone();
            b = (float[])g.Clone();
            ActivationKernels.ReluBackward(y, a);
            ActivationKernels.ReluBackwardReference(y, b);
            Assert.Equal(b, a);
            a = (float[])g.Clone();
            b = (float[])g.Clone();
            ActivationKernels.SigmoidBackward(y, a);
            ActivationKernels.SigmoidBackwardReference(y, b);
            Assert.Equal(b, a, (u, v) => Math.Abs(u - v) <= 1e-6f * (1 + Math.Abs(u)));
        }
    }
}
