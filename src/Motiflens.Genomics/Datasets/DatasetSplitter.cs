namespace Motiflens.Genomics.Datasets;

/// <summary>Assigns examples to train/valid/test by held-out chromosomes or by shuffled groups, and packs each split.</summary>
internal static class DatasetSplitter
{
    internal static SequenceDataset Split(List<DatasetExample> examples, int tasks, int length, DatasetBuildOptions options, Random random)
    {
        var assignment = new int[examples.Count]; // 0 train, 1 valid, 2 test
        if (options.ChromosomeSplit)
        {
            var test = new HashSet<string>(options.TestChromosomes ?? [], StringComparer.Ordinal);
            var valid = new HashSet<string>(options.ValidChromosomes ?? [], StringComparer.Ordinal);
            for (int i = 0; i < examples.Count; i++)
            {
                var c = examples[i].Chrom;
                assignment[i] = c is not null && test.Contains(c) ? 2 : c is not null && valid.Contains(c) ? 1 : 0;
            }
        }
        else
        {
            var groups = examples.Select(e => e.Group).Distinct().ToArray();
            random.Shuffle(groups);
            int nTest = (int)Math.Round(groups.Length * options.TestFraction);
            int nValid = (int)Math.Round(groups.Length * options.ValidFraction);
            var split = new Dictionary<int, int>();
            for (int g = 0; g < groups.Length; g++)
            {
                split[groups[g]] = g < nTest ? 2 : g < nTest + nValid ? 1 : 0;
            }

            for (int i = 0; i < examples.Count; i++)
            {
                assignment[i] = split[examples[i].Group];
            }
        }

        var splits = new List<DatasetSplit>();
        string[] names = ["train", "valid", "test"];
        for (int s = 0; s < 3; s++)
        {
            var members = Enumerable.Range(0, examples.Count).Where(i => assignment[i] == s).ToList();
            var codes = new byte[(long)members.Count * length];
            var targets = new float[(long)members.Count * tasks];
            for (int k = 0; k < members.Count; k++)
            {
                examples[members[k]].Codes.CopyTo(codes, (long)k * length);
                examples[members[k]].Labels.CopyTo(targets, (long)k * tasks);
            }

            splits.Add(new DatasetSplit(names[s], members.Count, length, tasks, codes, targets));
        }

        return new SequenceDataset(splits);
    }
}
