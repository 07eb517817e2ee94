using Motiflens.Engine.Layers;
using Motiflens.Engine.Spec;

namespace Motiflens.Engine.Tests.Spec;

public class ModelBuilderTests
{
    [Fact]
    public void Build_OneEngineLayerPerSpecLayerWithoutTheOutputLink()
    {
        var spec = BuiltinModels.Deep();
        using var model = ModelBuilder.Build(spec, seed: 1);
        Assert.Equal(spec.Layers.Count, model.Layers.Count);
        Assert.IsType<Conv1d>(model.Layers[0]);
        Assert.IsType<BatchNorm>(model.Layers[1]);
        Assert.IsType<ActivationLayer>(model.Layers[2]);
        var last = Assert.IsType<Dense>(model.Layers[^1]);
        Assert.Equal(Activation.Identity, last.Activation);
        Assert.Equal([12], model.OutputShape);
        Assert.Equal([200, 4], model.InputShape);
    }

    [Fact]
    public void Build_EveryExampleSpecGivesPyTorchShapedState()
    {
        var spec = ModelSpecJson.Load(RepoPaths.Example("residual.json"));
        using var model = ModelBuilder.Build(spec, seed: 1);
        var state = model.StateDict().ToDictionary(e => e.Key);
        Assert.Equal([32, 4, 15], state["layers.0.weight"].Shape);
        Assert.Equal([32, 32, 3], state["layers.3.layers.0.weight"].Shape);
        Assert.Equal([32], state["layers.5.layers.1.running_mean"].Shape);
        Assert.Equal([64, 32 * 50], state["layers.8.weight"].Shape);
    }

    [Fact]
    public void Build_SameSeedGivesSameWeights()
    {
        using var a = ModelBuilder.Build(BuiltinModels.BionasSmall(), seed: 4);
        using var b = ModelBuilder.Build(BuiltinModels.BionasSmall(), seed: 4);
        Assert.Equal(a.StateDict().SelectMany(e => e.Data), b.StateDict().SelectMany(e => e.Data));
    }
}
