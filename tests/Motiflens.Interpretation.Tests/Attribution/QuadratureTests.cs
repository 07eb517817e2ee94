using Motiflens.Interpretation.Attribution;

namespace Motiflens.Interpretation.Tests.Attribution;

public class QuadratureTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public void GaussLegendre_IntegratesPolynomialsOfDegree2mMinus1Exactly(int m)
    {
        var (nodes, weights) = Quadrature.On01(IntegrationRule.GaussLegendre, m);
        int degree = (2 * m) - 1;
        double integral = nodes.Select((a, s) => weights[s] * Math.Pow(a, degree)).Sum();
        Assert.Equal(1.0 / (degree + 1), integral, 12);
        Assert.Equal(1.0, weights.Sum(), 12);
        Assert.True(nodes.Zip(nodes.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void Riemann_UsesMidpoints()
    {
        var (nodes, weights) = Quadrature.On01(IntegrationRule.Riemann, 4);
        Assert.Equal(new[] { 0.125, 0.375, 0.625, 0.875 }, nodes);
        Assert.All(weights, w => Assert.Equal(0.25, w));
    }
}
