using Motiflens.Interpretation.Attribution;

namespace Motiflens.Interpretation.Tests.Attribution;

public class SmoothGradTests
{
    [Fact]
    public void SmoothGrad_WithoutNoise_IsSaliency()
    {
        using var model = TinyModels.Smooth();
        var codes = TinyModels.Codes(2, 14);
        var saliency = TinyModels.Run(model, codes, new Saliency());
        var smooth = TinyModels.Run(model, codes, new SmoothGrad(samples: 3, sigma: 0));
        for (int i = 0; i < saliency.Length; i++)
        {
            Assert.Equal(saliency[i], smooth[i], 5);
        }
    }

    [Fact]
    public void SmoothGrad_IsSeededPerSequence()
    {
        using var model = TinyModels.Smooth();
        var codes = TinyModels.Codes(3, 15);
        var a = TinyModels.Run(model, codes, new SmoothGrad(5, 0.2, seed: 1), batchSize: 3);
        var b = TinyModels.Run(model, codes, new SmoothGrad(5, 0.2, seed: 1), batchSize: 1);
        var c = TinyModels.Run(model, codes, new SmoothGrad(5, 0.2, seed: 2), batchSize: 3);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
