using Motiflens.Engine.Kernels;

namespace Motiflens.Engine.Tests.Kernels;

public class BatchNormKernelsTests
{
    [Theory]
    [InlineData(16, false)]
    [InlineData(32, true)]
    [InlineData(48, true)]
    [InlineData(64, false)]
    [InlineData(24, true)]
    [InlineData(96, true)]
    public unsafe void AffineRows_EqualsTheRowByRowAffineBitForBit(int channels, bool relu)
    {
        const int Rows = 37;
        var rng = new Random(channels);
        float[] Random(int n) => Enumerable.Range(0, n).Select(i => i % 29 == 5 ? float.NaN : (float)(rng.NextDouble() * 4 - 2)).ToArray();
        var x = Random(Rows * channels);
        var scale = Random(channels);
        var shift = Random(channels);
        var rowByRow = new float[x.Length];
        var blocked = new float[x.Length];
        fixed (float* xp = x, sp = scale, hp = shift, a = rowByRow, b = blocked)
        {
            for (int r = 0; r < Rows; r++)
            {
                BatchNormKernels.Affine(xp + (r * channels), sp, hp, a + (r * channels), channels, relu);
            }

            BatchNormKernels.AffineRows(xp, sp, hp, b, Rows, channels, relu);
        }

        Assert.Equal(rowByRow.Select(BitConverter.SingleToInt32Bits), blocked.Select(BitConverter.SingleToInt32Bits));
        // The scalar rule on one element: x·scale + shift, then ReLU (NaN passes through).
        float expected = x[channels + 3] * scale[3] + shift[3];
        Assert.Equal(relu && expected <= 0f ? 0f : expected, blocked[channels + 3]);
    }
}
