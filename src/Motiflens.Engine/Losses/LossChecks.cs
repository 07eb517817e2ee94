namespace Motiflens.Engine.Losses;

internal static class LossChecks
{
    public static void Shapes(Tensor logits, Tensor targets, Tensor? gradient, Tensor? mask)
    {
        if (!logits.Shape.SequenceEqual(targets.Shape))
        {
            throw new ArgumentException($"targets shape {targets.ShapeText()} does not match logits {logits.ShapeText()}");
        }

        if (gradient is not null && gradient.Size != logits.Size)
        {
            throw new ArgumentException($"gradient shape {gradient.ShapeText()} does not match logits {logits.ShapeText()}");
        }

        if (mask is not null && mask.Size != logits.Size)
        {
            throw new ArgumentException($"mask shape {mask.ShapeText()} does not match logits {logits.ShapeText()}");
        }
    }

    public static int Count(Tensor logits, Tensor? mask)
    {
        if (mask is null)
        {
            return logits.Size;
        }

        int n = 0;
        foreach (float m in mask.Span)
        {
            n += m != 0f ? 1 : 0;
        }

        return n;
    }
}
