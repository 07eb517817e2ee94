using Motiflens.Interpretation.Calibration;

namespace Motiflens.Interpretation.Tests.Calibration;

public class LengthWeightCalibrationTests
{
    private static CalibrationModel Model(double lnSnr, double k3, double k4, double k5) =>
        new($"m{lnSnr}", Math.Exp(lnSnr), new Dictionary<int, double> { [3] = k3, [4] = k4, [5] = k5 });

    [Fact]
    public void Fit_WeightsAreProportionalToRSquared()
    {
        // ln SNR = 0..3. k=3 is exactly linear (R² 1), k=4 constant (R² 0), k=5 = [0,1,0,1] (r = 1/√5, R² 0.2).
        var models = new[] { Model(0, 2, 7, 0), Model(1, 5, 7, 1), Model(2, 8, 7, 0), Model(3, 11, 7, 1) };
        var r2 = LengthWeightCalibration.RSquared(models, [3, 4, 5]);
        Assert.Equal(1, r2[3], 12);
        Assert.Equal(0, r2[4]);
        Assert.Equal(0.2, r2[5], 12);
        var weights = LengthWeightCalibration.Fit(models, [3, 4, 5]);
        Assert.Equal(1 / 1.2, weights.Weights[3], 12);
        Assert.Equal(0, weights.Weights[4]);
        Assert.Equal(0.2 / 1.2, weights.Weights[5], 12);
    }

    [Fact]
    public void Fit_NoCorrelatedLength_Throws()
    {
        var models = new[] { Model(0, 1, 1, 1), Model(1, 1, 1, 1), Model(2, 1, 1, 1) };
        Assert.Throws<ArgumentException>(() => LengthWeightCalibration.Fit(models, [3, 4, 5]));
    }

    [Fact]
    public void Spearman_UsesAverageRanksForTies()
    {
        Assert.Equal(-1, LengthWeightCalibration.Spearman([1, 2, 3], [9, 5, 1]), 12);
        // Ranks [1, 2.5, 2.5, 4] vs [1, 2, 3, 4]: r = 4.5 / √(4.5·5).
        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), LengthWeightCalibration.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 12);
    }

    [Fact]
    public void Calibrate_InformativeLengthGetsTheWeight_AndHeldOutSpearmanIsHigh()
    {
        var random = new Random(4);
        var models = new List<CalibrationModel>();
        for (int i = 0; i < 200; i++)
        {
            double lnSnr = random.NextDouble() * 3 - 1;
            models.Add(Model(lnSnr, random.NextDouble(), lnSnr + (0.05 * random.NextDouble()), random.NextDouble()));
        }

        models.Add(new CalibrationModel("zero-snr", 0, models[0].WeightedKld));
        var report = LengthWeightCalibration.Calibrate(models, [3, 4, 5], seed: 1);
        Assert.Equal(200, report.UsedModels);
        Assert.Equal(10, report.Trials.Count);
        Assert.All(report.Trials, t => Assert.Equal(20, t.HeldOutModels));
        Assert.True(report.Weights.Weights[4] > 0.9, $"weights {report.Weights.ToJson()}");
        Assert.True(report.MeanSpearman > 0.9, $"rho {report.MeanSpearman}");
        Assert.True(report.WeightSpread[4] < 0.05, $"spread {report.WeightSpread[4]}");
        Assert.Equal(1, report.Weights.Weights.Values.Sum(), 12);
    }

    [Fact]
    public void Calibrate_SameSeed_IsDeterministic()
    {
        var random = new Random(5);
        var models = Enumerable.Range(0, 30).Select(_ =>
        {
            double x = random.NextDouble();
            return Model(x, x + random.NextDouble(), random.NextDouble(), x * 2 + random.NextDouble());
        }).ToList();
        var a = LengthWeightCalibration.Calibrate(models, [3, 4, 5], seed: 7);
        var b = LengthWeightCalibration.Calibrate(models, [3, 4, 5], seed: 7);
        Assert.Equal(a.Trials.Select(t => t.Spearman), b.Trials.Select(t => t.Spearman));
        Assert.Equal(a.MeanSpearman, b.MeanSpearman);
    }

    [Fact]
    public void Calibrate_ReportsHeldOutSpearmanOfEachLengthAndOfTheOriginalKld()
    {
        // ln SNR = 0..19: k=3 rises with it, k=4 falls, k=5 is constant; the original KLD is known for even models only
        // and falls with ln SNR, so every held-out subset ranks it at exactly −1.
        var models = Enumerable.Range(0, 20).Select(i => new CalibrationModel($"m{i}", Math.Exp(i),
            new Dictionary<int, double> { [3] = i * i, [4] = -i, [5] = 1 }, i % 2 == 0 ? -i : double.NaN)).ToList();
        var report = LengthWeightCalibration.Calibrate(models, [3, 4, 5], subsets: 4, folds: 2, seed: 2);
        Assert.All(report.Trials, t =>
        {
            Assert.Equal(1, t.SpearmanWeighted[3], 12);
            Assert.Equal(-1, t.SpearmanWeighted[4], 12);
            Assert.True(double.IsNaN(t.SpearmanWeighted[5]));
        });
        Assert.Equal(1, report.MeanSpearmanWeighted[3], 12);
        Assert.Equal(-1, report.MeanSpearmanWeighted[4], 12);
        Assert.True(double.IsNaN(report.MeanSpearmanWeighted[5]));
        Assert.Equal(-1, report.MeanSpearmanOriginal, 12);
    }
}
