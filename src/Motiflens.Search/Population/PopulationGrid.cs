using System.Globalization;
using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;

namespace Motiflens.Search.Population;

/// <summary>
/// A population to train: a base model varied over batchnorm on/off × first-layer activation × regularisation ×
/// seeds (docs/population.md). Built in: <see cref="Paper"/> and <see cref="Small"/>; a grid file is read by
/// <see cref="PopulationGridReader"/>.
/// </summary>
public sealed record PopulationGrid
{
    /// <summary>Name written to population.json ("paper", "small" or the grid file's name).</summary>
    public required string Name { get; init; }

    /// <summary>The base model; null means the built-in <see cref="PopulationSpecs.BuiltinBase"/> sized to the data.</summary>
    public ModelSpec? BaseSpec { get; init; }

    /// <summary>Batchnorm axis.</summary>
    public IReadOnlyList<bool> BatchNorm { get; init; } = [true, false];

    /// <summary>First-layer activation axis (keys of <see cref="PopulationSpecs.Activations"/>).</summary>
    public IReadOnlyList<string> Activations { get; init; } = ["relu", "exponential"];

    /// <summary>Regularisation axis.</summary>
    public IReadOnlyList<RegularizationKind> Regularizations { get; init; } = RegularizationNames.All;

    /// <summary>Models per grid point; their seeds are base seed + 0, 1, ...</summary>
    public int Seeds { get; init; } = 4;

    /// <summary>Training settings shared by every member (seed and regulariser are set per member).</summary>
    public TrainingOptions Training { get; init; } = PaperTraining;

    public RegularizationStrengths Strengths { get; init; } = RegularizationStrengths.Default;

    public PopulationAttribution Attribution { get; init; } = PopulationAttribution.Default;

    /// <summary>
    /// Training of the paper grid: at most 15 epochs, early stopping after 4 without a better validation loss, the
    /// learning rate × 0.2 after 2 — about 25 s per model on 2 threads on the `code` data (docs/population.md).
    /// </summary>
    public static TrainingOptions PaperTraining { get; } = new()
    {
        Epochs = 15,
        Patience = 4,
        LrPatience = 2,
        LrFactor = 0.2,
        LearningRate = 1e-3,
        BatchSize = 128,
    };

    /// <summary>The paper's population: BN on/off × relu/exponential × the 7 regularisation settings × 4 seeds = 112 models.</summary>
    public static PopulationGrid Paper { get; } = new() { Name = "paper" };

    /// <summary>A few-minute look: batchnorm on, relu/exponential × none/input_noise × 2 seeds, 4 epochs (8 models).</summary>
    public static PopulationGrid Small { get; } = new()
    {
        Name = "small",
        BatchNorm = [true],
        Regularizations = [RegularizationKind.None, RegularizationKind.InputNoise],
        Seeds = 2,
        Training = PaperTraining with { Epochs = 4, Patience = 2, LrPatience = 1 },
        Attribution = new PopulationAttribution(MaxSequences: 500),
    };

    /// <summary>Number of models.</summary>
    public int Count => BatchNorm.Count * Activations.Count * Regularizations.Count * Seeds;

    /// <summary>Throws <see cref="ArgumentException"/> when the grid cannot be trained.</summary>
    public void Validate()
    {
        if (BatchNorm.Count == 0 || Activations.Count == 0 || Regularizations.Count == 0 || Seeds < 1)
        {
            throw new ArgumentException("every grid axis needs at least one value and seeds must be at least 1");
        }

        if (BatchNorm.Distinct().Count() != BatchNorm.Count || Activations.Distinct().Count() != Activations.Count
            || Regularizations.Distinct().Count() != Regularizations.Count)
        {
            throw new ArgumentException("a grid axis lists a value twice");
        }

        foreach (var a in Activations)
        {
            if (!PopulationSpecs.Activations.ContainsKey(a))
            {
                throw new ArgumentException($"unknown first-layer activation '{a}' (expected one of {string.Join(", ", PopulationSpecs.Activations.Keys)})");
            }
        }

        if (Attribution.MaxSequences < 1 || Attribution.Examples < 0)
        {
            throw new ArgumentException("attribution needs max_sequences >= 1 and examples >= 0");
        }

        foreach (var kind in Regularizations)
        {
            Strengths.Apply(Training, kind).Validate();
        }
    }

    /// <summary>The members in grid order (batchnorm, activation, regularisation, seed), seeds <paramref name="baseSeed"/> + r.</summary>
    public IReadOnlyList<PopulationMember> Members(int baseSeed)
    {
        var members = new List<PopulationMember>(Count);
        foreach (bool bn in BatchNorm)
        {
            foreach (var activation in Activations)
            {
                foreach (var reg in Regularizations)
                {
                    for (int r = 0; r < Seeds; r++)
                    {
                        int seed = checked(baseSeed + r);
                        string id = string.Create(CultureInfo.InvariantCulture, $"{(bn ? "bn" : "nobn")}-{activation}-{RegularizationNames.Name(reg)}-s{seed}");
                        members.Add(new PopulationMember(id, bn, activation, reg, seed));
                    }
                }
            }
        }

        return members;
    }

    /// <summary>
    /// One self-contained task per member for data at <paramref name="dataPath"/> with sequences of
    /// <paramref name="length"/> nt and one target.
    /// </summary>
    public IReadOnlyList<PopulationTask> Tasks(int baseSeed, string dataPath, int length)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        Validate();
        var baseSpec = BaseSpec ?? PopulationSpecs.BuiltinBase(length);
        return Members(baseSeed).Select(m => new PopulationTask(
            m,
            dataPath,
            PopulationSpecs.Variant(baseSpec, m.BatchNorm, m.Activation),
            Strengths.Apply(Training, m.Regularization) with { Seed = m.Seed, Threads = 1 },
            Attribution)).ToList();
    }
}
