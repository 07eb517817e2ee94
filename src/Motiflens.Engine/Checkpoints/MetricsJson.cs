using System.Text.Json;
using System.Text.Json.Nodes;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Checkpoints;

/// <summary>
/// The JSON form of an <see cref="EvaluationResult"/> (metrics.json and <c>motiflens evaluate --json</c>):
/// keys <c>loss</c>, <c>count</c> and, for classification, <c>auroc</c>, <c>aupr</c>, <c>accuracy</c> and
/// their <c>*_per_task</c> arrays, for regression <c>pearson</c>, <c>spearman</c> and theirs. Undefined values are null.
/// </summary>
public static class MetricsJson
{
    public static JsonObject ToJson(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = new JsonObject { ["loss"] = Number(result.Loss), ["count"] = result.Count };
        if (result.IsClassification)
        {
            o["auroc"] = Number(result.Auroc);
            o["aupr"] = Number(result.Aupr);
            o["accuracy"] = Number(result.Accuracy);
            o["auroc_per_task"] = Numbers(result.AurocPerTask);
            o["aupr_per_task"] = Numbers(result.AuprPerTask);
            o["accuracy_per_task"] = Numbers(result.AccuracyPerTask);
        }
        else
        {
            o["pearson"] = Number(result.Pearson);
            o["spearman"] = Number(result.Spearman);
            o["pearson_per_task"] = Numbers(result.PearsonPerTask);
            o["spearman_per_task"] = Numbers(result.SpearmanPerTask);
        }

        return o;
    }

    /// <summary>Indented JSON text with a final newline.</summary>
    public static string ToJsonString(JsonObject o) => o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>A JSON number, or null for NaN / infinity (JSON has no NaN).</summary>
    public static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static JsonArray Numbers(IReadOnlyList<double> values) => new(values.Select(Number).ToArray());
}
