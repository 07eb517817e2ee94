namespace Motiflens.Engine;

/// <summary>
/// One eval-mode inference or saliency call split into micro-batches (see <see cref="ModelReplica"/>). A single
/// instance per model is refilled on every call, so calls do not allocate.
/// </summary>
internal sealed class ReplicaJob
{
    public Tensor? X { get; set; }

    public byte[]? Codes { get; set; }

    public int N { get; set; }

    public Tensor Destination { get; set; } = null!;

    public bool Saliency { get; set; }

    public int? Output { get; set; }

    public Action<Tensor, Tensor>? Seed { get; set; }
}
