using System.Collections.Concurrent;
using Motiflens.Engine.Spec;
using Motiflens.IO;

namespace Motiflens.Search.Spaces;

/// <summary>
/// A space of architectures: fixed one-hot input (N, <see cref="InputLength"/>, |<see cref="Alphabet"/>|),
/// ordered searchable <see cref="Layers"/> (one operation chosen from each) and a fixed <see cref="Output"/> layer.
/// Read from YAML with <see cref="ModelSpaceReader"/>.
/// </summary>
public sealed class ModelSpace
{
    private readonly ConcurrentDictionary<Architecture, string?> _invalidReasons = new();

    public ModelSpace(string name, int inputLength, string alphabet, IReadOnlyList<SpaceLayer> layers, Operation output,
        LossKind loss = LossKind.Bce, string source = "model space")
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(output);
        if (layers.Count == 0 || layers.Any(l => l.Options.Count == 0))
        {
            throw new ArgumentException("a model space needs at least one layer and every layer at least one option", nameof(layers));
        }

        Name = name;
        InputLength = inputLength;
        Alphabet = alphabet;
        Layers = layers;
        Output = output;
        Loss = loss;
        Source = source;
    }

    public string Name { get; }

    public int InputLength { get; }

    public string Alphabet { get; }

    public IReadOnlyList<SpaceLayer> Layers { get; }

    /// <summary>The fixed last layer (e.g. dense 1 sigmoid).</summary>
    public Operation Output { get; }

    public LossKind Loss { get; }

    /// <summary>The file the space was read from, for messages.</summary>
    public string Source { get; }

    /// <summary>Number of options of each layer.</summary>
    public IReadOnlyList<int> OptionCounts => Layers.Select(l => l.Options.Count).ToArray();

    /// <summary>Number of architectures (the product of the option counts).</summary>
    public long Size => Layers.Aggregate(1L, (acc, l) => checked(acc * l.Options.Count));

    /// <summary>The readable layer strings of <paramref name="architecture"/>, one per searchable layer.</summary>
    public IReadOnlyList<string> LayerStrings(Architecture architecture)
    {
        CheckTokens(architecture);
        return Layers.Select((l, i) => l.Options[architecture[i]].Label).ToArray();
    }

    /// <summary>A one-line description: the layer strings joined by " | ".</summary>
    public string Describe(Architecture architecture) => string.Join(" | ", LayerStrings(architecture));

    /// <summary>Throws <see cref="ArgumentException"/> if a token is out of range or the length is wrong.</summary>
    public void CheckTokens(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (!IsInSpace(architecture))
        {
            throw new ArgumentException($"architecture {architecture} does not belong to space '{Name}' (option counts {string.Join('x', OptionCounts)})");
        }
    }

    /// <summary>Whether the token count and every token fit this space.</summary>
    public bool IsInSpace(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (architecture.Count != Layers.Count)
        {
            return false;
        }

        for (int i = 0; i < Layers.Count; i++)
        {
            if (architecture[i] < 0 || architecture[i] >= Layers[i].Options.Count)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The engine model spec of <paramref name="architecture"/>: the chosen operations (identity omitted) plus the
    /// output layer, whose units are replaced by <paramref name="outputs"/> when given (the dataset's task count).
    /// </summary>
    public ModelSpec ToModelSpec(Architecture architecture, int? outputs = null)
    {
        CheckTokens(architecture);
        var layers = new List<LayerSpec>();
        for (int i = 0; i < Layers.Count; i++)
        {
            if (Layers[i].Options[architecture[i]].ToLayerSpec() is { } spec)
            {
                layers.Add(spec);
            }
        }

        var output = Output.ToLayerSpec() ?? throw new InvalidOperationException("the output layer cannot be identity");
        if (outputs is { } units)
        {
            output = output with { Units = units };
        }

        layers.Add(output);
        return new ModelSpec
        {
            InputLength = InputLength,
            Alphabet = Alphabet,
            Layers = layers,
            Loss = Loss,
            Source = $"{Name} child {architecture}",
        };
    }

    /// <summary>
    /// The engine's JSON model spec of <paramref name="architecture"/>
    /// (<c>{"input": {"length", "alphabet"}, "layers": [...], "loss": "bce"}</c>), as <c>motiflens train --model</c> reads it.
    /// </summary>
    public string ToModelSpecJson(Architecture architecture, int? outputs = null) => ModelSpecJson.ToJsonString(ToModelSpec(architecture, outputs));

    /// <summary>
    /// Why <paramref name="architecture"/> cannot be built (e.g. "maxpool1d(size=8,stride=8) needs length ≥ 8, gets 5"),
    /// found by shape inference before any training; null when it is valid. Results are cached.
    /// </summary>
    public string? InvalidReason(Architecture architecture)
    {
        CheckTokens(architecture);
        return _invalidReasons.GetOrAdd(architecture, a =>
        {
            try
            {
                ShapeInference.Infer(ToModelSpec(a));
                return null;
            }
            catch (InputException ex)
            {
                return ex.Message;
            }
        });
    }

    /// <summary>The architecture with mixed-radix index <paramref name="index"/> (first layer most significant).</summary>
    public Architecture FromIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var tokens = new int[Layers.Count];
        for (int i = Layers.Count - 1; i >= 0; i--)
        {
            int n = Layers[i].Options.Count;
            tokens[i] = (int)(index % n);
            index /= n;
        }

        return new Architecture(tokens);
    }

    /// <summary>The mixed-radix index of <paramref name="architecture"/>, inverse of <see cref="FromIndex"/>.</summary>
    public long IndexOf(Architecture architecture)
    {
        CheckTokens(architecture);
        long index = 0;
        for (int i = 0; i < Layers.Count; i++)
        {
            index = index * Layers[i].Options.Count + architecture[i];
        }

        return index;
    }

    /// <summary>Every architecture, in index order.</summary>
    public IEnumerable<Architecture> Enumerate()
    {
        long size = Size;
        for (long i = 0; i < size; i++)
        {
            yield return FromIndex(i);
        }
    }

    /// <summary>Finds the option of layer <paramref name="layer"/> equal to <paramref name="operation"/>; -1 if none.</summary>
    public int FindOption(int layer, Operation operation)
    {
        var options = Layers[layer].Options;
        for (int i = 0; i < options.Count; i++)
        {
            if (options[i] == operation)
            {
                return i;
            }
        }

        return -1;
    }
}
