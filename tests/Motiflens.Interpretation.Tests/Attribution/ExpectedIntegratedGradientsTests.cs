using Motiflens.Interpretation.Attribution;

namespace Motiflens.Interpretation.Tests.Attribution;

public class ExpectedIntegratedGradientsTests
{
    [Fact]
    public void ExpectedIntegratedGradients_OfALinearModel_SumToOutputMinusMeanReferenceOutput()
    {
        // For a linear f, (x − b)·∇f = f(x) − f(b) whatever α is, so Σ EIG = mean_s (f(x) − f(b_s)) over the
        // method's own draws, which are reproduced here from the per-sequence generator.
        using var model = TinyModels.Linear();
        var codes = TinyModels.Codes(2, 16);
        const int samples = 4;
        var maps = TinyModels.Run(model, codes, new ExpectedIntegratedGradients(samples, seed: 3));
        var batch = new AttributionBatch(codes, 2, TinyModels.Length, 0);
        int size = TinyModels.Length * 4;
        for (int s = 0; s < 2; s++)
        {
            var random = batch.RandomFor(3, s);
            var x = AttributionBatch.OneHotOf(codes.AsSpan(s * TinyModels.Length, TinyModels.Length));
            double expected = 0;
            for (int k = 0; k < samples; k++)
            {
                var reference = Genomics.Kmers.DinucleotideShuffle.Shuffle(codes.AsSpan(s * TinyModels.Length, TinyModels.Length), random);
                random.NextDouble(); // α
                expected += (TinyModels.Output(model, x, 0) - TinyModels.Output(model, AttributionBatch.OneHotOf(reference), 0)) / samples;
            }

            double sum = maps.AsSpan(s * size, size).ToArray().Sum(v => (double)v);
            Assert.Equal(expected, sum, 4);
        }
    }

    [Fact]
    public void ExpectedIntegratedGradients_DoNotDependOnBatchSize()
    {
        using var model = TinyModels.Smooth();
        var codes = TinyModels.Codes(3, 17);
        var method = new ExpectedIntegratedGradients(6, seed: 5);
        Assert.Equal(TinyModels.Run(model, codes, method, batchSize: 3), TinyModels.Run(model, codes, method, batchSize: 2));
    }
}
