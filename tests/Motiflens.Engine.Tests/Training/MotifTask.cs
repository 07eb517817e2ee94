using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

/// <summary>A small simulated motif task: uniform random DNA codes; positives carry one planted motif instance.</summary>
internal static class MotifTask
{
    public const string Motif = "TGACTCAGCA";

    /// <summary>N sequences of length L; half positive (label 1, motif planted at a random position), half background.</summary>
    public static ArraySupervisedData Create(int count, int length, int seed, bool flipLabels = false)
    {
        var rng = new Random(seed);
        var codes = new byte[count * length];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < length; j++)
            {
                codes[(i * length) + j] = (byte)rng.Next(4);
            }

            bool positive = i % 2 == 0;
            if (positive)
            {
                int at = rng.Next(length - Motif.Length + 1);
                for (int k = 0; k < Motif.Length; k++)
                {
                    codes[(i * length) + at + k] = (byte)"ACGT".IndexOf(Motif[k], StringComparison.Ordinal);
                }
            }

            targets[i] = positive ^ flipLabels ? 1f : 0f;
        }

        return new ArraySupervisedData(codes, targets, count, length, 4, 1);
    }
}
