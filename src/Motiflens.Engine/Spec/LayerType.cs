using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;
using Motiflens.Engine.Spec.Catalog;

namespace Motiflens.Engine.Spec;

/// <summary>
/// One kind of layer a model spec can hold, described in one place: its JSON <c>"type"</c> name(s), fields,
/// JSON parse and write, shape rule, engine factory and its model-space (search) form. Every descriptor is
/// registered once in <see cref="LayerCatalog"/>; spec parsing, shape inference, the model builder and the
/// search spaces all dispatch through it, so adding a layer is one descriptor, the layer class and tests.
/// </summary>
/// <remarks>Descriptors are stateless singletons; compare them by reference.</remarks>
public abstract class LayerType
{
    /// <summary>conv1d.</summary>
    public static readonly LayerType Conv1d = new Conv1dLayerType();

    /// <summary>denovo_conv1d (BioNAS's constrained convolution).</summary>
    public static readonly LayerType DenovoConv1d = new DenovoConv1dLayerType();

    /// <summary>maxpool1d.</summary>
    public static readonly LayerType MaxPool1d = new MaxPool1dLayerType();

    /// <summary>avgpool1d.</summary>
    public static readonly LayerType AvgPool1d = new AvgPool1dLayerType();

    /// <summary>global_maxpool1d.</summary>
    public static readonly LayerType GlobalMaxPool1d = new GlobalMaxPool1dLayerType();

    /// <summary>global_avgpool1d.</summary>
    public static readonly LayerType GlobalAvgPool1d = new GlobalAvgPool1dLayerType();

    /// <summary>flatten.</summary>
    public static readonly LayerType Flatten = new FlattenLayerType();

    /// <summary>dense.</summary>
    public static readonly LayerType Dense = new DenseLayerType();

    /// <summary>batchnorm.</summary>
    public static readonly LayerType BatchNorm = new BatchNormLayerType();

    /// <summary>dropout.</summary>
    public static readonly LayerType Dropout = new DropoutLayerType();

    /// <summary>sfc (separable fully connected).</summary>
    public static readonly LayerType Sfc = new SfcLayerType();

    /// <summary>sparsek.</summary>
    public static readonly LayerType SparseK = new SparseKLayerType();

    /// <summary>residual.</summary>
    public static readonly LayerType Residual = new ResidualLayerType();

    /// <summary>A parameter-free activation layer such as <c>{"type": "relu"}</c>; see <see cref="LayerSpec.Activation"/>.</summary>
    public static readonly LayerType Activation = new ActivationLayerType();

    /// <summary>The canonical JSON <c>"type"</c> name.</summary>
    public abstract string Name { get; }

    /// <summary>Every JSON <c>"type"</c> name this descriptor reads, the ones listed in error messages first.</summary>
    public virtual IReadOnlyList<string> JsonNames => [Name];

    /// <summary>Hidden JSON synonyms (accepted, never written or listed).</summary>
    public virtual IReadOnlyList<string> JsonSynonyms => [];

    /// <summary>The JSON fields besides <c>"type"</c>, in the order they are written.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>Whether the layer holds trainable parameters or running statistics (and so has weights.npz keys).</summary>
    public virtual bool HasParameters => false;

    /// <summary>The JSON <c>"type"</c> string of <paramref name="layer"/> (activation layers write their function).</summary>
    public virtual string TypeName(LayerSpec layer) => Name;

    /// <summary>Reads the layer's fields (the type name and unknown fields are already checked).</summary>
    public abstract LayerSpec Parse(LayerJsonReader reader);

    /// <summary>Writes every field of <paramref name="layer"/> to <paramref name="json"/> (round-trips through <see cref="Parse"/>).</summary>
    public abstract void Write(LayerSpec layer, JsonObject json);

    /// <summary>The per-sample output shape for input <paramref name="input"/>; impossible shapes throw via <paramref name="context"/>.</summary>
    public abstract ActivationShape OutputShape(LayerSpec layer, ActivationShape input, ShapeContext context);

    /// <summary>The engine layer for <paramref name="layer"/>.</summary>
    public abstract Layer Create(LayerSpec layer, LayerFactoryContext context);

    /// <summary>The name in model-space files and labels (lower case, no underscores).</summary>
    public virtual string SpaceName => Name.Replace("_", string.Empty, StringComparison.Ordinal);

    /// <summary>Other spellings accepted in model-space files and BioNAS histories (lower case, no '_' or '-').</summary>
    public virtual IReadOnlyList<string> SpaceAliases => [];

    /// <summary>Whether a model space may offer this layer as an operation.</summary>
    public virtual bool IsSearchable => true;

    /// <summary>The parameters a model-space operation of this type accepts (canonical spellings).</summary>
    public virtual IReadOnlyList<string> SpaceParameters => [];

    /// <summary>
    /// Builds the layer of a model-space operation from parameter values given as strings (model-space YAML, BioNAS
    /// histories). A bad or missing value throws <see cref="FormatException"/> with a readable message.
    /// </summary>
    public virtual LayerSpec FromSpace(SpaceValues values) => new() { Type = this };

    /// <summary>The readable operation string used in histories and reports, e.g. <c>maxpool1d(size=8,stride=8)</c>.</summary>
    public virtual string Label(LayerSpec layer) => SpaceName;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
