using Motiflens.Engine.Spec;
using Motiflens.Search.Spaces;

namespace Motiflens.Search.Tests.Spaces;

public class ModelSpaceTests
{
    private static ModelSpace Bionas => ModelSpaceReader.Load(TestPaths.Example("bionas-216.yaml"));

    [Fact]
    public void ToModelSpec_OmitsIdentityAndAppendsTheOutput()
    {
        var space = Bionas;
        var spec = space.ToModelSpec(new Architecture([1, 0, 3, 2]));
        Assert.Equal([LayerType.Conv1d, LayerType.Sfc, LayerType.Dense], spec.Layers.Select(l => l.Type));
        Assert.Equal(14, spec.Layers[0].KernelSize);
        Assert.Equal(ActivationKind.Relu, spec.Layers[0].Activation);
        Assert.Equal(10, spec.Layers[1].Units);
        Assert.Equal(ActivationKind.Sigmoid, spec.Layers[2].Activation);
        Assert.Equal(200, spec.InputLength);
        Assert.Equal(4, space.ToModelSpec(new Architecture([1, 0, 3, 2]), outputs: 4).Layers[^1].Units);
    }

    [Fact]
    public void ToModelSpecJson_IsTheEngineFormatAndParsesBack()
    {
        var space = Bionas;
        var arch = new Architecture([4, 1, 1, 0]);
        var json = space.ToModelSpecJson(arch);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(200, doc.RootElement.GetProperty("input").GetProperty("length").GetInt32());
        var layers = doc.RootElement.GetProperty("layers");
        Assert.Equal(14, layers[0].GetProperty("kernel_size").GetInt32());
        Assert.Equal(5, layers.GetArrayLength()); // denovo, maxpool, globalmaxpool, dense 3, output
        var back = ModelSpecJson.Parse(json, "child.json");
        Assert.Equal(space.ToModelSpec(arch).Layers.Select(l => l.Type), back.Layers.Select(l => l.Type));
        Assert.Equal(LayerType.DenovoConv1d, back.Layers[0].Type);
    }

    [Fact]
    public void InvalidReason_PoolLongerThanItsInput_IsFoundBeforeTraining()
    {
        var space = ModelSpaceReader.Parse("""
            input: {length: 20}
            layers:
              - [{type: conv1d, filters: 3, kernel_size: [5, 15]}]
              - [{type: maxpool1d, pool_size: 8}]
              - [{type: flatten}]
            output: {type: dense, units: 1, activation: sigmoid}
            """, "small.yaml");
        Assert.Null(space.InvalidReason(new Architecture([0, 0, 0])));   // 20 → 16 → 2
        var reason = space.InvalidReason(new Architecture([1, 0, 0]));   // 20 → 6 < 8
        Assert.NotNull(reason);
    }

    [Fact]
    public void EveryBionas216Architecture_IsValid()
    {
        var space = Bionas;
        Assert.All(space.Enumerate(), a => Assert.Null(space.InvalidReason(a)));
    }

    [Fact]
    public void FromIndex_And_IndexOf_AreInverse()
    {
        var space = Bionas;
        for (long i = 0; i < space.Size; i += 7)
        {
            Assert.Equal(i, space.IndexOf(space.FromIndex(i)));
        }

        Assert.Equal(new Architecture([5, 2, 3, 2]), space.FromIndex(215));
    }

    [Fact]
    public void Describe_JoinsLayerStrings()
    {
        Assert.Equal("conv1d(filters=3,kernel=8,relu) | identity | flatten | dense(units=3,relu)", Bionas.Describe(new Architecture([0, 0, 0, 0])));
    }

    [Fact]
    public void BionasEclip_RandomArchitectures_AreMostlyValidAndBuildSpecs()
    {
        var space = ModelSpaceReader.Load(TestPaths.Example("bionas-eclip.yaml"));
        var rng = new Random(1);
        int valid = 0;
        for (int i = 0; i < 300; i++)
        {
            var a = space.FromIndex((long)(rng.NextDouble() * space.Size));
            if (space.InvalidReason(a) is null)
            {
                valid++;
                Assert.Equal(LayerType.Conv1d, space.ToModelSpec(a).Layers[0].Type);
            }
        }

        Assert.True(valid > 250, $"{valid} of 300 valid");
    }
}
