using Motiflens.Interpretation.Attribution;

namespace Motiflens.Interpretation.Tests.Attribution;

public class SaturationMutagenesisTests
{
    [Fact]
    public void SaturationMutagenesis_EqualsReEvaluatingEveryMutatedSequence_MeanCentred()
    {
        using var model = TinyModels.Smooth();
        var codes = TinyModels.Codes(2, 18, withN: true);
        var maps = TinyModels.Run(model, codes, new SaturationMutagenesis(chunkSize: 7), output: 1);
        for (int s = 0; s < 2; s++)
        {
            var sequence = codes.AsSpan(s * TinyModels.Length, TinyModels.Length).ToArray();
            for (int i = 0; i < TinyModels.Length; i++)
            {
                var f = new double[4];
                for (int c = 0; c < 4; c++)
                {
                    var mutant = sequence.ToArray();
                    mutant[i] = (byte)c;
                    f[c] = TinyModels.Output(model, AttributionBatch.OneHotOf(mutant), 1);
                }

                double mean = f.Average();
                for (int c = 0; c < 4; c++)
                {
                    Assert.Equal(f[c] - mean, maps[(((s * TinyModels.Length) + i) * 4) + c], 5);
                }
            }
        }
    }
}
