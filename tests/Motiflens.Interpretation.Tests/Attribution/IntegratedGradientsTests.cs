using Motiflens.Interpretation.Attribution;

namespace Motiflens.Interpretation.Tests.Attribution;

public class IntegratedGradientsTests
{
    [Theory]
    [InlineData(IntegratedGradientsBaseline.Zeros, IntegrationRule.Riemann)]
    [InlineData(IntegratedGradientsBaseline.Zeros, IntegrationRule.GaussLegendre)]
    [InlineData(IntegratedGradientsBaseline.Uniform, IntegrationRule.Riemann)]
    [InlineData(IntegratedGradientsBaseline.DinucleotideShuffled, IntegrationRule.GaussLegendre)]
    public void IntegratedGradients_AreComplete_At256Steps(IntegratedGradientsBaseline baseline, IntegrationRule rule)
    {
        using var model = TinyModels.Smooth();
        var codes = TinyModels.Codes(3, 11);
        var method = new IntegratedGradients(256, baseline, rule, seed: 4);
        var maps = TinyModels.Run(model, codes, method);
        var baselines = method.BaselineOf(new AttributionBatch(codes, 3, TinyModels.Length, 0));
        int size = TinyModels.Length * 4;
        for (int s = 0; s < 3; s++)
        {
            var x = AttributionBatch.OneHotOf(codes.AsSpan(s * TinyModels.Length, TinyModels.Length));
            double delta = TinyModels.Output(model, x, 0) - TinyModels.Output(model, baselines.AsSpan(s * size, size).ToArray(), 0);
            double sum = maps.AsSpan(s * size, size).ToArray().Sum(v => (double)v);
            Assert.True(Math.Abs(sum - delta) < 0.01 * Math.Abs(delta) + 1e-5, $"sequence {s}: Σ attributions {sum}, f(x) − f(b) {delta}");
        }
    }

    [Fact]
    public void IntegratedGradients_OfALinearModel_AreGradientTimesInputMinusBaseline()
    {
        using var model = TinyModels.Linear();
        var codes = TinyModels.Codes(2, 12);
        var saliency = TinyModels.Run(model, codes, new Saliency());
        var ig = TinyModels.Run(model, codes, new IntegratedGradients(3, IntegratedGradientsBaseline.Uniform));
        var x = AttributionBatch.OneHotOf(codes);
        for (int i = 0; i < ig.Length; i++)
        {
            Assert.Equal(saliency[i] * (x[i] - 0.25f), ig[i], 5);
        }
    }

    [Fact]
    public void ShuffledBaseline_IsTheSameForAnyBatchSize()
    {
        using var model = TinyModels.Smooth();
        var codes = TinyModels.Codes(4, 13);
        var method = new IntegratedGradients(8, IntegratedGradientsBaseline.DinucleotideShuffled, seed: 9);
        Assert.Equal(TinyModels.Run(model, codes, method, batchSize: 4), TinyModels.Run(model, codes, method, batchSize: 1));
    }
}
