using System.Text.Json;
using Motiflens.Genomics.Motifs;
using Motiflens.Genomics.Simulation;
using Motiflens.Search.History;

namespace Motiflens.Cli.Tests;

public sealed class MaskedCommandTests : IDisposable
{
    private const string SpaceYaml = """
        name: tiny-multitask
        input: {length: 200}
        layers:
          - [{type: conv1d, filters: 3, kernel_size: [8, 14]}, {type: denovo, filters: 3, kernel_size: 8}]
          - [{type: identity}, {type: maxpool1d, pool_size: 8}]
          - [{type: globalmaxpool1d}, {type: flatten}]
        output: {type: dense, units: 1, activation: sigmoid}
        """;

    private readonly string _dir = CliHarness.TempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    private string P(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Masked_OnATinyMultitaskSearch_ReportsMaskedKForEveryTrainedChild()
    {
        File.WriteAllText(P("space.yaml"), SpaceYaml);
        MemeWriter.Write(P("motifs.meme"), new[] { "CTCF", "IRF", "MYC" }.Select(BuiltinMotifs.Get));
        Assert.Equal(0, CliHarness.Run("simulate", "--preset", "multitask", "--n", "300", "--out", P("mt.npz"), "--seed", "1").ExitCode);
        var search = CliHarness.Run("search", "--space", P("space.yaml"), "--data", P("mt.npz"), "--knowledge", P("motifs.meme"),
            "--motif", "CTCF", "--motif", "IRF", "--lambda", "1", "--episodes", "2", "--children-per-episode", "3", "--epochs", "2",
            "--out", P("run"), "--seed", "1", "--threads", "1");
        Assert.Equal(0, search.ExitCode);

        var result = CliHarness.Run("masked", "--run", P("run"), "--motifs", P("motifs.meme"), "--motif", "MYC",
            "--selected", "2", "--neighbours", "2", "--json");

        Assert.Equal(0, result.ExitCode);
        var records = SearchHistory.Read(P("run/history.jsonl")).Records;
        var ok = records.Where(r => r.IsOk).ToDictionary(r => r.Trial);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["MYC"], root.GetProperty("masked_motifs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(records.Count, root.GetProperty("recorded").GetInt32());
        Assert.Equal(ok.Count, root.GetProperty("children").GetInt32());
        Assert.Equal(3, root.GetProperty("converged_tokens").GetArrayLength());
        Assert.InRange(root.GetProperty("spearman_knowledge_masked").GetDouble(), -1.0, 1.0);

        var selected = root.GetProperty("selected").EnumerateArray().ToArray();
        var controls = root.GetProperty("controls").EnumerateArray().ToArray();
        Assert.True(selected.Length >= Math.Min(2, ok.Count));
        var best = ok.Values.OrderByDescending(r => r.Reward).ThenBy(r => r.Trial).Take(2).Select(r => r.Trial);
        Assert.Equal(best, selected.Where(s => s.GetProperty("reason").GetString() == "top").Select(s => s.GetProperty("trial").GetInt32()));
        foreach (var c in selected.Concat(controls))
        {
            var record = ok[c.GetProperty("trial").GetInt32()];
            Assert.Equal(record.Loss!.Value, c.GetProperty("loss").GetDouble(), 12);
            Assert.Equal(record.Knowledge!.Value, c.GetProperty("knowledge").GetDouble(), 12);
            Assert.True(double.IsFinite(c.GetProperty("masked_k").GetDouble()));
        }

        var selectedTrials = selected.Select(s => s.GetProperty("trial").GetInt32()).ToHashSet();
        var controlTrials = controls.Select(s => s.GetProperty("trial").GetInt32()).ToHashSet();
        Assert.Empty(selectedTrials.Intersect(controlTrials));
        Assert.Equal(controlTrials, selected.SelectMany(s => s.GetProperty("matches").EnumerateArray().Select(m => m.GetInt32())).ToHashSet());
        Assert.All(selected, s => Assert.Equal(Math.Min(2, ok.Count - selectedTrials.Count), s.GetProperty("matches").GetArrayLength()));

        double meanSelected = root.GetProperty("mean_masked_k_selected").GetDouble();
        Assert.Equal(selected.Average(s => s.GetProperty("masked_k").GetDouble()), meanSelected, 12);
        if (controls.Length > 0)
        {
            double meanControls = root.GetProperty("mean_masked_k_controls").GetDouble();
            Assert.Equal(controls.Average(s => s.GetProperty("masked_k").GetDouble()), meanControls, 12);
            Assert.Equal(meanSelected - meanControls, root.GetProperty("difference").GetDouble(), 12);
            Assert.InRange(root.GetProperty("p_value").GetDouble(), 0.0, 1.0);
        }
    }

    [Fact]
    public void Masked_BadInputExitsWithCode2AndOneLine()
    {
        MemeWriter.Write(P("motifs.meme"), [BuiltinMotifs.Get("MYC")]);

        var missing = CliHarness.Run("masked", "--run", P("nope"), "--motifs", P("motifs.meme"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope", missing.Stderr, StringComparison.Ordinal);
        Assert.Single(missing.Stderr.Trim().Split('\n'));
        Assert.Equal("", missing.Stdout);

        Directory.CreateDirectory(P("run"));
        File.WriteAllText(P("run/history.jsonl"), "");
        var empty = CliHarness.Run("masked", "--run", P("run"), "--motifs", P("motifs.meme"));
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("no successfully trained children", empty.Stderr, StringComparison.Ordinal);

        var unknown = CliHarness.Run("masked", "--run", P("run"), "--motifs", P("motifs.meme"), "--motif", "NOSUCH");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("NOSUCH", unknown.Stderr, StringComparison.Ordinal);
    }
}
