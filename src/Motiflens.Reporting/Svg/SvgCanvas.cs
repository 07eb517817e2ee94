using System.Globalization;
using System.Text;

namespace Motiflens.Reporting.Svg;

/// <summary>
/// Writes one SVG document element by element. Numbers are printed with at most two decimals in the invariant
/// culture and every text is XML-escaped, so the same chart always gives the same bytes. Coordinates are in user
/// units (pixels at 100 % zoom), y pointing down.
/// </summary>
public sealed class SvgCanvas
{
    private readonly StringBuilder _body = new();
    private int _depth;

    /// <summary>Starts an empty canvas of <paramref name="width"/> × <paramref name="height"/> units.</summary>
    public SvgCanvas(double width, double height, string? cssClass = null)
    {
        if (!(width > 0) || !(height > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"an SVG canvas needs a positive size; got {width} x {height}");
        }

        Width = width;
        Height = height;
        CssClass = cssClass;
    }

    /// <summary>Width in user units.</summary>
    public double Width { get; }

    /// <summary>Height in user units.</summary>
    public double Height { get; }

    /// <summary>The class attribute of the root element (charts are styled by it), or null.</summary>
    public string? CssClass { get; }

    /// <summary>The font family used for every text.</summary>
    public const string FontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";

    /// <summary>A number as SVG writes it: invariant, at most two decimals, no exponent.</summary>
    public static string Num(double value)
    {
        if (!double.IsFinite(value))
        {
            return "0";
        }

        double r = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return (r == 0 ? 0 : r).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes text for XML content and attribute values.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (c >= ' ' || c == '\n' || c == '\t')
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A rectangle; <paramref name="title"/> becomes a hover tooltip.</summary>
    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, string? title = null, string? cssClass = null, double opacity = 1)
    {
        Open("rect", title,
            ("x", Num(x)), ("y", Num(y)), ("width", Num(Math.Max(0, width))), ("height", Num(Math.Max(0, height))),
            ("fill", fill), ("stroke", stroke), ("fill-opacity", opacity < 1 ? Num(opacity) : null), ("class", cssClass));
    }

    /// <summary>A straight line.</summary>
    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null, string? cssClass = null)
    {
        Open("line", null,
            ("x1", Num(x1)), ("y1", Num(y1)), ("x2", Num(x2)), ("y2", Num(y2)),
            ("stroke", stroke), ("stroke-width", Num(strokeWidth)), ("stroke-dasharray", dash), ("class", cssClass));
    }

    /// <summary>A circle (a scatter point); <paramref name="title"/> becomes a hover tooltip.</summary>
    public void Circle(double cx, double cy, double r, string fill, string? title = null, string? cssClass = null, string? stroke = null)
    {
        Open("circle", title,
            ("cx", Num(cx)), ("cy", Num(cy)), ("r", Num(r)), ("fill", fill), ("stroke", stroke), ("class", cssClass));
    }

    /// <summary>An open polyline through <paramref name="points"/>.</summary>
    public void Polyline(IReadOnlyList<ChartPoint> points, string stroke, double strokeWidth = 1.5, string? cssClass = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        Open("polyline", title,
            ("points", string.Join(' ', points.Select(p => Num(p.X) + "," + Num(p.Y)))),
            ("fill", "none"), ("stroke", stroke), ("stroke-width", Num(strokeWidth)), ("stroke-linejoin", "round"), ("class", cssClass));
    }

    /// <summary>A closed filled polygon.</summary>
    public void Polygon(IReadOnlyList<ChartPoint> points, string fill, double opacity = 1, string? cssClass = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        Open("polygon", null,
            ("points", string.Join(' ', points.Select(p => Num(p.X) + "," + Num(p.Y)))),
            ("fill", fill), ("fill-opacity", opacity < 1 ? Num(opacity) : null), ("stroke", "none"), ("class", cssClass));
    }

    /// <summary>A path with data <paramref name="d"/>, optionally transformed and carrying data-* attributes.</summary>
    public void Path(string d, string fill, string? transform = null, string? cssClass = null, string? title = null,
        IReadOnlyList<KeyValuePair<string, string>>? data = null)
    {
        var attributes = new List<(string, string?)> { ("d", d), ("fill", fill), ("transform", transform), ("class", cssClass) };
        if (data is not null)
        {
            attributes.AddRange(data.Select(kv => ("data-" + kv.Key, (string?)kv.Value)));
        }

        Open("path", title, [.. attributes]);
    }

    /// <summary>Text anchored at (x, y): <paramref name="anchor"/> is start, middle or end.</summary>
    public void Text(double x, double y, string text, double size = 12, string anchor = "start", string? cssClass = null,
        double rotate = 0, string? weight = null, string fill = "#222")
    {
        ArgumentNullException.ThrowIfNull(text);
        Indent();
        _body.Append("<text x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y)).Append("\" font-size=\"").Append(Num(size))
            .Append("\" text-anchor=\"").Append(anchor).Append("\" fill=\"").Append(fill).Append('"');
        if (weight is not null)
        {
            _body.Append(" font-weight=\"").Append(weight).Append('"');
        }

        if (cssClass is not null)
        {
            _body.Append(" class=\"").Append(Escape(cssClass)).Append('"');
        }

        if (rotate != 0)
        {
            _body.Append(" transform=\"rotate(").Append(Num(rotate)).Append(' ').Append(Num(x)).Append(' ').Append(Num(y)).Append(")\"");
        }

        _body.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>Opens a group (closed by <see cref="EndGroup"/>); <paramref name="title"/> is a tooltip for all it holds.</summary>
    public void BeginGroup(string? cssClass = null, string? transform = null, string? title = null, string? id = null)
    {
        Indent();
        _body.Append("<g");
        Attr("id", id);
        Attr("class", cssClass);
        Attr("transform", transform);
        _body.Append(">\n");
        _depth++;
        if (title is not null)
        {
            Indent();
            _body.Append("<title>").Append(Escape(title)).Append("</title>\n");
        }
    }

    /// <summary>Closes the innermost group.</summary>
    public void EndGroup()
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("EndGroup without BeginGroup");
        }

        _depth--;
        Indent();
        _body.Append("</g>\n");
    }

    /// <summary>The finished SVG element (with xmlns, viewBox and a role/aria label naming <paramref name="label"/>).</summary>
    public string ToSvg(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (_depth != 0)
        {
            throw new InvalidOperationException($"{_depth} group(s) left open");
        }

        var sb = new StringBuilder(_body.Length + 300);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Num(Width)).Append("\" height=\"").Append(Num(Height))
            .Append("\" viewBox=\"0 0 ").Append(Num(Width)).Append(' ').Append(Num(Height)).Append('"');
        if (CssClass is not null)
        {
            sb.Append(" class=\"").Append(Escape(CssClass)).Append('"');
        }

        sb.Append(" role=\"img\" aria-label=\"").Append(Escape(label)).Append("\" font-family=\"").Append(FontFamily).Append("\">\n");
        sb.Append("<title>").Append(Escape(label)).Append("</title>\n");
        sb.Append(_body);
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private void Open(string element, string? title, params (string Name, string? Value)[] attributes)
    {
        Indent();
        _body.Append('<').Append(element);
        foreach (var (name, value) in attributes)
        {
            Attr(name, value);
        }

        if (title is null)
        {
            _body.Append("/>\n");
        }
        else
        {
            _body.Append("><title>").Append(Escape(title)).Append("</title></").Append(element).Append(">\n");
        }
    }

    private void Attr(string name, string? value)
    {
        if (value is not null)
        {
            _body.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        }
    }

    private void Indent() => _body.Append(' ', 2 * _depth);
}
