using System.CommandLine;
using Motiflens.Genomics.Motifs;
using Motiflens.Genomics.Simulation;
using Motiflens.IO;

namespace Motiflens.Cli.Commands;

/// <summary>
/// <c>motiflens simulate</c>: a labelled dataset with ground truth (pwm_*, embeddings_*, motif_names) from one
/// of the presets of docs/simulation.md, written as a dataset .npz.
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset")
        {
            Description = "single (density embedding; default the BioNAS MYC task), multitask (CTCF/IRF/MYC) or code (Koo & Ploenzke)",
            DefaultValueFactory = _ => "single",
        };
        preset.AcceptOnlyFromAmong("single", "multitask", "code");
        var count = new Option<int>("--n") { Description = "Total number of sequences, half positive (all splits, 70/10/20)", DefaultValueFactory = _ => 20_000 };
        var length = new Option<int>("--length") { Description = "Sequence length", DefaultValueFactory = _ => 200 };
        var motifs = new Option<string?>("--motifs") { Description = "Motif file (MEME, JASPAR, PFM, HOMER, TRANSFAC, ENCODE) to take the motifs from instead of the built-ins" };
        var names = new Option<string?>("--motif-names")
        {
            Description = "Comma-separated motif ids or names: single — motifs to embed; multitask — one per label; code — the core motifs",
        };
        var mean = new Option<double>("--density-mean") { Description = "single: Poisson mean of instances per motif", DefaultValueFactory = _ => 1 };
        var min = new Option<int>("--density-min") { Description = "single: fewest instances per motif", DefaultValueFactory = _ => 1 };
        var max = new Option<int>("--density-max") { Description = "single: most instances per motif", DefaultValueFactory = _ => 1 };
        var zero = new Option<double>("--zero-prob") { Description = "single: probability that a positive gets no instance of a motif", DefaultValueFactory = _ => 0 };
        var rc = new Option<double>("--rc-prob") { Description = "single: probability that an instance is reverse-complemented", DefaultValueFactory = _ => 0.5 };
        var output = new Option<string>("--out") { Description = "Output dataset .npz", Required = true };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();

        var command = new Command("simulate", "Simulate sequences with known motif ground truth and write a dataset .npz")
        {
            preset, count, length, motifs, names, mean, min, max, zero, rc, output, seed, threads, json,
        };
        command.SetAction(parseResult => CommandRunner.Run(_ =>
        {
            CommonOptions.CheckThreads(parseResult.GetValue(threads));
            var kind = parseResult.GetValue(preset) switch
            {
                "multitask" => SimulationPreset.Multitask,
                "code" => SimulationPreset.Code,
                _ => SimulationPreset.Single,
            };
            int n = parseResult.GetValue(count);
            int l = parseResult.GetValue(length);
            if (n < 1 || n > 50_000_000)
            {
                throw new InputException($"--n must be between 1 and 50,000,000; got {n}");
            }

            if (l < 1 || l > 1_000_000)
            {
                throw new InputException($"--length must be between 1 and 1,000,000; got {l}");
            }

            var chosen = ChooseMotifs(parseResult.GetValue(motifs), parseResult.GetValue(names));
            var density = new EmbeddingDensity(parseResult.GetValue(mean), parseResult.GetValue(min), parseResult.GetValue(max), parseResult.GetValue(zero), parseResult.GetValue(rc));
            var options = new SimulationOptions(kind, n, l, parseResult.GetValue(seed), chosen, density);
            Genomics.Datasets.SequenceDataset dataset;
            try
            {
                dataset = SequenceSimulator.Simulate(options);
            }
            catch (ArgumentException ex)
            {
                // Parameter combinations the simulator cannot honour (motifs too long, bad density) are user input.
                throw new InputException($"simulate: {ex.Message}");
            }

            string outPath = parseResult.GetValue(output)!;
            dataset.Save(outPath);
            DatasetReport.Print(outPath, dataset, parseResult.GetValue(json), new Dictionary<string, object>
            {
                ["preset"] = parseResult.GetValue(preset)!,
                ["seed"] = options.Seed,
            });
            return ExitCodes.Success;
        }));
        return command;
    }

    private static IReadOnlyList<PositionWeightMatrix>? ChooseMotifs(string? file, string? nameList)
    {
        var names = nameList?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (file is null)
        {
            if (names.Length == 0)
            {
                return null;
            }

            return names.Select(name => BuiltinMotifs.Find(name)
                ?? throw new InputException($"--motif-names: no built-in motif '{name}' (built-in: {string.Join(", ", BuiltinMotifs.Factors.Select(f => f.Name))}; use --motifs FILE for others)")).ToList();
        }

        var all = MotifReader.Read(file);
        if (names.Length == 0)
        {
            throw new InputException(file, 0, "--motifs needs --motif-names to say which motifs to embed");
        }

        // Names are recorded as "start:name:strand", so ':' and ';' (as in JASPAR's "Arnt::Hif1a") become '_'.
        return MotifReader.Select(all, names, file)
            .Select(m => m.Rename(m.Id, m.Name.Replace(':', '_').Replace(';', '_')))
            .ToList();
    }
}
