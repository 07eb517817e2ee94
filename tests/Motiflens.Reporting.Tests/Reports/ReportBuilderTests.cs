using System.Text.RegularExpressions;
using Motiflens.IO;
using Motiflens.Reporting.Reports;

namespace Motiflens.Reporting.Tests.Reports;

public class ReportBuilderTests
{
    private static int Count(IReadOnlyList<string> charts, string kind) => charts.Count(c => c == kind);

    [Fact]
    public void Detect_RecognisesEachKindOfFolder()
    {
        using var f = new ReportFixtures();
        Assert.Equal(ReportKind.Model, ReportBuilder.Detect(f.Model()));
        Assert.Equal(ReportKind.Search, ReportBuilder.Detect(f.Search()));
        Assert.Equal(ReportKind.Population, ReportBuilder.Detect(f.Population()));
        var empty = Directory.CreateDirectory(Path.Combine(f.Root, "empty")).FullName;
        var ex = Assert.Throws<InputException>(() => ReportBuilder.Detect(empty));
        Assert.Contains("not a model directory", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InputException>(() => ReportBuilder.Detect(Path.Combine(f.Root, "missing")));
    }

    [Fact]
    public void ModelReport_HasCurvesFiltersMotifMatchesAndAttributionMaps()
    {
        using var f = new ReportFixtures();
        var report = ReportBuilder.Build(f.Model(), new ReportOptions { Data = f.Dataset(), Knowledge = f.Motifs(), Examples = 2 });
        Assert.Equal(ReportKind.Model, report.Kind);
        Assert.Equal(2, Count(report.Charts, "line"));            // loss; validation scores
        Assert.Equal(3, Count(report.Charts, "logo"));            // 3 filters
        Assert.Equal(1, Count(report.Charts, "match"));           // MYC above its best filter
        Assert.Equal(2, Count(report.Charts, "attribution"));     // the first 2 positive test sequences (0 and 2)
        Assert.Contains("test sequence 0", report.Html, StringComparison.Ordinal);
        Assert.Contains("test sequence 2", report.Html, StringComparison.Ordinal);
        Assert.Contains("MYC: best match filter", report.Html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">0.8100</td>", report.Html, StringComparison.Ordinal); // test auroc
        Assert.Empty(report.Notes);
    }

    [Fact]
    public void SearchReport_RanksArchitecturesByTheRewardOfTheirMedians()
    {
        using var f = new ReportFixtures();
        var report = ReportBuilder.Build(f.Search(knowledge: f.Motifs()));
        Assert.Equal(ReportKind.Search, report.Kind);
        // [1,0]: median L 0.45, median K 0.3 -> −0.75 (3 children); [0,1]: −1.0; [0,0]: −1.1.
        var table = Regex.Match(report.Html, "<table class=\"best-architectures\">.*?</table>", RegexOptions.Singleline).Value;
        var rows = Regex.Matches(table, "<tr><td class=\"num\">(\\d)</td><td>([^<]*)</td><td class=\"num\">(\\d+)</td><td class=\"num\">([^<]*)</td><td class=\"num\">([^<]*)</td><td class=\"num\">([^<]*)</td>")
            .Select(m => (Rank: m.Groups[1].Value, Layers: m.Groups[2].Value, Children: m.Groups[3].Value, L: m.Groups[4].Value, K: m.Groups[5].Value, R: m.Groups[6].Value)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(("1", "conv1d(filters=3,kernel=14,relu) | identity", "3", "0.4500", "0.3000", "-0.7500"), rows[0]);
        Assert.Equal("-1.0000", rows[1].R);
        Assert.Equal("-1.1000", rows[2].R);
        // Charts: reward, L and K; one heatmap per layer; the bar chart of the ranked architectures; logos of the
        // best model's 3 filters, and the MYC motif above its best filter.
        Assert.Equal(4, Count(report.Charts, "line"));        // reward, L/K, and the best model's loss and scores
        Assert.Equal(2, Count(report.Charts, "heatmap"));
        Assert.Equal(1, Count(report.Charts, "bar"));
        Assert.Equal(3, Count(report.Charts, "logo"));
        Assert.Equal(1, Count(report.Charts, "match"));
        Assert.Contains("Failed children (1)", report.Html, StringComparison.Ordinal);
        Assert.Contains("invalid architecture: &lt;denovo&gt; &amp; pool", report.Html, StringComparison.Ordinal);
        // Episode 2 sampled option 1 of layer 1 in 2 of 3 children.
        Assert.Contains("<title>1: conv1d(filters=3,kernel=14,relu), 2: frequency 0.667</title>", report.Html, StringComparison.Ordinal);
        Assert.Contains("<title>2: denovo(filters=3,kernel=8), 2: frequency 0.000</title>", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchReport_WithDataAddsTheBestModelsAttributionMaps()
    {
        using var f = new ReportFixtures();
        var report = ReportBuilder.Build(f.Search(), new ReportOptions { Data = f.Dataset(), Examples = 1 });
        Assert.Equal(1, Count(report.Charts, "attribution"));
        Assert.Equal(3, Count(report.Charts, "logo"));   // no knowledge: the 3 filters only
    }

    [Fact]
    public void SearchReport_TakesTheKnowledgeFileFromTheRunsEvaluationJson()
    {
        using var f = new ReportFixtures();
        var dir = f.Search();
        var motifs = f.Motifs().Replace("\\", "\\\\", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "evaluation.json"), $"{{\"data\": \"d.npz\", \"knowledge\": \"{motifs}\", \"motifs\": []}}");
        var report = ReportBuilder.Build(dir);
        Assert.Equal(1, Count(report.Charts, "match"));    // the known motif above its best filter, without --knowledge
        Assert.DoesNotContain("name no knowledge file", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchReport_WithoutBestModelOrKnowledgeSaysSo()
    {
        using var f = new ReportFixtures();
        var report = ReportBuilder.Build(f.Search(withBestModel: false));
        Assert.Contains("no best model directory", report.Notes);
        Assert.Equal(0, Count(report.Charts, "logo"));
        Assert.Equal(2, Count(report.Charts, "line"));
    }

    [Fact]
    public void SearchReport_IgnoresACutLastLineButRejectsABadMiddleLine()
    {
        using var f = new ReportFixtures();
        var dir = f.Search(withBestModel: false);
        var history = Path.Combine(dir, "history.jsonl");
        File.AppendAllText(history, "{\"trial\":6,\"episo");
        var report = ReportBuilder.Build(dir);
        Assert.Contains(report.Notes, n => n.EndsWith(":7: incomplete last line ignored", StringComparison.Ordinal));

        File.WriteAllText(history, "{\"trial\":0,\n" + string.Join('\n', ReportFixtures.SearchChildren) + "\n");
        var ex = Assert.Throws<InputException>(() => ReportBuilder.Build(dir));
        Assert.Contains("history.jsonl:1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PopulationReport_PlotsTheMetricsAgainstSnrWithTheirRho()
    {
        using var f = new ReportFixtures();
        var report = ReportBuilder.Build(f.Population());
        Assert.Equal(ReportKind.Population, report.Kind);
        Assert.Equal(3, Count(report.Charts, "scatter"));
        Assert.Equal(1, Count(report.Charts, "bar"));
        Assert.Equal(4, Count(report.Charts, "attribution"));     // 2 examples of each model of the pair
        // 4 ok models (m5 failed): original KLD ρ = −0.2, multi-scale ρ = 1, AUROC vs multi-scale ρ = 1.5 / √22.5.
        Assert.Contains(">Spearman ρ = -0.200 (n = 4)<", report.Html, StringComparison.Ordinal);
        Assert.Contains(">Spearman ρ = 1.000 (n = 4)<", report.Html, StringComparison.Ordinal);
        Assert.Contains(">Spearman ρ = 0.316 (n = 4)<", report.Html, StringComparison.Ordinal);
        Assert.Contains("<title>m3 (none, batchnorm true): SNR = 3, original KLD (nats) = 0.5</title>", report.Html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"failed\"><td>m5</td>", report.Html, StringComparison.Ordinal);
        Assert.Contains("diverged &lt;NaN&gt;", report.Html, StringComparison.Ordinal);
        Assert.Empty(report.Notes);
    }

    [Fact]
    public void PopulationReport_ReadsTheExamplesAPopulationKeepsBesideEachModelDirectory()
    {
        // `motiflens population` layout: model_dir = models/<id>/model, examples.npz in models/<id>/ with base codes x (E, L).
        using var f = new ReportFixtures();
        var dir = f.Population(withExamples: false);
        var json = Path.Combine(dir, "population.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"models/m1\"", "\"models/m1/model\"", StringComparison.Ordinal)
            .Replace("\"models/m4\"", "\"models/m4/model\"", StringComparison.Ordinal));
        const int n = 2, l = 20;
        foreach (var id in new[] { "m1", "m4" })
        {
            var maps = new float[n * l * 4];
            Array.Fill(maps, id == "m4" ? 0.5f : -0.5f);
            var codes = new byte[n * l];
            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = (byte)(i % 5);    // A, C, G, T, N in turn
            }

            NpzArchive.Write(Path.Combine(dir, "models", id, "examples.npz"),
            [
                new("indices", NpyArray.FromInts([0, 1], n)),
                new("x", NpyArray.FromBytes(codes, n, l)),
                new("saliency", NpyArray.FromFloats(maps, n, l, 4)),
            ]);
        }

        var report = ReportBuilder.Build(dir);
        Assert.Equal(4, Count(report.Charts, "attribution"));
        Assert.Empty(report.Notes);

        var examples = AttributionExamples.Read(Path.Combine(dir, "models", "m4", "examples.npz"));
        var track = examples.Track(0);
        // Map × one-hot: the observed base keeps 0.5, the other channels 0; an N position is all zero.
        Assert.Equal([0.5f, 0f, 0f, 0f], track[..4]);
        Assert.Equal([0f, 0f, 0f, 0.5f], track[12..16]);
        Assert.Equal([0f, 0f, 0f, 0f], track[16..20]);
    }

    [Fact]
    public void PopulationReport_WithoutExampleMapsStillReportsThePair()
    {
        using var f = new ReportFixtures();
        var report = ReportBuilder.Build(f.Population(withExamples: false));
        Assert.Equal(0, Count(report.Charts, "attribution"));
        Assert.Contains("no attribution examples for pair m1 / m4", report.Notes);
        Assert.Contains("<h3>m1 vs m4</h3>", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void PopulationReport_NamesTheFileOfABadPopulation()
    {
        using var f = new ReportFixtures();
        var dir = f.Population();
        File.WriteAllText(Path.Combine(dir, "population.json"), "{\"models\": [{\"status\": \"ok\"}]}");
        var ex = Assert.Throws<InputException>(() => ReportBuilder.Build(dir));
        Assert.Contains("population.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("models[0]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LeavesNoFileWhenTheInputIsBad()
    {
        using var f = new ReportFixtures();
        var output = Path.Combine(f.Root, "out", "report.html");
        var empty = Directory.CreateDirectory(Path.Combine(f.Root, "empty")).FullName;
        Assert.Throws<InputException>(() => ReportBuilder.Write(empty, output));
        Assert.False(File.Exists(output));
        var report = ReportBuilder.Write(f.Model(), output);
        Assert.Equal(report.Html, File.ReadAllText(output));
    }

    [Fact]
    public void Reports_AreDeterministic()
    {
        using var f = new ReportFixtures();
        var dir = f.Search(knowledge: f.Motifs());
        Assert.Equal(ReportBuilder.Build(dir).Html, ReportBuilder.Build(dir).Html);
    }
}
