using SkiaSharp;
using Svg.Skia;

namespace Motiflens.Reporting.Svg;

/// <summary>Rasterises an SVG figure to PNG (Svg.Skia on SkiaSharp), on a white background.</summary>
public static class PngExport
{
    /// <summary>The PNG bytes of <paramref name="svg"/> drawn at <paramref name="scale"/> pixels per SVG unit.</summary>
    public static byte[] FromSvg(string svg, double scale = 2)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (!(scale > 0) || scale > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"scale must be in (0, 20]; got {scale}");
        }

        using var document = new SKSvg();
        var picture = document.FromSvg(svg) ?? throw new ArgumentException("the SVG could not be read", nameof(svg));
        var (width, height) = SvgLayout.Size(svg);
        var info = new SKImageInfo(Math.Max(1, (int)Math.Ceiling(width * scale)), Math.Max(1, (int)Math.Ceiling(height * scale)));
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale((float)scale);
        surface.Canvas.DrawPicture(picture);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
