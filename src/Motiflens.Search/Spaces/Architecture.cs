namespace Motiflens.Search.Spaces;

/// <summary>
/// A child architecture: one token per searchable layer of a <see cref="ModelSpace"/>, the index of the chosen
/// operation. Value semantics (equal tokens ⇒ equal architectures); <see cref="ToString"/> gives "0-2-1-3".
/// </summary>
public sealed class Architecture : IEquatable<Architecture>
{
    private readonly int[] _tokens;

    public Architecture(IEnumerable<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens.ToArray();
    }

    /// <summary>The chosen option index per layer.</summary>
    public IReadOnlyList<int> Tokens => _tokens;

    public int Count => _tokens.Length;

    public int this[int layer] => _tokens[layer];

    public bool Equals(Architecture? other) => other is not null && _tokens.AsSpan().SequenceEqual(other._tokens);

    public override bool Equals(object? obj) => obj is Architecture a && Equals(a);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var t in _tokens)
        {
            hash.Add(t);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join('-', _tokens);

    /// <summary>Parses the "0-2-1-3" form of <see cref="ToString"/>.</summary>
    public static Architecture Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Architecture(text.Split('-').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
