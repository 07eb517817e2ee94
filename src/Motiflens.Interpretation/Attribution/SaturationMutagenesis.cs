using Motiflens.Engine;

namespace Motiflens.Interpretation.Attribution;

/// <summary>
/// In-silico saturation mutagenesis, mean-centred over the alphabet: with f(x^{i→c}) the output after setting
/// position i to base c (f(x) itself when c is the observed base),
/// <c>A[i,c] = f(x^{i→c}) − (1/4)·Σ_c' f(x^{i→c'})</c>. Needs 3L + 1 forward passes per sequence (4 at N positions).
/// </summary>
public sealed class SaturationMutagenesis : IAttributionMethod
{
    /// <summary>Creates the method; variants are evaluated in chunks of at most <paramref name="chunkSize"/> sequences.</summary>
    public SaturationMutagenesis(int chunkSize = 512)
    {
        if (chunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "chunk size must be >= 1");
        }

        ChunkSize = chunkSize;
    }

    /// <summary>Maximum number of variant sequences per forward pass.</summary>
    public int ChunkSize { get; }

    /// <inheritdoc />
    public void Attribute(Model model, AttributionBatch batch, int output, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int length = batch.Length;
        int perSequence = length * 4;
        var reference = ModelCalls.Outputs(model, batch.OneHot, batch.Count, length, output);

        // Variant v of the flattened list: (sequence, position, base) for every base that differs from the observed one.
        var variants = new List<(int Sequence, int Position, int Base)>();
        for (int b = 0; b < batch.Count; b++)
        {
            for (int i = 0; i < length; i++)
            {
                byte observed = batch.Codes[(b * length) + i];
                for (int c = 0; c < 4; c++)
                {
                    if (c != observed)
                    {
                        variants.Add((b, i, c));
                    }
                }
            }
        }

        var values = new float[batch.Count * perSequence];
        for (int b = 0; b < batch.Count; b++)
        {
            for (int i = 0; i < length; i++)
            {
                byte observed = batch.Codes[(b * length) + i];
                if (observed < 4)
                {
                    values[(b * perSequence) + (i * 4) + observed] = reference[b];
                }
            }
        }

        var chunk = new float[Math.Min(ChunkSize, Math.Max(1, variants.Count)) * perSequence];
        for (int start = 0; start < variants.Count; start += ChunkSize)
        {
            int count = Math.Min(ChunkSize, variants.Count - start);
            for (int v = 0; v < count; v++)
            {
                var (sequence, position, code) = variants[start + v];
                var row = chunk.AsSpan(v * perSequence, perSequence);
                batch.OneHot.AsSpan(sequence * perSequence, perSequence).CopyTo(row);
                row.Slice(position * 4, 4).Clear();
                row[(position * 4) + code] = 1;
            }

            var outputs = ModelCalls.Outputs(model, count * perSequence == chunk.Length ? chunk : chunk[..(count * perSequence)], count, length, output);
            for (int v = 0; v < count; v++)
            {
                var (sequence, position, code) = variants[start + v];
                values[(sequence * perSequence) + (position * 4) + code] = outputs[v];
            }
        }

        for (int r = 0; r < values.Length; r += 4)
        {
            double mean = ((double)values[r] + values[r + 1] + values[r + 2] + values[r + 3]) / 4.0;
            for (int c = 0; c < 4; c++)
            {
                destination[r + c] = (float)(values[r + c] - mean);
            }
        }
    }
}
