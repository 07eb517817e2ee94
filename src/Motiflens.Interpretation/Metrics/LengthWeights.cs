using System.Globalization;
using System.Text.Json;
using Motiflens.Genomics.Kmers;
using Motiflens.IO;

namespace Motiflens.Interpretation.Metrics;

/// <summary>
/// The length weights ω_k of the multi-scale KLD, normalised to Σ ω_k = 1. Stored as JSON
/// <c>{"3": w3, "4": w4, ...}</c> (keys are k, values non-negative; they are normalised on load).
/// </summary>
public sealed class LengthWeights
{
    private readonly SortedDictionary<int, double> _weights;

    /// <summary>Creates weights from (k, ω) pairs; they are normalised to sum 1.</summary>
    public LengthWeights(IEnumerable<KeyValuePair<int, double>> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _weights = [];
        double sum = 0;
        foreach (var (k, w) in weights)
        {
            KmerIndex.CheckK(k);
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"weight of k={k} must be a finite number >= 0");
            }

            if (!_weights.TryAdd(k, w))
            {
                throw new ArgumentException($"k={k} appears twice", nameof(weights));
            }

            sum += w;
        }

        if (!(sum > 0))
        {
            throw new ArgumentException("length weights must have a positive sum", nameof(weights));
        }

        foreach (int k in _weights.Keys.ToArray())
        {
            _weights[k] /= sum;
        }
    }

    /// <summary>
    /// The built-in weights for k = 3..8, calibrated with <c>motiflens calibrate</c> (test AUROC ≥ 0.97; 107 of 140
    /// models used) on the 140-model <c>paper</c> population trained on the built-in <c>code</c> dataset (seed 1);
    /// the commands, runtime and results are in docs/reproduction.md. Calibrate your own with
    /// <c>motiflens calibrate</c> or <c>Calibration.LengthWeightCalibration</c>.
    /// </summary>
    public static LengthWeights Default { get; } = new(new Dictionary<int, double>
    {
        [3] = 0.15779770633863097,
        [4] = 0.16504958091446417,
        [5] = 0.1686661642849499,
        [6] = 0.1699210403074422,
        [7] = 0.16997868568963256,
        [8] = 0.16858682246488013,
    });

    /// <summary>Equal weights 1/6 for k = 3..8 (the multi-scale KLD before calibration).</summary>
    public static LengthWeights Uniform { get; } = new(WeightedKld.DefaultKs.Select(k => new KeyValuePair<int, double>(k, 1.0)));

    /// <summary>ω_k keyed by k, ascending, summing to 1.</summary>
    public IReadOnlyDictionary<int, double> Weights => _weights;

    /// <summary>The k with ω_k &gt; 0 (those the multi-scale KLD needs), ascending.</summary>
    public IReadOnlyList<int> Ks => _weights.Where(p => p.Value > 0).Select(p => p.Key).ToArray();

    /// <summary>Reads a weights file; any problem is an <see cref="InputException"/> naming the file and key.</summary>
    public static LengthWeights Load(string path)
    {
        string text = InputFiles.ReadAllText(path, "length weights");

        return Parse(text, path);
    }

    /// <summary>Parses weights JSON text; <paramref name="source"/> names it in errors.</summary>
    public static LengthWeights Parse(string json, string source = "<weights>")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InputException(source, (ex.LineNumber ?? -1) + 1, $"invalid JSON: {ex.Message}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(source, 1, $"expected an object like {{\"3\": 0.2, \"4\": 0.3}}, found {doc.RootElement.ValueKind}");
            }

            var pairs = new List<KeyValuePair<int, double>>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k < 1 || k > KmerIndex.MaxK)
                {
                    throw new InputException(source, $"\"{property.Name}\"", $"expected a k-mer length 1..{KmerIndex.MaxK} as key");
                }

                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out double w) || !(w >= 0) || double.IsInfinity(w))
                {
                    throw new InputException(source, $"\"{property.Name}\"", $"expected a finite weight >= 0, found {property.Value.GetRawText()}");
                }

                if (pairs.Exists(p => p.Key == k))
                {
                    throw new InputException(source, $"\"{property.Name}\"", "duplicate k");
                }

                pairs.Add(new(k, w));
            }

            if (pairs.Count == 0 || !(pairs.Sum(p => p.Value) > 0))
            {
                throw new InputException(source, 1, "expected at least one k with a positive weight");
            }

            return new LengthWeights(pairs);
        }
    }

    /// <summary>Writes the JSON form to <paramref name="path"/> (atomically); <see cref="Load"/> reads it back.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson() + "\n");

    /// <summary>The JSON form, keys ascending.</summary>
    public string ToJson() =>
        "{" + string.Join(", ", _weights.Select(p => $"\"{p.Key}\": {p.Value.ToString("R", CultureInfo.InvariantCulture)}")) + "}";
}
