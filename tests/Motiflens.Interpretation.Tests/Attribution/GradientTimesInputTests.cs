using Motiflens.Interpretation.Attribution;

namespace Motiflens.Interpretation.Tests.Attribution;

public class GradientTimesInputTests
{
    [Fact]
    public void GradientTimesInput_IsSaliencyAtTheObservedBase_AndZeroElsewhere()
    {
        using var model = TinyModels.Smooth();
        var codes = TinyModels.Codes(2, 8, withN: true);
        var saliency = TinyModels.Run(model, codes, new Saliency());
        var gxi = TinyModels.Run(model, codes, new GradientTimesInput());
        for (int i = 0; i < codes.Length; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                Assert.Equal(codes[i] == c ? saliency[(i * 4) + c] : 0f, gxi[(i * 4) + c]);
            }
        }
    }
}
