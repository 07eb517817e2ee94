using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Motiflens.Genomics.Motifs;
using Motiflens.Interpretation.Knowledge;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens knowledge</c>: the knowledge dissimilarity K between a model's first-layer filters and known
/// motifs, with the best filter, offset and strand for each motif.
/// </summary>
public static class KnowledgeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model directory (model.json + weights.npz)", Required = true };
        var motifs = new Option<string>("--motifs") { Description = "Motif file (MEME, JASPAR, PFM, HOMER, TRANSFAC, ENCODE)", Required = true };
        var temperature = new Option<double>("--temperature") { Description = "Softmax temperature for decoding filters", DefaultValueFactory = _ => FilterDecoder.DefaultTemperature };
        var forwardOnly = new Option<bool>("--forward-only") { Description = "Do not try the reverse complement of each motif (as the BioNAS code)" };
        var penalty = new Option<bool>("--filter-penalty") { Description = "Add the BioNAS regulariser 0.01 x number of filters" };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var seed = CommonOptions.Seed();

        var command = new Command("knowledge", "Knowledge dissimilarity K between first-layer filters and known motifs (BioNAS)")
        {
            model, motifs, temperature, forwardOnly, penalty, json, threads, seed,
        };
        command.SetAction(parseResult => CommandRunner.Run(_ =>
        {
            CommonOptions.CheckThreads(parseResult.GetValue(threads));
            double t = parseResult.GetValue(temperature);
            if (!(t > 0) || double.IsInfinity(t))
            {
                throw new InputException($"--temperature must be a finite number > 0; got {t}");
            }

            string motifPath = parseResult.GetValue(motifs)!;
            var known = MotifReader.Read(motifPath);
            if (known.Count == 0)
            {
                throw new InputException(motifPath, 0, "no motifs found");
            }

            var filters = DecodeCommand.LoadFilters(parseResult.GetValue(model)!);
            var result = KnowledgeDissimilarity.Compute(filters, known.Select(KnowledgeMotif.From).ToArray(),
                new KnowledgeOptions(t, !parseResult.GetValue(forwardOnly), parseResult.GetValue(penalty)));

            if (parseResult.GetValue(json))
            {
                Output.Json(new KnowledgeResult(result.K, filters.Count,
                    [.. result.Matches.Select(m => new KnowledgeMatchJson(m.Motif, m.Filter, m.Offset, m.Strand.ToString(), m.Distance))]));
            }
            else
            {
                Output.Line($"K = {result.K.ToString("F4", CultureInfo.InvariantCulture)} over {result.Matches.Count} motifs and {filters.Count} filters");
                foreach (var m in result.Matches)
                {
                    Output.Line($"  {m.Motif}: filter {m.Filter}, offset {m.Offset}, strand {m.Strand}, d = {m.Distance.ToString("F4", CultureInfo.InvariantCulture)}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The --json result: K and, per motif, its best filter match.</summary>
    internal sealed record KnowledgeResult(double K, int NFilters, IReadOnlyList<KnowledgeMatchJson> Matches);

    /// <summary>One motif's best match (<c>d</c> is its dissimilarity).</summary>
    internal sealed record KnowledgeMatchJson(string Motif, int Filter, int Offset, string Strand, [property: JsonPropertyName("d")] double Distance);
}
