namespace Motiflens.Reporting.Svg;

/// <summary>
/// The letters A, C, G and T drawn as filled outlines in a 100 × 100 box (y down), so logos look the same in every
/// browser and need no font; and the colours logos use (A green, C blue, G orange, T red).
/// </summary>
public static class NucleotideGlyphs
{
    /// <summary>Side of the box the glyph paths are drawn in.</summary>
    public const double Box = 100;

    /// <summary>The letters in alphabet order (A, C, G, T = channels 0..3).</summary>
    public static readonly IReadOnlyList<char> Letters = ['A', 'C', 'G', 'T'];

    /// <summary>Fill colours in alphabet order.</summary>
    public static readonly IReadOnlyList<string> Colors = ["#109648", "#255C99", "#F7A41D", "#D62839"];

    // A: a triangle with a cross-bar hole (even-odd fill). C: a ring open to the right. G: the C ring with a bar.
    // T: a bar over a stem. Arcs are centred at (50, 50) with outer radius 50 and inner radius 30.
    private static readonly string[] Paths =
    [
        "M0 100L40 0L60 0L100 100L78 100L68 72L32 72L22 100Z M38 56L62 56L50 24Z",
        "M90.96 21.32A50 50 0 1 0 90.96 78.68L74.57 67.21A30 30 0 1 1 74.57 32.79Z",
        "M90.96 21.32A50 50 0 1 0 100 50L52 50L52 62L77.5 62A30 30 0 1 1 74.57 32.79Z",
        "M0 0L100 0L100 18L60 18L60 100L40 100L40 18L0 18Z",
    ];

    /// <summary>The path data of letter <paramref name="channel"/> (0 = A .. 3 = T) in the 100 × 100 box.</summary>
    public static string PathOf(int channel) => channel is >= 0 and < 4
        ? Paths[channel]
        : throw new ArgumentOutOfRangeException(nameof(channel), $"channel must be 0..3 (A, C, G, T); got {channel}");

    /// <summary>
    /// Draws letter <paramref name="channel"/> stretched into the box (x, y, width, height); nothing for a
    /// non-positive height. The path carries data-letter and data-height (the value the height stands for).
    /// </summary>
    public static void Draw(SvgCanvas canvas, int channel, double x, double y, double width, double height, double value, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        if (!(height > 0) || !(width > 0))
        {
            return;
        }

        string transform = $"matrix({SvgCanvas.Num(width / Box)} 0 0 {Scale(height / Box)} {SvgCanvas.Num(x)} {SvgCanvas.Num(y)})";
        canvas.Path(PathOf(channel), Colors[channel], transform, "letter", title,
            [
                new("letter", Letters[channel].ToString()),
                new("height", value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)),
            ]);
    }

    // Letter heights can be tiny: keep four significant decimals so heights stay proportional.
    private static string Scale(double s) => Math.Round(s, 5).ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture);
}
