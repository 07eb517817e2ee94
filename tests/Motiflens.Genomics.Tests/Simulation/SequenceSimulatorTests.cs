using Motiflens.Genomics.Datasets;
using Motiflens.Genomics.Motifs;
using Motiflens.Genomics.Simulation;

namespace Motiflens.Genomics.Tests.Simulation;

public class SequenceSimulatorTests
{
    private static IEnumerable<DatasetSplit> All(SequenceDataset d) => d.Splits;

    [Fact]
    public void Single_PositivesCarryExactlyOneMycAndBackgroundMatchesComposition()
    {
        var d = SequenceSimulator.Simulate(new SimulationOptions(SimulationPreset.Single, Count: 20_000, Length: 200, Seed: 3));
        Assert.Equal(new[] { "MYC" }, d.MotifNames);
        var counts = new long[4];
        long total = 0;
        int positives = 0, negatives = 0;
        foreach (var s in All(d))
        {
            for (int i = 0; i < s.Count; i++)
            {
                var emb = MotifEmbedding.Parse(s.Embeddings![i]);
                if (s.Target(i)[0] == 1)
                {
                    positives++;
                    Assert.Single(emb);
                    Assert.Equal("MYC", emb[0].Name);
                }
                else
                {
                    negatives++;
                    Assert.Empty(emb);
                    foreach (var c in s.Sequence(i))
                    {
                        counts[c]++;
                        total++;
                    }
                }
            }
        }

        Assert.Equal(10_000, positives);
        Assert.Equal(10_000, negatives);
        double[] expected = [0.3, 0.2, 0.2, 0.3];
        for (int a = 0; a < 4; a++)
        {
            Assert.InRange((double)counts[a] / total, expected[a] - 0.01, expected[a] + 0.01);
        }
    }

    [Fact]
    public void Code_EverySequenceCarriesThreeToSevenMotifsFromItsPool()
    {
        var d = SequenceSimulator.Simulate(new SimulationOptions(SimulationPreset.Code, Count: 2_000, Seed: 5));
        var core = new HashSet<string> { "SP1", "GABPA", "CEBPB", "MAX", "YY1" };
        Assert.Equal(55, d.MotifNames!.Length);
        bool negativeUsesPool = false;
        foreach (var s in All(d))
        {
            for (int i = 0; i < s.Count; i++)
            {
                var emb = MotifEmbedding.Parse(s.Embeddings![i]);
                Assert.InRange(emb.Count, 3, 7);
                if (s.Target(i)[0] == 1)
                {
                    Assert.All(emb, e => Assert.Contains(e.Name, core));
                }
                else
                {
                    negativeUsesPool |= emb.Any(e => !core.Contains(e.Name));
                }
            }
        }

        Assert.True(negativeUsesPool);
        Assert.Equal((1400, 200, 400), (d.Get("train").Count, d.Get("valid").Count, d.Get("test").Count));
    }

    [Fact]
    public void Multitask_LabelsSayWhichMotifsArePresent()
    {
        var d = SequenceSimulator.Simulate(new SimulationOptions(SimulationPreset.Multitask, Count: 1_000, Seed: 9));
        Assert.Equal(new[] { "CTCF", "IRF", "MYC" }, d.MotifNames);
        int empty = 0;
        foreach (var s in All(d))
        {
            Assert.Equal(3, s.Tasks);
            for (int i = 0; i < s.Count; i++)
            {
                var emb = MotifEmbedding.Parse(s.Embeddings![i]);
                for (int t = 0; t < 3; t++)
                {
                    int n = emb.Count(e => e.Name == d.MotifNames![t]);
                    Assert.InRange(n, 0, 3);
                    Assert.Equal(n > 0 ? 1f : 0f, s.Target(i)[t]);
                }

                empty += emb.Count == 0 ? 1 : 0;
            }
        }

        Assert.Equal(500, empty);
    }

    [Theory]
    [InlineData(SimulationPreset.Single)]
    [InlineData(SimulationPreset.Multitask)]
    [InlineData(SimulationPreset.Code)]
    public void EveryPreset_EmbeddingsAndGroundTruthAgreeWithSequences(SimulationPreset preset)
    {
        var d = SequenceSimulator.Simulate(new SimulationOptions(preset, Count: 600, Seed: 11));
        var motifs = d.MotifNames!.ToDictionary(n => n, n => BuiltinMotifs.Get(n));
        long motifPositions = 0, likelyBases = 0;
        foreach (var s in All(d))
        {
            for (int i = 0; i < s.Count; i++)
            {
                var truth = s.PwmOf(i);
                var seq = s.Sequence(i);
                var isMotif = new bool[s.Length];
                foreach (var e in MotifEmbedding.Parse(s.Embeddings![i]))
                {
                    var m = e.Reverse ? motifs[e.Name].ReverseComplement() : motifs[e.Name];
                    for (int k = 0; k < m.Width; k++)
                    {
                        int pos = e.Start + k;
                        Assert.False(isMotif[pos], "instances overlap");
                        isMotif[pos] = true;
                        for (int a = 0; a < 4; a++)
                        {
                            double expected = (m[k, a] + SimulationOptions.InstancePseudocount) / (1 + (4 * SimulationOptions.InstancePseudocount));
                            Assert.Equal(expected, truth[(pos * 4) + a], 5);
                        }

                        motifPositions++;
                        likelyBases += truth[(pos * 4) + seq[pos]] >= 0.2f ? 1 : 0;
                    }
                }

                for (int pos = 0; pos < s.Length; pos++)
                {
                    if (!isMotif[pos])
                    {
                        for (int a = 0; a < 4; a++)
                        {
                            Assert.Equal(0.25f, truth[(pos * 4) + a]);
                        }
                    }
                }
            }
        }

        // Consensus-derived motifs put 96% of their mass on allowed bases.
        Assert.InRange((double)likelyBases / motifPositions, 0.93, 1.0);
    }

    [Fact]
    public void SameSeed_GivesIdenticalFiles()
    {
        using var dir = new TempDir();
        var o = new SimulationOptions(SimulationPreset.Code, Count: 200, Seed: 42);
        SequenceSimulator.Simulate(o).Save(dir.File("a.npz"));
        SequenceSimulator.Simulate(o).Save(dir.File("b.npz"));
        SequenceSimulator.Simulate(o with { Seed = 43 }).Save(dir.File("c.npz"));
        Assert.Equal(File.ReadAllBytes(dir.File("a.npz")), File.ReadAllBytes(dir.File("b.npz")));
        Assert.NotEqual(File.ReadAllBytes(dir.File("a.npz")), File.ReadAllBytes(dir.File("c.npz")));
    }

    [Fact]
    public void Single_DensityEmbeddingRespectsCountRange()
    {
        var density = new EmbeddingDensity(Mean: 2, Min: 1, Max: 3, ReverseComplementProbability: 0);
        var d = SequenceSimulator.Simulate(new SimulationOptions(SimulationPreset.Single, Count: 400, Seed: 1, Density: density));
        var counts = d.Splits.SelectMany(s => Enumerable.Range(0, s.Count).Where(i => s.Target(i)[0] == 1).Select(i => MotifEmbedding.Parse(s.Embeddings![i]))).ToList();
        Assert.All(counts, c => Assert.InRange(c.Count, 1, 3));
        Assert.All(counts.SelectMany(c => c), e => Assert.False(e.Reverse));
        Assert.Contains(counts, c => c.Count == 3);
    }

    [Fact]
    public void Simulate_RejectsMotifsThatCannotFit()
    {
        var wide = PositionWeightMatrix.FromConsensus("W", "W", new string('A', 30));
        Assert.Throws<ArgumentException>(() => SequenceSimulator.Simulate(new SimulationOptions(SimulationPreset.Single, Count: 4, Length: 20, Motifs: [wide])));
    }

    [Fact]
    public void BuiltinMotifs_HaveFiftyUniquelyNamedPoolMotifs()
    {
        Assert.Equal(50, BuiltinMotifs.BackgroundPool.Count);
        var names = BuiltinMotifs.Factors.Concat(BuiltinMotifs.BackgroundPool).Select(d => d.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("CACGTG", BuiltinMotifs.Get("max").Consensus());
    }
}
