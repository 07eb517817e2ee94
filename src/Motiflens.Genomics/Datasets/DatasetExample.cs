namespace Motiflens.Genomics.Datasets;

/// <summary>One example before splitting. Examples sharing a group always land in the same split.</summary>
internal sealed record DatasetExample(byte[] Codes, float[] Labels, string? Chrom, int Group, string Source);
