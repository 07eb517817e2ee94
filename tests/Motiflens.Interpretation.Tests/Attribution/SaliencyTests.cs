using Motiflens.Interpretation.Attribution;

namespace Motiflens.Interpretation.Tests.Attribution;

public class SaliencyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Saliency_EqualsFiniteDifferencesOfTheModelOutput(int output)
    {
        using var model = TinyModels.Smooth();
        var codes = TinyModels.Codes(2, 3, withN: true);
        var maps = TinyModels.Run(model, codes, new Saliency(), output);
        const float h = 1e-2f;
        for (int s = 0; s < 2; s++)
        {
            var x = AttributionBatch.OneHotOf(codes.AsSpan(s * TinyModels.Length, TinyModels.Length));
            for (int j = 0; j < x.Length; j++)
            {
                var plus = x.ToArray();
                var minus = x.ToArray();
                plus[j] += h;
                minus[j] -= h;
                double fd = (TinyModels.Output(model, plus, output) - TinyModels.Output(model, minus, output)) / (2.0 * h);
                double g = maps[(s * x.Length) + j];
                Assert.True(Math.Abs(fd - g) < 2e-3 * Math.Max(1, Math.Abs(g)), $"seq {s} index {j}: finite difference {fd}, saliency {g}");
            }
        }
    }

    [Fact]
    public void Saliency_WithCorrection_HasZeroChannelMeanAtEveryPosition()
    {
        using var model = TinyModels.Smooth();
        var maps = TinyModels.Run(model, TinyModels.Codes(3, 4), new Saliency(), correct: true);
        for (int r = 0; r < maps.Length; r += 4)
        {
            Assert.Equal(0, maps[r] + maps[r + 1] + maps[r + 2] + maps[r + 3], 5);
        }
    }
}
