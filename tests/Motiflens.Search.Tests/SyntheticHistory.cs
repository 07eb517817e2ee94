using Motiflens.Search.History;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests;

/// <summary>
/// A grid history with known structure: L and K are sums of per-layer contributions that pull in opposite
/// directions (option 0 is best for L, the last option best for K), plus small replicate noise.
/// </summary>
internal static class SyntheticHistory
{
    public const string SpaceYaml = """
        name: synthetic
        input: {length: 100, alphabet: ACGT}
        layers:
          - name: conv
            options:
              - {type: conv1d, filters: 3, kernel_size: [6, 10, 14, 18]}
          - name: pool
            options:
              - {type: identity}
              - {type: maxpool1d, pool_size: 4}
              - {type: avgpool1d, pool_size: 4}
          - name: flat
            options:
              - {type: flatten}
              - {type: globalmaxpool1d}
              - {type: globalavgpool1d}
        output: {type: dense, units: 1, activation: sigmoid}
        """;

    public static ModelSpace Space => ModelSpaceReader.Parse(SpaceYaml, "synthetic.yaml");

    public static double TrueLoss(Architecture a) => 0.3 + Enumerable.Range(0, a.Count).Sum(l => 0.05 * a[l]);

    public static double TrueK(ModelSpace space, Architecture a) =>
        0.5 + Enumerable.Range(0, a.Count).Sum(l => 0.2 * (space.Layers[l].Options.Count - 1 - a[l]));

    public static List<ChildRecord> Create(ModelSpace space, int replicates, int seed)
    {
        var rng = new Random(seed);
        var records = new List<ChildRecord>();
        foreach (var arch in space.Enumerate())
        {
            for (int r = 0; r < replicates; r++)
            {
                double l = TrueLoss(arch) + 0.005 * Normal(rng);
                double k = TrueK(space, arch) + 0.01 * Normal(rng);
                records.Add(new ChildRecord
                {
                    Trial = records.Count,
                    Replicate = r,
                    Tokens = arch.Tokens.ToArray(),
                    Layers = space.LayerStrings(arch),
                    Loss = l,
                    Knowledge = k,
                    Reward = -(l + k),
                    Lambda = 1,
                });
            }
        }

        return records;
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
