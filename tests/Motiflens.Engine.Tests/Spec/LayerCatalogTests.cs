using System.Text.Json.Nodes;
using Motiflens.Engine.Layers;
using Motiflens.Engine.Spec;
using Motiflens.IO;

namespace Motiflens.Engine.Tests.Spec;

public class LayerCatalogTests
{
    private const string GeluSpec = """
        {"input": {"length": 12},
         "layers": [
           {"type": "conv1d", "filters": 3, "kernel_size": 5},
           {"type": "gelu"},
           {"type": "flatten"},
           {"type": "dense", "units": 1, "activation": "sigmoid"}],
         "loss": "bce"}
        """;

    [Fact]
    public void Catalog_EveryJsonNameFindsOneTypeThatWritesThatName()
    {
        Assert.Equal(LayerCatalog.JsonNames.Count, LayerCatalog.JsonNames.Distinct().Count());
        foreach (var name in LayerCatalog.JsonNames)
        {
            var type = LayerCatalog.FindJson(name);
            Assert.NotNull(type);
            Assert.Contains(name, type.JsonNames);
        }

        Assert.Same(LayerType.Activation, LayerCatalog.FindJson("identity"));
        Assert.Null(LayerCatalog.FindJson("Conv1d"));
    }

    [Theory]
    [InlineData("Conv_1D", "conv1d")]
    [InlineData("MaxPooling1D", "maxpool1d")]
    [InlineData("denovo-conv", "denovo_conv1d")]
    [InlineData("GlobalAveragePooling1D", "global_avgpool1d")]
    [InlineData("fc", "dense")]
    [InlineData("GELU", "gelu")]
    public void FindSpace_AcceptsKerasAndBionasSpellings(string spelling, string name)
    {
        Assert.Equal(name, LayerCatalog.FindSpace(spelling)?.Name);
    }

    [Fact]
    public void FindSpace_RejectsTypesThatCannotBeSearched()
    {
        Assert.Null(LayerCatalog.FindSpace("batchnorm"));
        Assert.Null(LayerCatalog.FindSpace("residual"));
        Assert.Null(LayerCatalog.FindSpace("convolve"));
    }

    [Fact]
    public void GeluSpec_ParsesRoundTripsAndBuildsAGeluLayer()
    {
        var spec = ModelSpecJson.Parse(GeluSpec, "g.json");
        Assert.Equal("gelu", spec.Layers[1].TypeName);
        Assert.False(spec.Layers[1].HasParameters);
        Assert.Equal(ActivationShape.Sequence(3, 8), ShapeInference.Infer(spec)[1]);
        var json = ModelSpecJson.ToJsonString(spec);
        Assert.Equal(spec.Layers, ModelSpecJson.Parse(json, "again.json").Layers);

        using var model = ModelBuilder.Build(spec, seed: 3);
        Assert.IsType<Gelu>(model.Layers[1]);
        var x = GradientCheck.Random(1, 0f, 1f, 2, 12, 4);
        var y = model.Forward(x);
        Assert.Equal([2, 1], y.ShapeArray());
        Assert.All(y.Data.Take(2), v => Assert.True(float.IsFinite(v)));
        GradientCheck.CheckModel(model, x);
    }

    [Fact]
    public void GeluSpec_WithAFieldIsRejectedNamingTheLayer()
    {
        var bad = GeluSpec.Replace("{\"type\": \"gelu\"}", "{\"type\": \"gelu\", \"approximate\": \"tanh\"}", StringComparison.Ordinal);
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse(bad, "g.json"));
        Assert.Equal("g.json: layers[1]: unknown field 'approximate' for a gelu layer (it takes no fields)", ex.Message);
    }

    [Fact]
    public void UnknownType_ListsEveryCatalogueName()
    {
        var bad = GeluSpec.Replace("\"gelu\"", "\"gleu\"", StringComparison.Ordinal);
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse(bad, "g.json"));
        Assert.EndsWith("tanh, softmax, gelu)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EveryTypeWritesExactlyItsFields()
    {
        foreach (var type in LayerCatalog.All.Where(t => t != LayerType.Residual))
        {
            var o = new JsonObject();
            type.Write(new LayerSpec { Type = type, Filters = 2, KernelSize = 3, PoolSize = 2, Stride = 2, Units = 4, Rate = 0.5 }, o);
            Assert.Equal(type.Fields.Order(), o.Select(p => p.Key).Order());
        }
    }
}
