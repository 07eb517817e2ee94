namespace Motiflens.Genomics.Motifs;

/// <summary>
/// A motif as a position probability matrix: <see cref="Width"/> rows of probabilities over A, C, G, T
/// (each row sums to 1), stored row-major as (w, 4). Immutable.
/// </summary>
public sealed class PositionWeightMatrix
{
    private readonly double[] _p;

    /// <summary>Creates a motif from probabilities (w, 4), row-major; each row is normalised to sum 1.</summary>
    /// <param name="id">The motif's identifier (e.g. "MA0139.1", "MYC_known1").</param>
    /// <param name="name">A readable name (e.g. "CTCF"); defaults to the id.</param>
    /// <param name="probabilities">(w, 4) non-negative values; every row must have a positive sum.</param>
    /// <param name="sites">The number of sites the motif was built from, when known.</param>
    /// <param name="eValue">The motif's E-value, when known.</param>
    /// <param name="url">A link to the motif's source, when known.</param>
    public PositionWeightMatrix(string id, string? name, ReadOnlySpan<double> probabilities, double? sites = null, double? eValue = null, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (probabilities.Length % Alphabet.Size != 0)
        {
            throw new ArgumentException($"probabilities must be (w, 4); got {probabilities.Length} values", nameof(probabilities));
        }

        _p = probabilities.ToArray();
        for (int i = 0; i < _p.Length / Alphabet.Size; i++)
        {
            var row = _p.AsSpan(i * Alphabet.Size, Alphabet.Size);
            double sum = 0;
            foreach (var v in row)
            {
                if (!(v >= 0) || double.IsInfinity(v))
                {
                    throw new ArgumentException($"motif '{id}' position {i + 1}: probabilities must be finite and non-negative", nameof(probabilities));
                }

                sum += v;
            }

            if (sum <= 0)
            {
                throw new ArgumentException($"motif '{id}' position {i + 1}: row sums to 0", nameof(probabilities));
            }

            for (int a = 0; a < Alphabet.Size; a++)
            {
                row[a] /= sum;
            }
        }

        Id = id;
        Name = string.IsNullOrEmpty(name) ? id : name;
        Sites = sites;
        EValue = eValue;
        Url = url;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>w, the number of positions.</summary>
    public int Width => _p.Length / Alphabet.Size;

    /// <summary>The probabilities (w, 4), row-major.</summary>
    public ReadOnlySpan<double> Probabilities => _p;

    public double? Sites { get; }

    public double? EValue { get; }

    public string? Url { get; }

    /// <summary>The probability of base <paramref name="baseCode"/> (0..3) at <paramref name="position"/>.</summary>
    public double this[int position, int baseCode] => _p[(position * Alphabet.Size) + baseCode];

    /// <summary>The row (4) at <paramref name="position"/>.</summary>
    public ReadOnlySpan<double> Row(int position) => _p.AsSpan(position * Alphabet.Size, Alphabet.Size);

    /// <summary>
    /// A motif from counts (w, 4): <c>p = (c + pseudocount) / (n + 4·pseudocount)</c> per row, with
    /// <paramref name="pseudocount"/> added to each base.
    /// </summary>
    public static PositionWeightMatrix FromCounts(string id, string? name, ReadOnlySpan<double> counts, double pseudocount = 0, string? url = null)
    {
        if (pseudocount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pseudocount), "pseudocount must be non-negative");
        }

        var p = counts.ToArray();
        double sites = 0;
        for (int i = 0; i < p.Length / Alphabet.Size; i++)
        {
            double rowSum = 0;
            for (int a = 0; a < Alphabet.Size; a++)
            {
                rowSum += p[(i * Alphabet.Size) + a];
                p[(i * Alphabet.Size) + a] += pseudocount;
            }

            sites = Math.Max(sites, rowSum);
        }

        return new PositionWeightMatrix(id, name, p, sites > 0 ? sites : null, url: url);
    }

    /// <summary>
    /// A motif from an IUPAC consensus: each position spreads <c>1 - 4·ε</c> of its mass evenly over the
    /// bases its letter allows, and every base gets <paramref name="epsilon"/> on top.
    /// </summary>
    public static PositionWeightMatrix FromConsensus(string id, string? name, string consensus, double epsilon = 0.01)
    {
        ArgumentNullException.ThrowIfNull(consensus);
        if (epsilon is < 0 or >= 0.25)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), "epsilon must be in [0, 0.25)");
        }

        var p = new double[consensus.Length * Alphabet.Size];
        Span<double> row = stackalloc double[Alphabet.Size];
        for (int i = 0; i < consensus.Length; i++)
        {
            if (!Alphabet.TryIupacProbabilities(consensus[i], row))
            {
                throw new ArgumentException($"'{consensus[i]}' in consensus '{consensus}' is not an IUPAC letter", nameof(consensus));
            }

            for (int a = 0; a < Alphabet.Size; a++)
            {
                p[(i * Alphabet.Size) + a] = (row[a] * (1 - (4 * epsilon))) + epsilon;
            }
        }

        return new PositionWeightMatrix(id, name, p);
    }

    /// <summary>A copy with <paramref name="pseudocount"/> added to every probability and rows renormalised.</summary>
    public PositionWeightMatrix WithPseudocount(double pseudocount)
    {
        var p = (double[])_p.Clone();
        for (int i = 0; i < p.Length; i++)
        {
            p[i] += pseudocount;
        }

        return new PositionWeightMatrix(Id, Name, p, Sites, EValue, Url);
    }

    /// <summary>A copy with a different id and name.</summary>
    public PositionWeightMatrix Rename(string id, string? name = null) => new(id, name, _p, Sites, EValue, Url);

    /// <summary>Information content in bits of one position against a uniform background: <c>2 + Σ p·log2 p</c>.</summary>
    public double InformationContent(int position)
    {
        double h = 0;
        foreach (var v in Row(position))
        {
            if (v > 0)
            {
                h += v * Math.Log2(v);
            }
        }

        return 2 + h;
    }

    /// <summary>The summed information content of all positions (bits).</summary>
    public double TotalInformation
    {
        get
        {
            double s = 0;
            for (int i = 0; i < Width; i++)
            {
                s += InformationContent(i);
            }

            return s;
        }
    }

    /// <summary>The reverse complement: rows reversed, A↔T and C↔G swapped. Id and name are kept.</summary>
    public PositionWeightMatrix ReverseComplement()
    {
        var p = new double[_p.Length];
        int w = Width;
        for (int i = 0; i < w; i++)
        {
            for (int a = 0; a < Alphabet.Size; a++)
            {
                p[(i * Alphabet.Size) + a] = _p[((w - 1 - i) * Alphabet.Size) + (Alphabet.T - a)];
            }
        }

        return new PositionWeightMatrix(Id, Name, p, Sites, EValue, Url);
    }

    /// <summary>
    /// The IUPAC consensus: a base when its probability is at least 0.6, a two-base code when the two most
    /// likely bases together reach 0.75, otherwise N.
    /// </summary>
    public string Consensus()
    {
        var chars = new char[Width];
        Span<int> order = stackalloc int[Alphabet.Size];
        for (int i = 0; i < Width; i++)
        {
            var row = Row(i);
            for (int a = 0; a < Alphabet.Size; a++)
            {
                order[a] = a;
            }

            // Stable descending sort of four indices by probability.
            for (int x = 1; x < Alphabet.Size; x++)
            {
                for (int y = x; y > 0 && row[order[y]] > row[order[y - 1]]; y--)
                {
                    (order[y], order[y - 1]) = (order[y - 1], order[y]);
                }
            }

            if (row[order[0]] >= 0.6)
            {
                chars[i] = Alphabet.Letters[order[0]];
            }
            else if (row[order[0]] + row[order[1]] >= 0.75)
            {
                chars[i] = TwoBaseCode(order[0], order[1]);
            }
            else
            {
                chars[i] = 'N';
            }
        }

        return new string(chars);
    }

    private static char TwoBaseCode(int x, int y) => (Math.Min(x, y), Math.Max(x, y)) switch
    {
        (0, 1) => 'M',
        (0, 2) => 'R',
        (0, 3) => 'W',
        (1, 2) => 'S',
        (1, 3) => 'Y',
        (2, 3) => 'K',
        _ => 'N',
    };

    /// <summary>
    /// A copy without the leading and trailing positions whose information content is below
    /// <paramref name="minInformation"/> bits. When every position is below, the single most informative
    /// position is kept.
    /// </summary>
    public PositionWeightMatrix Trim(double minInformation = 0.25)
    {
        int start = 0, end = Width;
        while (start < end && InformationContent(start) < minInformation)
        {
            start++;
        }

        while (end > start && InformationContent(end - 1) < minInformation)
        {
            end--;
        }

        if (start == end)
        {
            int best = 0;
            for (int i = 1; i < Width; i++)
            {
                if (InformationContent(i) > InformationContent(best))
                {
                    best = i;
                }
            }

            (start, end) = (best, Math.Min(best + 1, Width));
        }

        return new PositionWeightMatrix(Id, Name, _p.AsSpan(start * Alphabet.Size, (end - start) * Alphabet.Size), Sites, EValue, Url);
    }

    /// <summary>Whether <paramref name="query"/> equals the id or the name (case-insensitive).</summary>
    public bool Matches(string query) =>
        string.Equals(Id, query, StringComparison.OrdinalIgnoreCase) || string.Equals(Name, query, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Name == Id ? $"{Id} (w={Width})" : $"{Id} {Name} (w={Width})";
}
