using System.CommandLine;
using System.Globalization;
using Motiflens.IO;
using Motiflens.Reporting.Charts;
using Motiflens.Reporting.Reports;
using Motiflens.Reporting.Svg;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens plot</c>: single figures for papers, as SVG (vector) or PNG (by the --out extension): a motif logo,
/// a model's filters, one attribution map, a population scatter (docs/reports.md).
/// </summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var command = new Command("plot", "Publication figures as SVG or PNG: logo, filters, attribution, scatter");
        command.Subcommands.Add(Logo());
        command.Subcommands.Add(Filters());
        command.Subcommands.Add(Attribution());
        command.Subcommands.Add(Scatter());
        foreach (var sub in command.Subcommands)
        {
            // Every command takes --seed and --threads (DESIGN.md); drawing is deterministic and single-threaded.
            sub.Options.Add(CommonOptions.Seed());
            sub.Options.Add(CommonOptions.Threads());
        }

        return command;
    }

    private static Option<string> Out() => new("--out") { Description = "Output file: .svg (vector) or .png (raster)", Required = true };

    private static Option<double> Scale() => new("--scale") { Description = "PNG pixels per SVG unit", DefaultValueFactory = _ => 2.0 };

    private static Option<string> Mode() => new("--mode") { Description = "Letter heights: information (bits) or probability", DefaultValueFactory = _ => "information" };

    private static Command Logo()
    {
        var motifs = new Option<string>("--motifs") { Description = "Motif file (MEME, JASPAR, HOMER, TRANSFAC, ENCODE or PFM)", Required = true };
        var motif = new Option<string>("--motif") { Description = "Motif id or name in the file", Required = true };
        var mode = Mode();
        var output = Out();
        var scale = Scale();
        var json = CommonOptions.Json();
        var command = new Command("logo", "Sequence logo of one motif") { motifs, motif, mode, output, scale, json };
        command.SetAction(p => CommandRunner.Run(_ =>
            Save(p.GetValue(output)!, p.GetValue(scale), p.GetValue(json),
                () => PublicationFigures.MotifLogo(p.GetValue(motifs)!, p.GetValue(motif)!, ParseMode(p.GetValue(mode)!)))));
        return command;
    }

    private static Command Filters()
    {
        var model = new Option<string>("--model") { Description = "Model directory (model.json + weights.npz)", Required = true };
        var knowledge = new Option<string?>("--knowledge") { Description = "Known motifs: each is drawn first, above its best-matching filter (aligned)" };
        var motifs = new Option<string[]>("--motif") { Description = "Use only these motif ids or names of --knowledge", AllowMultipleArgumentsPerToken = true };
        var columns = new Option<int>("--columns") { Description = "Logos per row", DefaultValueFactory = _ => 4 };
        var mode = Mode();
        var output = Out();
        var scale = Scale();
        var json = CommonOptions.Json();
        var command = new Command("filters", "First-layer filters of a model as logos (decoded with softmax(W / 0.1))") { model, knowledge, motifs, columns, mode, output, scale, json };
        command.SetAction(p => CommandRunner.Run(_ =>
        {
            int n = p.GetValue(columns) is var c and >= 1 ? c : throw new InputException($"--columns must be at least 1; got {p.GetValue(columns)}");
            return Save(p.GetValue(output)!, p.GetValue(scale), p.GetValue(json),
                () => PublicationFigures.Filters(p.GetValue(model)!, p.GetValue(knowledge), p.GetValue(motifs) ?? [], n, ParseMode(p.GetValue(mode)!)));
        }));
        return command;
    }

    private static Command Attribution()
    {
        var attributions = new Option<string>("--attributions") { Description = "Attribution maps .npy (N, L, 4) of one split", Required = true };
        var data = new Option<string>("--data") { Description = "The dataset .npz the maps explain", Required = true };
        var split = new Option<string>("--split") { Description = "The split the maps explain", DefaultValueFactory = _ => "test" };
        var index = new Option<int>("--index") { Description = "Which sequence (0-based) of the split", Required = true };
        var output = Out();
        var scale = Scale();
        var json = CommonOptions.Json();
        var command = new Command("attribution", "One attribution map times its sequence, logo-style (planted motifs shaded)") { attributions, data, split, index, output, scale, json };
        command.SetAction(p => CommandRunner.Run(_ =>
            Save(p.GetValue(output)!, p.GetValue(scale), p.GetValue(json),
                () => PublicationFigures.Attribution(p.GetValue(attributions)!, p.GetValue(data)!, p.GetValue(index), p.GetValue(split)!))));
        return command;
    }

    private static Command Scatter()
    {
        var population = new Option<string>("--population") { Description = "Population directory (population.json)", Required = true };
        var x = new Option<string>("--x") { Description = "Model key on the x axis (e.g. snr, test_auroc, kld_weighted.6)", DefaultValueFactory = _ => "snr" };
        var y = new Option<string>("--y") { Description = "Model key on the y axis", DefaultValueFactory = _ => "kld_multiscale" };
        var output = Out();
        var scale = Scale();
        var json = CommonOptions.Json();
        var command = new Command("scatter", "Models of a population as points, with Spearman ρ") { population, x, y, output, scale, json };
        command.SetAction(p => CommandRunner.Run(_ =>
            Save(p.GetValue(output)!, p.GetValue(scale), p.GetValue(json),
                () => PublicationFigures.PopulationScatter(p.GetValue(population)!, p.GetValue(x)!, p.GetValue(y)!))));
        return command;
    }

    private static LogoMode ParseMode(string mode) => mode.ToLowerInvariant() switch
    {
        "information" or "bits" => LogoMode.Information,
        "probability" => LogoMode.Probability,
        _ => throw new InputException($"--mode: expected information or probability, found '{mode}'"),
    };

    /// <summary>Checks the output name first (no work for a bad one), draws, and writes SVG or PNG atomically.</summary>
    private static int Save(string path, double scale, bool json, Func<string> draw)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".svg" or ".png"))
        {
            throw new InputException($"--out must end in .svg or .png; got '{path}'");
        }

        if (!(scale > 0) || scale > 20)
        {
            throw new InputException($"--scale must be in (0, 20]; got {scale.ToString(CultureInfo.InvariantCulture)}");
        }

        string svg = draw();
        var (width, height) = SvgLayout.Size(svg);
        long bytes;
        if (ext == ".svg")
        {
            AtomicFile.WriteAllText(path, svg);
            bytes = System.Text.Encoding.UTF8.GetByteCount(svg);
        }
        else
        {
            var png = PngExport.FromSvg(svg, scale);
            AtomicFile.WriteAllBytes(path, png);
            bytes = png.Length;
        }

        Output.Info($"wrote {path} ({width.ToString(CultureInfo.InvariantCulture)} x {height.ToString(CultureInfo.InvariantCulture)} units{(ext == ".png" ? $", scale {scale.ToString(CultureInfo.InvariantCulture)}" : string.Empty)})");
        if (json)
        {
            Output.Json(new PlotResult(path, ext[1..], width, height, bytes));
        }

        return ExitCodes.Success;
    }

    /// <summary>The --json result: the figure written, its size in SVG units and in bytes.</summary>
    internal sealed record PlotResult(string Out, string Format, double Width, double Height, long Bytes);
}
