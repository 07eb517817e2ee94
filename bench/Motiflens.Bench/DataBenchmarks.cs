using System.Diagnostics;
using System.Globalization;
using Motiflens.Genomics.Kmers;
using Motiflens.Genomics.Sequences;
using Motiflens.Interpretation.Metrics;

namespace Motiflens.Bench;

/// <summary>
/// The data-path contracts of the Genomics and Metrics issues, measured rather than asserted in tests:
/// FASTA → byte codes (≥ 200 MB/s on one core), k = 6 counting over 10⁶ positions (&lt; 20 ms), and all
/// KLDs (original + weighted k = 3..8) over 4,000 × 200 positions (&lt; 1 s on one core). Best of several runs.
/// </summary>
public static class DataBenchmarks
{
    public static void Run(bool json)
    {
        var random = new Random(1);
        Report(json, "fasta_to_codes", "MB/s", FastaMegabytesPerSecond(random), 200, higherIsBetter: true);
        Report(json, "kmer_count_k6_1e6", "ms", KmerMilliseconds(random), 20, higherIsBetter: false);
        Report(json, "kld_all_k3to8_4000x200", "s", KldSeconds(random), 1, higherIsBetter: false);
    }

    private static double FastaMegabytesPerSecond(Random random)
    {
        var path = Path.Combine(Path.GetTempPath(), $"motiflens-bench-{Environment.ProcessId}.fa");
        try
        {
            var records = Enumerable.Range(0, 100_000).Select(i =>
            {
                var codes = new byte[1000];
                for (int j = 0; j < codes.Length; j++)
                {
                    codes[j] = (byte)random.Next(4);
                }

                return new FastaRecord($"seq{i}", string.Empty, codes);
            });
            FastaWriter.WriteFile(path, records);
            double bytes = new FileInfo(path).Length;
            double best = double.PositiveInfinity;
            for (int rep = 0; rep < 3; rep++)
            {
                var watch = Stopwatch.StartNew();
                long bases = 0;
                using (var reader = FastaReader.Open(path))
                {
                    while (reader.Read() is { } record)
                    {
                        bases += record.Codes.Length;
                    }
                }

                best = Math.Min(best, watch.Elapsed.TotalSeconds);
                if (bases != 100_000_000)
                {
                    throw new InvalidOperationException($"read {bases} bases, expected 10^8");
                }
            }

            return bytes / 1e6 / best;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double KmerMilliseconds(Random random)
    {
        var codes = new byte[1_000_000];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)random.Next(4);
        }

        var counts = new long[KmerIndex.Count(6)];
        double best = double.PositiveInfinity;
        for (int rep = 0; rep < 20; rep++)
        {
            Array.Clear(counts);
            var watch = Stopwatch.StartNew();
            KmerCounter.Count(codes, 6, counts);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static double KldSeconds(Random random)
    {
        const int n = 4000, length = 200;
        var codes = new byte[n * length];
        var maps = new float[n * length * 4];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)random.Next(4);
        }

        for (int i = 0; i < maps.Length; i++)
        {
            maps[i] = (float)(random.NextDouble() - 0.5);
        }

        double best = double.PositiveInfinity;
        for (int rep = 0; rep < 3; rep++)
        {
            var watch = Stopwatch.StartNew();
            var scores = ReliabilityScorer.Score(codes, maps, length, options: new ReliabilityOptions(MaxDegreeOfParallelism: 1));
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            if (double.IsNaN(scores.KldMultiscale))
            {
                throw new InvalidOperationException("multi-scale KLD is NaN");
            }
        }

        return best;
    }

    private static void Report(bool json, string name, string unit, double value, double target, bool higherIsBetter)
    {
        bool met = higherIsBetter ? value >= target : value < target;
        var comparison = higherIsBetter ? ">=" : "<";
        Console.WriteLine(json
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"measure\": \"{name}\", \"value\": {value:G6}, \"unit\": \"{unit}\", \"target\": \"{comparison} {target}\", \"met\": {(met ? "true" : "false")}}}")
            : string.Create(CultureInfo.InvariantCulture, $"{name,-24} {value,10:F2} {unit,-5} target {comparison} {target} {unit}: {(met ? "met" : "NOT met")}"));
    }
}
