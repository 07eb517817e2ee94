namespace Motiflens.Reporting.Charts;

/// <summary>
/// The layout shared by charts with axes: canvas size and the margins around the plotting rectangle (room for the
/// title, tick labels and axis labels).
/// </summary>
public sealed record PlotArea(double Width = 470, double Height = 340, double Left = 64, double Right = 16, double Top = 34, double Bottom = 48)
{
    /// <summary>Left edge of the plotting rectangle.</summary>
    public double X0 => Left;

    /// <summary>Right edge of the plotting rectangle.</summary>
    public double X1 => Width - Right;

    /// <summary>Top edge of the plotting rectangle.</summary>
    public double Y0 => Top;

    /// <summary>Bottom edge of the plotting rectangle.</summary>
    public double Y1 => Height - Bottom;
}
