using System.CommandLine;
using Motiflens.Cli.Results;
using Motiflens.Reporting.Reports;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens report</c>: one self-contained HTML page (inline SVG and CSS, no scripts, no network) for a model
/// directory, a search run or a population directory (docs/reports.md).
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "A model directory, a search run folder or a population folder", Required = true };
        var output = new Option<string>("--out") { Description = "The HTML file to write", Required = true };
        var data = new Option<string?>("--data") { Description = "Dataset .npz: a model report (a search report: its best model) adds saliency × input maps of its first positive test sequences" };
        var knowledge = new Option<string?>("--knowledge") { Description = "Known motifs to show above their best-matching filters (a search report otherwise uses the run's own)" };
        var motifs = new Option<string[]>("--motif") { Description = "Use only these motif ids or names of --knowledge", AllowMultipleArgumentsPerToken = true };
        var examples = new Option<int>("--examples") { Description = "Example attribution maps to draw", DefaultValueFactory = _ => 3 };
        var maxFilters = new Option<int>("--max-filters") { Description = "At most this many first-layer filters drawn as logos", DefaultValueFactory = _ => 32 };
        var threads = CommonOptions.Threads();
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var command = new Command("report", "Write one self-contained HTML report (plots and tables) of a model, a search run or a population")
        {
            input, output, data, knowledge, motifs, examples, maxFilters, threads, seed, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(ct =>
        {
            int nThreads = CommonOptions.CheckThreads(parseResult.GetValue(threads));
            int nExamples = parseResult.GetValue(examples) is var e and >= 0 ? e : throw new IO.InputException($"--examples must be 0 or more; got {parseResult.GetValue(examples)}");
            int nFilters = parseResult.GetValue(maxFilters) is var f and >= 0 ? f : throw new IO.InputException($"--max-filters must be 0 or more; got {parseResult.GetValue(maxFilters)}");
            string dir = parseResult.GetValue(input)!;
            string outPath = parseResult.GetValue(output)!;
            var options = new ReportOptions
            {
                Data = parseResult.GetValue(data),
                Knowledge = parseResult.GetValue(knowledge),
                Motifs = parseResult.GetValue(motifs) ?? [],
                Examples = nExamples,
                MaxFilters = nFilters,
                Threads = nThreads,
            };
            var report = ReportBuilder.Write(dir, outPath, options, ct);
            foreach (var note in report.Notes)
            {
                Output.Info("note: " + note);
            }

            Output.Info($"wrote {outPath}: {report.Kind.ToString().ToLowerInvariant()} report, {report.Charts.Count} charts, {report.Html.Length / 1024} KiB");
            if (parseResult.GetValue(json))
            {
                Output.Json(new ReportResult(
                    outPath,
                    report.Kind.ToString().ToLowerInvariant(),
                    report.Charts.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()),
                    System.Text.Encoding.UTF8.GetByteCount(report.Html),
                    report.Notes));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
