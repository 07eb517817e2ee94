namespace Motiflens.Genomics.Kmers;

/// <summary>One N-free k-mer occurrence: its start position in the sequence and its <see cref="KmerIndex"/>.</summary>
/// <param name="Start">0-based start position j (the k-mer covers j..j+k−1).</param>
/// <param name="Index">The k-mer's index in 0..4^k−1.</param>
public readonly record struct KmerWindow(int Start, int Index);
