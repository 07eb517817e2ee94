using Motiflens.Interpretation.Attribution;

namespace Motiflens.Interpretation.Tests.Attribution;

public class AttributionRunnerTests
{
    [Fact]
    public void Run_ResultsDoNotDependOnBatchSize_AndProgressReachesTheTotal()
    {
        using var model = TinyModels.Smooth();
        var codes = TinyModels.Codes(5, 6);
        var reports = new List<AttributionProgress>();
        var a = AttributionRunner.Run(model, codes, TinyModels.Length, new Saliency(), new AttributionOptions(BatchSize: 2), new SyncProgress(reports.Add));
        var b = TinyModels.Run(model, codes, new Saliency(), batchSize: 5);
        Assert.Equal(b, a);
        Assert.Equal(new[] { 2, 4, 5 }, reports.Select(r => r.Done).ToArray());
        Assert.All(reports, r => Assert.Equal(5, r.Total));
    }

    [Fact]
    public void Run_TaskOutsideTheOutputs_Throws()
    {
        using var model = TinyModels.Smooth();
        Assert.Throws<ArgumentOutOfRangeException>(() => TinyModels.Run(model, TinyModels.Codes(1, 1), new Saliency(), output: 2));
    }

    [Fact]
    public void Run_SequenceLengthDifferentFromTheModel_Throws()
    {
        using var model = TinyModels.Smooth();
        Assert.Throws<ArgumentException>(() => AttributionRunner.Run(model, new byte[20], 10, new Saliency()));
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var model = TinyModels.Smooth();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => AttributionRunner.Run(model, TinyModels.Codes(2, 1), TinyModels.Length, new Saliency(), cancellationToken: cts.Token));
    }

    private sealed class SyncProgress(Action<AttributionProgress> report) : IProgress<AttributionProgress>
    {
        public void Report(AttributionProgress value) => report(value);
    }
}
