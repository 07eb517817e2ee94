using Motiflens.Engine.Kernels;

namespace Motiflens.Engine.Tests.Kernels;

public class VectorOpsTests
{
    [Fact]
    public unsafe void AddTo_MatchesScalarReferenceForLengths0To70()
    {
        var rng = new Random(1);
        for (int n = 0; n <= 70; n++)
        {
            var src = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
            var d1 = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
            var d2 = (float[])d1.Clone();
            fixed (float* s = src, a = d1, b = d2)
            {
                VectorOps.AddTo(a, s, n);
                VectorOps.AddToReference(b, s, n);
            }

            Assert.Equal(d2, d1);
        }
    }
}
