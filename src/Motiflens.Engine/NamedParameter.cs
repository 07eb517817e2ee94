namespace Motiflens.Engine;

/// <summary>A parameter together with where it lives in a model.</summary>
/// <param name="LayerIndex">Index of the owning layer in the model's top-level layer list (the spec index).</param>
/// <param name="Key">State-dict key, e.g. "layers.0.weight" or "layers.2.layers.0.bias" inside a residual block.</param>
/// <param name="Parameter">The parameter (internal layout; see <see cref="Model.StateDict"/> for PyTorch layout).</param>
public sealed record NamedParameter(int LayerIndex, string Key, Parameter Parameter);
