using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class ThroughputBenchmarkTests
{
    [Theory]
    [InlineData("bionas-small", "train", 606260)]
    [InlineData("bionas-small", "infer", 298620)]
    [InlineData("bionas-small", "saliency", 597240)]
    [InlineData("deep", "train", 9361408)]
    [InlineData("deep", "infer", 3444736)]
    [InlineData("deep", "saliency", 6889472)]
    public void FlopsPerSequence_MatchesTheReferenceScript(string model, string measure, long expected)
    {
        // Values printed by torch_bench.flops_per_seq for the same models.
        Assert.Equal(expected, ThroughputBenchmark.FlopsPerSequence(BuiltinModels.Get(model)!, measure));
    }

    [Fact]
    public void Run_ReportsTheReferenceFields()
    {
        var r = ThroughputBenchmark.Run("bionas-small", "saliency", threads: 1, seconds: 0.01, batch: 4, warmupSeconds: 0, warmupSteps: 1, minSteps: 3);
        Assert.Equal(("bionas-small", "saliency", 4, 1, "codes"), (r.Model, r.Measure, r.Batch, r.Threads, r.Input));
        Assert.True(r.Steps >= 3);
        Assert.True(r.SeqsPerS > 0);
        Assert.Equal(597240, r.FlopsPerSeq);
        Assert.Equal(128, ThroughputBenchmark.DefaultBatch("train"));
        Assert.Equal(512, ThroughputBenchmark.DefaultBatch("infer"));
        Assert.Equal(256, ThroughputBenchmark.DefaultBatch("saliency"));
    }
}
