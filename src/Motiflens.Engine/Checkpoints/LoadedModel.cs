using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Checkpoints;

/// <summary>A model read back from a model directory: its spec, the runnable model with its weights, and how it was trained.</summary>
/// <param name="Directory">The model directory.</param>
/// <param name="Spec">The architecture (model.json).</param>
/// <param name="Model">The engine model holding the saved weights, in eval mode. Disposing this record disposes it.</param>
/// <param name="Training">The training settings recorded in model.json, or null when absent.</param>
/// <param name="OutputNames">One name per output (task).</param>
public sealed record LoadedModel(string Directory, ModelSpec Spec, Model Model, TrainingOptions? Training, IReadOnlyList<string> OutputNames) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
