using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Spec;

/// <summary>What a <see cref="LayerType.Create"/> factory needs besides the layer spec.</summary>
/// <param name="Activation">The activation to build in (identity for the model's last layer: the output link is applied outside).</param>
/// <param name="CreateInner">Builds a nested layer (e.g. inside a residual block), with its own activation.</param>
public sealed record LayerFactoryContext(Activation Activation, Func<LayerSpec, Layer> CreateInner);
