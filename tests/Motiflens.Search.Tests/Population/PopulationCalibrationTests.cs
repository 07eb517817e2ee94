using Motiflens.IO;
using Motiflens.Search.Population;

namespace Motiflens.Search.Tests.Population;

public class PopulationCalibrationTests
{
    /// <summary>
    /// Models with ln SNR = 1..n: KLD_w(3) = ln SNR (R² 1), KLD_w(4) = <paramref name="k4"/>, KLD_w(5..8) constant (R² 0),
    /// original KLD = −ln SNR.
    /// </summary>
    internal static List<PopulationRow> Synthetic(IReadOnlyList<double> k4)
    {
        var rows = new List<PopulationRow>();
        for (int i = 0; i < k4.Count; i++)
        {
            double x = i + 1;
            rows.Add(new PopulationRow
            {
                Id = $"m{i}",
                Activation = "relu",
                Ok = true,
                TestAuroc = 0.98,
                Snr = Math.Exp(x),
                KldOriginal = -x,
                KldWeighted = new Dictionary<int, double> { [3] = x, [4] = k4[i], [5] = 1, [6] = 1, [7] = 1, [8] = 1 },
            });
        }

        return rows;
    }

    [Fact]
    public void Calibrate_TwoExactLengths_GetHalfTheWeightEach_AndRankSnrPerfectly()
    {
        var rows = Synthetic(Enumerable.Range(1, 20).Select(i => 3.0 * i).ToArray());
        rows.Add(MatchedPairsTests.Row("weak", 0.90, 1));
        rows.Add(MatchedPairsTests.Row("broken", double.NaN, double.NaN, ok: false));
        var result = PopulationCalibration.Calibrate(PopulationTable.Of("d.npz", "synthetic", rows), "pop", minAuroc: 0.97, subsets: 4, folds: 2, seed: 3);
        Assert.Equal((22, 20, 20), (result.ModelsTotal, result.ModelsPassed, result.ModelsUsed));
        var r = result.Report;
        Assert.Equal(0.5, r.Weights.Weights[3], 12);
        Assert.Equal(0.5, r.Weights.Weights[4], 12);
        Assert.All(new[] { 5, 6, 7, 8 }, k => Assert.Equal(0, r.Weights.Weights[k]));
        Assert.All(r.WeightSpread.Values, sd => Assert.Equal(0, sd, 12));
        Assert.Equal(1, r.MeanSpearman, 12);
        Assert.Equal(-1, r.MeanSpearmanOriginal, 12);
        Assert.Equal(1, r.MeanSpearmanWeighted[3], 12);
        Assert.True(double.IsNaN(r.MeanSpearmanWeighted[5]));
        Assert.Equal(4, r.Trials.Count);
        Assert.All(r.Trials, t => Assert.Equal(5, t.HeldOutModels));
    }

    [Fact]
    public void Calibrate_WeightsFollowHandComputedRSquared()
    {
        // x = 1..8 and k=4 values [1,3,2,4,5,7,6,8]: Σdx² = Σdy² = 42, Σdxdy = 40, so R²₄ = (40/42)² = 400/441; R²₃ = 1.
        var rows = Synthetic([1, 3, 2, 4, 5, 7, 6, 8]);
        var result = PopulationCalibration.Calibrate(PopulationTable.Of("d.npz", "synthetic", rows), "pop", subsets: 2, folds: 2);
        Assert.Equal(400.0 / 441, result.Report.RSquared[4], 12);
        Assert.Equal(441.0 / 841, result.Report.Weights.Weights[3], 12);
        Assert.Equal(400.0 / 841, result.Report.Weights.Weights[4], 12);
    }

    [Fact]
    public void Calibrate_TooFewModelsPassingTheFilter_IsInputError()
    {
        var rows = Synthetic(Enumerable.Range(1, 12).Select(i => (double)i).ToArray());
        var table = PopulationTable.Of("d.npz", "synthetic", rows.Select((r, i) => i < 5 ? r : r with { TestAuroc = 0.9 }).ToList());
        var ex = Assert.Throws<InputException>(() => PopulationCalibration.Calibrate(table, "pop/population.json"));
        Assert.Contains("5 of 12 models pass test AUROC >= 0.97", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pop/population.json", ex.Message, StringComparison.Ordinal);
    }
}
