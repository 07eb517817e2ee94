using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Checkpoints;

public class MetricsJsonTests
{
    [Fact]
    public void ToJson_ClassificationKeysWithNullForUndefined()
    {
        var r = new EvaluationResult
        {
            Loss = 0.5, Count = 3, IsClassification = true, Auroc = 0.75, Aupr = 0.5, Accuracy = 1,
            AurocPerTask = [0.75, double.NaN], AuprPerTask = [0.5, double.NaN], AccuracyPerTask = [1, 1],
        };
        Assert.Equal(
            """{"loss":0.5,"count":3,"auroc":0.75,"aupr":0.5,"accuracy":1,"auroc_per_task":[0.75,null],"aupr_per_task":[0.5,null],"accuracy_per_task":[1,1]}""",
            MetricsJson.ToJson(r).ToJsonString());
    }

    [Fact]
    public void ToJson_RegressionKeys()
    {
        var r = new EvaluationResult { Loss = 2, Count = 1, Pearson = 0.5, Spearman = 0.25, PearsonPerTask = [0.5], SpearmanPerTask = [0.25] };
        Assert.Equal("""{"loss":2,"count":1,"pearson":0.5,"spearman":0.25,"pearson_per_task":[0.5],"spearman_per_task":[0.25]}""", MetricsJson.ToJson(r).ToJsonString());
    }
}
