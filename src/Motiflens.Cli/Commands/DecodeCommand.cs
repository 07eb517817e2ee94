using System.CommandLine;
using System.Globalization;
using Motiflens.Engine.Checkpoints;
using Motiflens.Genomics.Motifs;
using Motiflens.Interpretation.Knowledge;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens decode</c>: a model's first-layer filters decoded with a softmax (temperature 0.1) and written as
/// MEME motifs (for Tomtom).
/// </summary>
public static class DecodeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model directory (model.json + weights.npz)", Required = true };
        var output = new Option<string>("--out") { Description = "Output MEME file", Required = true };
        var temperature = new Option<double>("--temperature") { Description = "Softmax temperature", DefaultValueFactory = _ => FilterDecoder.DefaultTemperature };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var seed = CommonOptions.Seed();

        var command = new Command("decode", "Decode first-layer filters into motifs (softmax per row) and write them as MEME")
        {
            model, output, temperature, json, threads, seed,
        };
        command.SetAction(parseResult => CommandRunner.Run(_ =>
        {
            CommonOptions.CheckThreads(parseResult.GetValue(threads));
            double t = parseResult.GetValue(temperature);
            if (!(t > 0) || double.IsInfinity(t))
            {
                throw new InputException($"--temperature must be a finite number > 0; got {t}");
            }

            var filters = LoadFilters(parseResult.GetValue(model)!);
            var probabilities = FilterDecoder.Decode(filters, t);
            int size = filters.Width * 4;
            var motifs = Enumerable.Range(0, filters.Count)
                .Select(f => new PositionWeightMatrix($"filter_{f}", $"filter_{f}", probabilities.AsSpan(f * size, size)))
                .ToArray();
            string outPath = parseResult.GetValue(output)!;
            MemeWriter.Write(outPath, motifs);
            Output.Info($"wrote {filters.Count} filters of width {filters.Width} to {outPath} (temperature {t.ToString(CultureInfo.InvariantCulture)})");
            if (parseResult.GetValue(json))
            {
                Output.Json(new DecodeResult(outPath, filters.Count, filters.Width, t));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The first convolution layer's filters of the model in <paramref name="directory"/>; bad input otherwise.</summary>
    internal static FilterBank LoadFilters(string directory)
    {
        using var loaded = ModelDirectory.Load(directory, threads: 1);
        return FilterBank.FromModel(loaded.Model)
               ?? throw new InputException(Path.Combine(directory, ModelDirectory.ModelFile), 0, "the model has no first convolution layer reading 4 channels (A, C, G, T)");
    }

    /// <summary>The --json result: the MEME file written and the filters in it.</summary>
    internal sealed record DecodeResult(string Out, int NFilters, int Width, double Temperature);
}
