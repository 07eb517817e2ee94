namespace Motiflens.Engine;

/// <summary>
/// One named tensor of a model's state dict, in PyTorch names and shapes, e.g.
/// <c>layers.0.weight</c> with shape (out, in, k) for a Conv1d.
/// </summary>
/// <param name="Key">Full key, e.g. "layers.3.running_var".</param>
/// <param name="Shape">PyTorch shape.</param>
/// <param name="Data">Values in row-major order for <paramref name="Shape"/>.</param>
public sealed record StateEntry(string Key, int[] Shape, float[] Data);
