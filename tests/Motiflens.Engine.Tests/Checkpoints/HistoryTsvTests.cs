using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Checkpoints;

public class HistoryTsvTests
{
    [Fact]
    public void Format_WritesOneRowPerEpochWithEmptyUndefinedCells()
    {
        var val = new EvaluationResult { Loss = 0.5, Auroc = 0.75, Aupr = double.NaN, Accuracy = 0.625, IsClassification = true };
        var text = HistoryTsv.Format([new EpochRecord(1, 0.001, 0.25, val, 1.5), new EpochRecord(2, 0.0002, 0.125, null, 2)]);
        var lines = text.Split('\n');
        Assert.Equal(HistoryTsv.Header, lines[0]);
        Assert.Equal("1\t0.001\t0.25\t0.5\t0.75\t\t0.625\t\t\t1.500", lines[1]);
        Assert.Equal("2\t0.0002\t0.125\t\t\t\t\t\t\t2.000", lines[2]);
    }
}
