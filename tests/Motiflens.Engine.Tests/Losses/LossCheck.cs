using Motiflens.Engine.Losses;

namespace Motiflens.Engine.Tests.Losses;

internal static class LossCheck
{
    public static void GradientMatches(ILoss loss, Tensor z, Tensor y, Tensor? mask = null)
    {
        var g = new Tensor(z.ShapeArray());
        loss.Compute(z, y, g, mask);
        var numeric = GradientCheck.NumericGradient(() => loss.Compute(z, y, null, mask), z.Data, z.Size, 1e-2f);
        GradientCheck.Compare(loss.GetType().Name, g.Span.ToArray(), numeric);
    }
}
