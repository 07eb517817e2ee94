using Motiflens.Engine.Layers;
using Motiflens.Engine.Spec;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Spaces;

public class OperationTests
{
    private const string GeluSpace = """
        input: {length: 30}
        layers:
          - [{type: conv1d, filters: 2, kernel_size: 5}]
          - [{type: identity}, {type: gelu}, {type: relu_is_not_an_operation_here_so_unused, filters: 1}]
          - [{type: flatten}]
        output: {type: dense, units: 1, activation: sigmoid}
        """;

    [Fact]
    public void Operation_WrapsTheLayerSpecAndComparesByValue()
    {
        var a = ModelSpaceReader.Build(LayerType.MaxPool1d, new Dictionary<string, string> { ["pool_size"] = "4" });
        var b = new Operation(new LayerSpec { Type = LayerType.MaxPool1d, PoolSize = 4, Stride = 4 });
        Assert.Equal(a, b);
        Assert.Equal("maxpool1d(size=4,stride=4)", a.Label);
        Assert.Same(a.Layer, a.ToLayerSpec());
        Assert.True(Operation.Identity.IsIdentity);
        Assert.Null(Operation.Identity.ToLayerSpec());
        Assert.Equal("identity", Operation.Identity.Label);
    }

    [Fact]
    public void GeluOption_IsSearchableAndBuildsAGeluChild()
    {
        var space = ModelSpaceReader.Parse(GeluSpace.Replace(", {type: relu_is_not_an_operation_here_so_unused, filters: 1}", string.Empty, StringComparison.Ordinal), "g.yaml");
        Assert.Equal(["identity", "gelu"], space.Layers[1].Options.Select(o => o.Label));
        var spec = space.ToModelSpec(new Architecture([0, 1, 0]));
        Assert.Equal("gelu", spec.Layers[1].TypeName);
        var back = ModelSpecJson.Parse(space.ToModelSpecJson(new Architecture([0, 1, 0])), "child.json");
        using var model = ModelBuilder.Build(back, seed: 1);
        Assert.IsType<Gelu>(model.Layers[1]);
    }

    [Fact]
    public void UnknownOperation_ListsGeluAmongTheTypes()
    {
        var ex = Assert.Throws<Motiflens.IO.InputException>(() => ModelSpaceReader.Parse(GeluSpace, "g.yaml"));
        Assert.StartsWith("g.yaml:4: expected an operation type (conv1d, denovo, identity, maxpool1d,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sparsek, gelu), found 'relu_is_not_an_operation_here_so_unused'", ex.Message, StringComparison.Ordinal);
    }
}
