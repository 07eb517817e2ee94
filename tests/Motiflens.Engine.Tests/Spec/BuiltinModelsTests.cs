using Motiflens.Engine.Spec;

namespace Motiflens.Engine.Tests.Spec;

public class BuiltinModelsTests
{
    [Fact]
    public void Get_KnowsTheTwoReferenceArchitectures()
    {
        Assert.Equal(["bionas-small", "deep"], BuiltinModels.Names);
        Assert.Equal(1, BuiltinModels.Get("bionas-small")!.Outputs);
        Assert.Equal(12, BuiltinModels.Get("deep")!.Outputs);
        Assert.Null(BuiltinModels.Get("resnet"));
    }

    [Fact]
    public void Get_OverridesLengthAndOutputs()
    {
        var spec = BuiltinModels.Get("deep", length: 100, outputs: 3)!;
        Assert.Equal(100, spec.InputLength);
        Assert.Equal(3, spec.Outputs);
        Assert.Equal(ActivationKind.Sigmoid, spec.OutputLink);
        Assert.Equal(LossKind.Bce, spec.Loss);
    }

    [Fact]
    public void WithOutputs_NeedsADenseOrSfcEnding()
    {
        var spec = ModelSpecJson.Parse("""{"input": {"length": 8}, "layers": [{"type": "global_maxpool1d"}, {"type": "sigmoid"}]}""", "m.json");
        Assert.Throws<InvalidOperationException>(() => spec.WithOutputs(2));
    }
}
