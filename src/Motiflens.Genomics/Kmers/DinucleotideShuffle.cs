namespace Motiflens.Genomics.Kmers;

/// <summary>
/// Random sequence shuffles that keep every dinucleotide count exactly (Altschul &amp; Erickson 1985): the
/// sequence is read as an Eulerian path in the multigraph whose vertices are bases and whose edges are its
/// adjacent pairs; a random Eulerian path with the same first and last base is drawn by fixing a random
/// spanning arborescence of "last exit" edges (Wilson's loop-erased random walk), shuffling every other
/// exit list, and walking.
/// </summary>
/// <remarks>
/// N (code 4, or any code above 3) stays at its position: the sequence is cut at every N and each N-free
/// segment is shuffled on its own. Each segment keeps its first and last base, so the pairs that touch an
/// N — and therefore the counts of all 25 dinucleotides over codes 0..4 — are preserved too. Segments
/// shorter than 3 bases have only one arrangement and are copied.
/// </remarks>
public static class DinucleotideShuffle
{
    /// <summary>A shuffled copy of <paramref name="codes"/> (length L), drawn with <paramref name="random"/>.</summary>
    public static byte[] Shuffle(ReadOnlySpan<byte> codes, Random random)
    {
        var result = new byte[codes.Length];
        Shuffle(codes, result, random);
        return result;
    }

    /// <summary>A shuffled copy of <paramref name="codes"/> drawn with a generator seeded by <paramref name="seed"/>.</summary>
    public static byte[] Shuffle(ReadOnlySpan<byte> codes, int seed) => Shuffle(codes, new Random(seed));

    /// <summary>
    /// Writes a shuffle of <paramref name="codes"/> into <paramref name="destination"/> (same length; they
    /// must not overlap).
    /// </summary>
    public static void Shuffle(ReadOnlySpan<byte> codes, Span<byte> destination, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (destination.Length != codes.Length)
        {
            throw new ArgumentException($"destination length {destination.Length} differs from source length {codes.Length}", nameof(destination));
        }

        var workspace = new Workspace(codes.Length);
        int start = 0;
        while (start < codes.Length)
        {
            if (codes[start] > 3)
            {
                destination[start] = codes[start];
                start++;
                continue;
            }

            int end = start;
            while (end < codes.Length && codes[end] <= 3)
            {
                end++;
            }

            ShuffleSegment(codes[start..end], destination[start..end], random, workspace);
            start = end;
        }
    }

    private static void ShuffleSegment(ReadOnlySpan<byte> s, Span<byte> d, Random random, Workspace w)
    {
        int n = s.Length;
        if (n < 3)
        {
            s.CopyTo(d);
            return;
        }

        // Exit lists: successors of each base, stored contiguously per base (edges[offset[v] .. offset[v]+count[v]]).
        Span<int> count = stackalloc int[4];
        Span<int> offset = stackalloc int[4];
        Span<int> fill = stackalloc int[4];
        for (int i = 0; i < n - 1; i++)
        {
            count[s[i]]++;
        }

        for (int v = 1; v < 4; v++)
        {
            offset[v] = offset[v - 1] + count[v - 1];
        }

        offset.CopyTo(fill);
        var edges = w.Edges.AsSpan(0, n - 1);
        for (int i = 0; i < n - 1; i++)
        {
            edges[fill[s[i]]++] = s[i + 1];
        }

        // Wilson's algorithm: a random arborescence towards the last base, each vertex choosing one of its
        // exits uniformly (so multi-edges weigh by multiplicity); the chosen exit becomes the vertex's last.
        int root = s[n - 1];
        Span<bool> inTree = stackalloc bool[4];
        Span<int> next = stackalloc int[4];
        Span<int> chosen = stackalloc int[4];
        inTree[root] = true;
        for (int v = 0; v < 4; v++)
        {
            if (count[v] == 0)
            {
                continue;
            }

            int u = v;
            while (!inTree[u])
            {
                int e = random.Next(count[u]);
                chosen[u] = e;
                next[u] = edges[offset[u] + e];
                u = next[u];
            }

            u = v;
            while (!inTree[u])
            {
                inTree[u] = true;
                u = next[u];
            }
        }

        for (int v = 0; v < 4; v++)
        {
            if (count[v] == 0)
            {
                continue;
            }

            var exits = edges.Slice(offset[v], count[v]);
            int shuffled = count[v];
            if (v != root)
            {
                // Move the tree edge to the end, where the walk uses it last, and shuffle the rest.
                (exits[chosen[v]], exits[^1]) = (exits[^1], exits[chosen[v]]);
                shuffled--;
            }

            for (int i = shuffled - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (exits[i], exits[j]) = (exits[j], exits[i]);
            }
        }

        offset.CopyTo(fill);
        int current = s[0];
        d[0] = (byte)current;
        for (int i = 1; i < n; i++)
        {
            current = edges[fill[current]++];
            d[i] = (byte)current;
        }
    }

    private sealed class Workspace(int length)
    {
        public readonly byte[] Edges = new byte[Math.Max(0, length - 1)];
    }
}
