namespace Motiflens.Bench;

/// <summary>
/// Benchmark harness. The model suite is the CLI's <c>bench</c> command (one implementation; the same options):
/// <code>
/// dotnet run -c Release --project bench/Motiflens.Bench -- [--model bionas-small|deep|all] [--measure train|infer|saliency|all]
///     [--threads 2] [--seconds 10] [--batch 0] [--input codes|onehot] [--reference torch.jsonl] [--json]
/// </code>
/// <c>--suite data</c> measures the data path instead (FASTA parsing, k-mer counting, KLD metrics; see <see cref="DataBenchmarks"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["--suite", "data", .. var rest])
        {
            if (rest is [] or ["--json"])
            {
                DataBenchmarks.Run(json: rest.Length == 1);
                return 0;
            }

            Console.Error.WriteLine("error: --suite data takes only --json");
            return 2;
        }

        return Cli.Program.Run(["bench", .. args]);
    }
}
