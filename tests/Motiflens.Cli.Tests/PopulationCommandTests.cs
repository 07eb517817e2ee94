using System.Diagnostics;
using System.Text.Json;
using Motiflens.Genomics.Datasets;
using Motiflens.IO;

namespace Motiflens.Cli.Tests;

public class PopulationCommandTests
{
    private static readonly string[] RowKeys =
    [
        "id", "batchnorm", "activation", "regularization", "seed", "status", "reason", "test_loss", "test_auroc", "test_aupr", "snr", "interp_auroc",
        "interp_aupr", "kld_original", "kld_weighted", "kld_multiscale", "train_seconds", "epochs", "model_dir",
    ];

    /// <summary>
    /// Tiny single-task data with ground truth: 40 nt, positives carry GATAAG (pwm rows 0.97 on the motif, 0.25 elsewhere).
    /// </summary>
    internal static string Data(string dir, int train = 160)
    {
        var rng = new Random(2);
        DatasetSplit Split(string name, int n)
        {
            const int length = 40;
            var codes = new byte[n * length];
            var targets = new float[n];
            var pwm = new float[n * length * 4];
            Array.Fill(pwm, 0.25f);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < length; j++)
                {
                    codes[i * length + j] = (byte)rng.Next(4);
                }

                if (i % 2 == 0)
                {
                    byte[] motif = [2, 0, 3, 0, 0, 2];
                    int at = rng.Next(length - 6);
                    for (int m = 0; m < motif.Length; m++)
                    {
                        codes[i * length + at + m] = motif[m];
                        for (int c = 0; c < 4; c++)
                        {
                            pwm[((i * length) + at + m) * 4 + c] = c == motif[m] ? 0.97f : 0.01f;
                        }
                    }

                    targets[i] = 1;
                }
            }

            return new DatasetSplit(name, n, length, 1, codes, targets, pwm);
        }

        var path = Path.Combine(dir, "tiny.npz");
        new SequenceDataset([Split("train", train), Split("valid", 40), Split("test", 40)]).Save(path);
        return path;
    }

    internal static string Grid(string dir, string regularization = "none", int epochs = 2, string batchnorm = "[true, false]", int seeds = 1)
    {
        var path = Path.Combine(dir, "grid.yaml");
        File.WriteAllText(path, $$"""
            name: tiny
            batchnorm: {{batchnorm}}
            activation: [relu, exponential]
            regularization: {{regularization}}
            seeds: {{seeds}}
            training: {epochs: {{epochs}}, batch_size: 32}
            attribution: {max_sequences: 50, examples: 3}
            """);
        return path;
    }

    [Fact]
    public void Population_TrainsEveryMemberAndWritesTablesModelsAndExamples_IndependentOfJobs()
    {
        var dir = CliHarness.TempDir();
        var data = Data(dir);
        var grid = Grid(dir);
        var one = Path.Combine(dir, "one");
        var result = CliHarness.Run("population", "--data", data, "--grid", grid, "--out", one, "--threads", "1", "--seed", "4", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using (var summary = JsonDocument.Parse(result.Stdout))
        {
            Assert.Equal(4, summary.RootElement.GetProperty("models").GetInt32());
            Assert.Equal(4, summary.RootElement.GetProperty("ok").GetInt32());
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(one, "population.json")));
        Assert.Equal(Path.GetFullPath(data), doc.RootElement.GetProperty("data").GetString());
        Assert.Equal("tiny", doc.RootElement.GetProperty("grid").GetString());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("matched_pairs").ValueKind);
        var models = doc.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["bn-relu-none-s4", "bn-exponential-none-s4", "nobn-relu-none-s4", "nobn-exponential-none-s4"], models.Select(m => m.GetProperty("id").GetString()));
        foreach (var m in models)
        {
            Assert.Equal(RowKeys, m.EnumerateObject().Select(p => p.Name));
            Assert.Equal("ok", m.GetProperty("status").GetString());
            Assert.Equal(["3", "4", "5", "6", "7", "8"], m.GetProperty("kld_weighted").EnumerateObject().Select(p => p.Name));
            Assert.InRange(m.GetProperty("interp_auroc").GetDouble(), 0, 1);
            Assert.InRange(m.GetProperty("epochs").GetInt32(), 1, 2);
            var modelDir = Path.Combine(one, m.GetProperty("model_dir").GetString()!);
            Assert.True(File.Exists(Path.Combine(modelDir, "weights.npz")));
            using var examples = NpzArchive.Open(Path.Combine(Path.GetDirectoryName(modelDir)!, "examples.npz"));
            Assert.Equal([0, 2, 4], examples.Get("indices").Get<int>());
            Assert.Equal([3, 40, 4], examples.Get("saliency").Shape);
            Assert.Equal([3, 40], examples.Get("x").Shape);
        }

        var tsv = File.ReadAllLines(Path.Combine(one, "population.tsv"));
        Assert.Equal(5, tsv.Length);
        Assert.StartsWith("id\tbatchnorm\tactivation\tregularization\tseed\tstatus\treason\ttest_loss", tsv[0], StringComparison.Ordinal);
        Assert.Contains("\tkld_w3\t", tsv[0], StringComparison.Ordinal);

        // Two jobs of one thread each: every member gets the same result as one job of one thread.
        var two = Path.Combine(dir, "two");
        result = CliHarness.Run("population", "--data", data, "--grid", grid, "--out", two, "--threads", "2", "--jobs", "2", "--seed", "4");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(Metrics(one), Metrics(two));

        // The hidden per-task command (the executor protocol) reproduces a member from its task.json alone.
        var member = Path.Combine(two, "models", "nobn-exponential-none-s4");
        var before = Metrics(two)[3];
        File.Delete(Path.Combine(member, "result.json"));
        Directory.Delete(Path.Combine(member, "model"), true);
        result = CliHarness.Run([.. Commands.PopulationMemberCommand.Arguments(Path.Combine(member, "task.json"), 1), "--json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using (var row = JsonDocument.Parse(result.Stdout))
        {
            Assert.Equal(before.Split('|')[1], row.RootElement.GetProperty("test_loss").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(File.Exists(Path.Combine(member, "model", "weights.npz")));
        result = CliHarness.Run("population", "--data", data, "--grid", grid, "--out", two, "--threads", "2", "--jobs", "2", "--seed", "4", "--resume");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Metrics(one), Metrics(two));
        Directory.Delete(dir, true);
    }

    /// <summary>Per member: id | test_loss | snr | kld_original | kld_multiscale, from population.tsv (train seconds excluded).</summary>
    private static List<string> Metrics(string dir)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "population.tsv"));
        var header = lines[0].Split('\t').ToList();
        int[] columns = [header.IndexOf("id"), header.IndexOf("test_loss"), header.IndexOf("snr"), header.IndexOf("kld_original"), header.IndexOf("kld_multiscale")];
        return lines.Skip(1).Select(l => string.Join('|', columns.Select(c => l.Split('\t')[c]))).ToList();
    }

    [Fact]
    public void Population_KilledWithSigkill_ResumesWithoutRetrainingFinishedMembers()
    {
        var dir = CliHarness.TempDir();
        var data = Data(dir, train: 800);
        var grid = Grid(dir, regularization: "[none, input_noise]", epochs: 2);
        var outDir = Path.Combine(dir, "pop");
        string[] args = ["population", "--data", data, "--grid", grid, "--out", outDir, "--threads", "1"];
        var dll = Path.Combine(AppContext.BaseDirectory, "motiflens.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string[] Results() => Directory.Exists(Path.Combine(outDir, "models"))
            ? Directory.GetFiles(Path.Combine(outDir, "models"), "result.json", SearchOption.AllDirectories)
            : [];
        var clock = Stopwatch.StartNew();
        while (Results().Length == 0 && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            Thread.Sleep(20);
        }

        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        var finished = Results().ToDictionary(p => p, p => (File.ReadAllText(p), File.GetLastWriteTimeUtc(p)));
        Assert.NotEmpty(finished);
        Assert.True(finished.Count < 8, "the run finished before it could be killed; make the fixture slower");
        Assert.Equal(8, Directory.GetFiles(Path.Combine(outDir, "models"), "task.json", SearchOption.AllDirectories).Length);

        // Without --resume the directory is refused; with it only the unfinished members are trained.
        var refused = CliHarness.Run(args);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--resume", refused.Stderr, StringComparison.Ordinal);
        var resumed = CliHarness.Run([.. args, "--resume", "--json"]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains($"continuing: {finished.Count} of 8 models already finished", resumed.Stderr, StringComparison.Ordinal);
        Assert.Equal(8, Results().Length);
        foreach (var (path, (text, time)) in finished)
        {
            Assert.Equal(text, File.ReadAllText(path));
            Assert.Equal(time, File.GetLastWriteTimeUtc(path));
        }

        Assert.Empty(Directory.GetDirectories(Path.Combine(outDir, "models"), "*.tmp", SearchOption.AllDirectories));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "population.json")));
        Assert.Equal(8, doc.RootElement.GetProperty("models").GetArrayLength());
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Population_BadExecutorOrSlurmOptions_ExitTwoBeforeAnyOutput()
    {
        var dir = CliHarness.TempDir();
        var data = Data(dir);
        var grid = Grid(dir);
        var outDir = Path.Combine(dir, "pop");
        void Bad(string expected, params string[] args)
        {
            var r = CliHarness.Run(["population", "--data", data, "--grid", grid, "--out", outDir, .. args]);
            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.Stderr.Trim().Split('\n'));
            Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(outDir));
        }

        Bad("--executor: expected local or slurm, found 'pbs'", "--executor", "pbs");
        Bad("--executor: expected local or slurm, found 'replay'", "--executor", "replay");
        Bad("--slurm-cpus must be at least 1; got 0", "--executor", "slurm", "--slurm-cpus", "0");
        Bad("--slurm-retries must be 0 or more; got -1", "--executor", "slurm", "--slurm-retries", "-1");
        Bad("--slurm-poll must be a positive number of seconds; got 0", "--executor", "slurm", "--slurm-poll", "0");
        Bad("--motiflens-command must not be empty", "--executor", "slurm", "--motiflens-command", " ");
        Bad("--jobs is for --executor local", "--executor", "slurm", "--jobs", "1");
        // Slurm options are checked with the local executor too, so a typo never starts a long local run.
        Bad("--slurm-retries must be 0 or more; got -3", "--slurm-retries", "-3");
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Population_BadInputs_ExitTwoWithOneLineAndNoOutput()
    {
        var dir = CliHarness.TempDir();
        var data = Data(dir);
        var grid = Grid(dir);
        var outDir = Path.Combine(dir, "pop");
        void Bad(string expected, params string[] args)
        {
            var r = CliHarness.Run(["population", .. args, "--out", outDir]);
            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.Stderr.Trim().Split('\n'));
            Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(outDir));
        }

        Bad("missing.npz", "--data", Path.Combine(dir, "missing.npz"), "--grid", "small");
        Bad("no such grid file", "--data", data, "--grid", Path.Combine(dir, "nope.yaml"));
        File.WriteAllText(Path.Combine(dir, "bad.yaml"), "regularization: [none, dropout]\n");
        Bad("bad.yaml:1:", "--data", data, "--grid", Path.Combine(dir, "bad.yaml"));
        Bad("--jobs must be between 1 and --threads (2)", "--data", data, "--grid", grid, "--threads", "2", "--jobs", "3");
        Bad("--seeds must be at least 1", "--data", data, "--grid", grid, "--seeds", "0");

        var multi = Path.Combine(dir, "multi.npz");
        var d = SequenceDataset.Load(data);
        new SequenceDataset(d.Splits.Select(s => new DatasetSplit(s.Name, s.Count / 2, s.Length, 2, s.Codes[..(s.Count / 2 * s.Length)], s.Targets))).Save(multi);
        Bad("single-task", "--data", multi, "--grid", grid);
        var shortData = Path.Combine(dir, "short.npz");
        new SequenceDataset(d.Splits.Select(s => new DatasetSplit(s.Name, s.Count, 10, 1, new byte[s.Count * 10], s.Targets))).Save(shortData);
        Bad("grid 'tiny' cannot be applied", "--data", shortData, "--grid", grid);
        Directory.Delete(dir, true);
    }
}
