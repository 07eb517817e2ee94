using Motiflens.Engine.Spec;
using Motiflens.IO;

namespace Motiflens.Engine.Tests.Spec;

public class ModelSpecJsonTests
{
    private const string IssueExample = """
        {"input": {"length": 200, "alphabet": "ACGT"},
         "layers": [
           {"type": "conv1d", "filters": 32, "kernel_size": 19, "padding": "same", "activation": "relu"},
           {"type": "batchnorm"},
           {"type": "maxpool1d", "pool_size": 4},
           {"type": "flatten"},
           {"type": "dense", "units": 256, "activation": "relu"},
           {"type": "dropout", "rate": 0.5},
           {"type": "dense", "units": 1, "activation": "sigmoid"}],
         "loss": "bce"}
        """;

    [Fact]
    public void Parse_ReadsTheIssueExample()
    {
        var spec = ModelSpecJson.Parse(IssueExample, "m.json");
        Assert.Equal(200, spec.InputLength);
        Assert.Equal(4, spec.InputChannels);
        Assert.Equal(7, spec.Layers.Count);
        var conv = spec.Layers[0];
        Assert.Equal(LayerType.Conv1d, conv.Type);
        Assert.Equal((32, 19, PaddingMode.Same, ActivationKind.Relu, 1, 1, true),
            (conv.Filters, conv.KernelSize, conv.Padding, conv.Activation, conv.Stride, conv.Dilation, conv.UseBias));
        Assert.Equal(4, spec.Layers[2].Stride);
        Assert.Equal(0.5, spec.Layers[5].Rate);
        Assert.Equal(ActivationKind.Sigmoid, spec.OutputLink);
        Assert.Equal(LossKind.Bce, spec.Loss);
        Assert.Equal(1, spec.Outputs);
    }

    [Fact]
    public void Parse_UnknownLayerTypeNamesFileLayerAndAlternatives()
    {
        var json = IssueExample.Replace("\"type\": \"flatten\"", "\"type\": \"convv1d\"");
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse(json, "deep.json"));
        Assert.StartsWith("deep.json: layers[3]: unknown layer type 'convv1d' (expected one of conv1d,", ex.Message);
    }

    [Fact]
    public void Parse_UnknownFieldIsAnError()
    {
        var json = IssueExample.Replace("\"rate\": 0.5", "\"rate\": 0.5, \"ratio\": 2");
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse(json, "m.json"));
        Assert.Equal("m.json: layers[5]: unknown field 'ratio' for a dropout layer (expected rate)", ex.Message);
    }

    [Theory]
    [InlineData("\"filters\": 32", "\"filters\": 0", "m.json: layers[0]: filters: must be at least 1; got 0")]
    [InlineData("\"filters\": 32", "\"filters\": 3.5", "m.json: layers[0]: filters: expected an integer, found 3.5")]
    [InlineData("\"padding\": \"same\"", "\"padding\": \"full\"", "m.json: layers[0]: padding: expected 'valid' or 'same', found 'full'")]
    [InlineData("\"rate\": 0.5", "\"rate\": 1.5", "m.json: layers[5]: rate: must be in [0, 1); got 1.5")]
    [InlineData("\"loss\": \"bce\"", "\"loss\": \"hinge\"", "m.json: loss: unknown loss 'hinge' (expected one of bce, mse, poisson, categorical_crossentropy)")]
    [InlineData("\"units\": 256, ", "", "m.json: layers[4]: units: missing (an integer ≥ 1 is required)")]
    public void Parse_BadValuesNameLayerAndField(string from, string to, string message)
    {
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse(IssueExample.Replace(from, to), "m.json"));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Parse_InvalidJsonReportsTheLine()
    {
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse("{\"input\":\n {\"length\": }", "m.json"));
        Assert.StartsWith("m.json:2: invalid JSON", ex.Message);
    }

    [Fact]
    public void Parse_ActivationLayersAndIdentityAlias()
    {
        var spec = ModelSpecJson.Parse("""
            {"input": {"length": 10}, "layers": [
              {"type": "conv1d", "filters": 2, "kernel_size": 3}, {"type": "identity"}, {"type": "tanh"},
              {"type": "global_avgpool1d"}, {"type": "dense", "units": 1}, {"type": "sigmoid"}]}
            """, "m.json");
        Assert.Equal(LayerType.Activation, spec.Layers[1].Type);
        Assert.Equal(ActivationKind.Linear, spec.Layers[1].Activation);
        Assert.Equal(ActivationKind.Tanh, spec.Layers[2].Activation);
        Assert.Equal(ActivationKind.Sigmoid, spec.OutputLink);
        Assert.Equal("ACGT", spec.Alphabet);
    }

    [Fact]
    public void ToJson_RoundTripsEveryLayerType()
    {
        var spec = ModelSpecJson.Load(RepoPaths.Example("residual.json"));
        var again = ModelSpecJson.Parse(ModelSpecJson.ToJsonString(spec), "again.json");
        Assert.Equal(ModelSpecJson.ToJsonString(spec), ModelSpecJson.ToJsonString(again));
        Assert.Equal(8, again.Layers[5].Layers[0].Dilation);

        var all = ModelSpecJson.Parse("""
            {"input": {"length": 40, "alphabet": "ACGT"}, "layers": [
              {"type": "denovo_conv1d", "filters": 4, "kernel_size": 5},
              {"type": "avgpool1d", "pool_size": 2, "stride": 1},
              {"type": "sparsek", "fraction": 0.1},
              {"type": "conv1d", "filters": 3, "kernel_size": 3, "stride": 2, "use_bias": false},
              {"type": "exponential"},
              {"type": "sfc", "units": 2, "mirrored": true},
              {"type": "batchnorm", "eps": 0.001, "momentum": 0.01},
              {"type": "exponential"}],
             "loss": "poisson", "outputs": ["a", "b"]}
            """, "all.json");
        var text = ModelSpecJson.ToJsonString(all);
        Assert.Equal(text, ModelSpecJson.ToJsonString(ModelSpecJson.Parse(text, "x.json")));
        Assert.Equal(ActivationKind.Sigmoid, all.Layers[0].Activation);
        Assert.True(all.Layers[5].Mirrored);
        Assert.Equal(["a", "b"], all.OutputNames!);
    }

    [Fact]
    public void ExampleFiles_MatchTheBuiltinModels()
    {
        var deep = ModelSpecJson.Load(RepoPaths.Example("deep.json"));
        var small = ModelSpecJson.Load(RepoPaths.Example("bionas-small.json"));
        Assert.Equal(ModelSpecJson.ToJsonString(BuiltinModels.Deep()), ModelSpecJson.ToJsonString(deep));
        Assert.Equal(ModelSpecJson.ToJsonString(BuiltinModels.BionasSmall()), ModelSpecJson.ToJsonString(small));
        Assert.Equal(12, deep.Outputs);
    }
}
