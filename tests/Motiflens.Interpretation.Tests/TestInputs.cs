using Motiflens.Genomics;
using Motiflens.IO;

namespace Motiflens.Interpretation.Tests;

internal static class TestInputs
{
    public static byte[] Codes(params string[] sequences) => sequences.SelectMany(s => s.Select(Alphabet.CodeOf)).ToArray();

    /// <summary>Maps (N·L·4) whose corrected row norm is proportional to <paramref name="x"/> (row = [x, 0, 0, 0]).</summary>
    public static float[] MapsWithNorms(params double[] x)
    {
        var maps = new float[x.Length * 4];
        for (int i = 0; i < x.Length; i++)
        {
            maps[4 * i] = (float)x[i];
        }

        return maps;
    }

    public static NpzArchive Golden(string name) =>
        NpzArchive.Open(Path.Combine(AppContext.BaseDirectory, "TestData", "interpretation", name));

    public static void AssertRelative(double expected, double actual, double tolerance = 1e-6)
    {
        Assert.False(double.IsNaN(actual), $"expected {expected}, got NaN");
        double scale = Math.Max(Math.Abs(expected), 1e-12);
        Assert.True(Math.Abs(expected - actual) / scale <= tolerance, $"expected {expected:R}, got {actual:R}");
    }
}
