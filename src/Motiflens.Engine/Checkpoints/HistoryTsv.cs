using System.Globalization;
using System.Text;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Checkpoints;

/// <summary>
/// training.tsv: one row per epoch with columns epoch, lr, train_loss, val_loss, val_auroc, val_aupr,
/// val_accuracy, val_pearson, val_spearman, seconds (empty cells for undefined values).
/// </summary>
public static class HistoryTsv
{
    public const string Header = "epoch\tlr\ttrain_loss\tval_loss\tval_auroc\tval_aupr\tval_accuracy\tval_pearson\tval_spearman\tseconds";

    public static string Format(IEnumerable<EpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in history)
        {
            var v = r.Validation;
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(Cell(r.LearningRate)).Append('\t')
              .Append(Cell(r.TrainLoss)).Append('\t')
              .Append(Cell(v?.Loss)).Append('\t')
              .Append(Cell(v?.Auroc)).Append('\t')
              .Append(Cell(v?.Aupr)).Append('\t')
              .Append(Cell(v?.Accuracy)).Append('\t')
              .Append(Cell(v?.Pearson)).Append('\t')
              .Append(Cell(v?.Spearman)).Append('\t')
              .Append(r.Seconds.ToString("F3", CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    private static string Cell(double? v) =>
        v is { } x && double.IsFinite(x) ? x.ToString("G9", CultureInfo.InvariantCulture) : string.Empty;
}
