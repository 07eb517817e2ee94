using System.Text.Json;
using Motiflens.Interpretation.Metrics;
using Motiflens.IO;

namespace Motiflens.Cli.Tests;

public sealed class ScoreCommandTests : IDisposable
{
    private const int N = 8, L = 30;
    private readonly string _dir = CliHarness.TempDir();
    private readonly byte[] _codes;
    private readonly float[] _maps;
    private readonly float[] _pwm;
    private readonly float[] _y;

    public ScoreCommandTests()
    {
        var random = new Random(5);
        _codes = new byte[N * L];
        _maps = new float[N * L * 4];
        _pwm = new float[N * L * 4];
        _y = new float[N];
        for (int i = 0; i < _codes.Length; i++)
        {
            _codes[i] = (byte)random.Next(4);
        }

        for (int i = 0; i < _maps.Length; i++)
        {
            _maps[i] = (float)(random.NextDouble() - 0.5);
            _pwm[i] = 0.25f;
        }

        for (int s = 0; s < N; s++)
        {
            _y[s] = s % 2;
            if (s % 2 == 1)
            {
                // A 6-nt motif at 10..15 that the map highlights.
                for (int i = 10; i < 16; i++)
                {
                    int p = (s * L) + i;
                    for (int a = 0; a < 4; a++)
                    {
                        _pwm[(p * 4) + a] = a == _codes[p] ? 0.9f : 0.1f / 3;
                    }

                    _maps[(p * 4) + _codes[p]] += 2;
                }
            }
        }

        var x = new byte[N * L * 4];
        for (int i = 0; i < _codes.Length; i++)
        {
            x[(i * 4) + _codes[i]] = 1;
        }

        NpzArchive.Write(DataPath, new Dictionary<string, NpyArray>
        {
            ["x_train"] = NpyArray.FromBytes(x, N, L, 4),
            ["y_train"] = NpyArray.FromFloats(_y, N, 1),
            ["x_test"] = NpyArray.FromBytes(x, N, L, 4),
            ["y_test"] = NpyArray.FromFloats(_y, N, 1),
            ["pwm_test"] = NpyArray.FromFloats(_pwm, N, L, 4),
        }, compress: false);
        Npy.Write(MapsPath, NpyArray.FromFloats(_maps, N, L, 4));
    }

    private string DataPath => Path.Combine(_dir, "data.npz");

    private string MapsPath => Path.Combine(_dir, "maps.npy");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Score_Json_HasEveryMetric_EqualToTheLibrary()
    {
        var result = CliHarness.Run("score", "--data", DataPath, "--attributions", MapsPath, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        var positives = _y.Select(v => v >= 0.5f).ToArray();
        var expected = ReliabilityScorer.Score(_codes, _maps, L, _pwm, positives);
        Assert.Equal(N, root.GetProperty("n_sequences").GetInt32());
        Assert.Equal(expected.KldOriginal, root.GetProperty("kld_original").GetDouble(), 12);
        Assert.Equal(expected.KldMultiscale, root.GetProperty("kld_multiscale").GetDouble(), 12);
        var weighted = root.GetProperty("kld_weighted");
        Assert.Equal(new[] { "3", "4", "5", "6", "7", "8" }, weighted.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(expected.KldWeighted[5], weighted.GetProperty("5").GetDouble(), 12);
        Assert.Equal(expected.GroundTruth!.Snr, root.GetProperty("snr").GetDouble(), 12);
        Assert.Equal(expected.GroundTruth.Auroc, root.GetProperty("interp_auroc").GetDouble(), 12);
        Assert.Equal(expected.GroundTruth.Aupr, root.GetProperty("interp_aupr").GetDouble(), 12);
        Assert.True(root.GetProperty("interp_auroc").GetDouble() > 0.9);
    }

    [Fact]
    public void Score_TransposedMapsInNpz_GiveTheSameResult()
    {
        var transposed = new float[_maps.Length];
        for (int s = 0; s < N; s++)
        {
            for (int i = 0; i < L; i++)
            {
                for (int a = 0; a < 4; a++)
                {
                    transposed[(s * L * 4) + (a * L) + i] = _maps[(((s * L) + i) * 4) + a];
                }
            }
        }

        string npz = Path.Combine(_dir, "maps.npz");
        NpzArchive.Write(npz, new Dictionary<string, NpyArray> { ["arr_0"] = NpyArray.FromFloats(transposed, N, 4, L) }, compress: true);
        var plain = CliHarness.Run("score", "--data", DataPath, "--attributions", MapsPath, "--json");
        var fromNpz = CliHarness.Run("score", "--data", DataPath, "--attributions", npz, "--json");
        Assert.Equal(0, fromNpz.ExitCode);
        Assert.Equal(plain.Stdout, fromNpz.Stdout);
    }

    [Fact]
    public void Score_PositivesOnly_CountsOnlyPositiveSequences()
    {
        var result = CliHarness.Run("score", "--data", DataPath, "--attributions", MapsPath, "--positives-only", "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(N / 2, doc.RootElement.GetProperty("n_sequences").GetInt32());
    }

    [Fact]
    public void Score_WithoutJson_PrintsReadableTable()
    {
        var result = CliHarness.Run("score", "--data", DataPath, "--attributions", MapsPath);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("original KLD", result.Stdout);
        Assert.Contains("weighted KLD k=8", result.Stdout);
        Assert.Contains("SNR", result.Stdout);
    }

    [Fact]
    public void Score_WeightsFile_ChangesTheMultiscaleKld()
    {
        string weights = Path.Combine(_dir, "w.json");
        File.WriteAllText(weights, "{\"4\": 1}");
        var result = CliHarness.Run("score", "--data", DataPath, "--attributions", MapsPath, "--weights", weights, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(doc.RootElement.GetProperty("kld_weighted").GetProperty("4").GetDouble(), doc.RootElement.GetProperty("kld_multiscale").GetDouble(), 12);
    }

    [Fact]
    public void Score_NaNInMaps_IsExit2NamingThePosition()
    {
        var bad = _maps.ToArray();
        bad[(((3 * L) + 7) * 4) + 2] = float.NaN;
        string path = Path.Combine(_dir, "nan.npy");
        Npy.Write(path, NpyArray.FromFloats(bad, N, L, 4));
        var result = CliHarness.Run("score", "--data", DataPath, "--attributions", path, "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sequence 3, position 7, channel G", result.Stderr);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Score_InfinityInMaps_IsExit2()
    {
        var bad = _maps.ToArray();
        bad[0] = float.PositiveInfinity;
        string path = Path.Combine(_dir, "inf.npy");
        Npy.Write(path, NpyArray.FromFloats(bad, N, L, 4));
        Assert.Equal(2, CliHarness.Run("score", "--data", DataPath, "--attributions", path).ExitCode);
    }

    [Theory]
    [InlineData(N - 1, L)]
    [InlineData(N, L - 1)]
    [InlineData(0, L)]
    public void Score_ShapeMismatchOrEmpty_IsExit2WithClearMessage(int n, int length)
    {
        string path = Path.Combine(_dir, "bad.npy");
        Npy.Write(path, NpyArray.FromFloats(new float[n * length * 4], n, length, 4));
        var result = CliHarness.Run("score", "--data", DataPath, "--attributions", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.npy", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Score_MissingAttributionFile_IsExit2()
    {
        var result = CliHarness.Run("score", "--data", DataPath, "--attributions", Path.Combine(_dir, "none.npy"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not found", result.Stderr);
    }
}
