using Motiflens.Engine.Spec;
using Motiflens.IO;

namespace Motiflens.Engine.Tests.Spec;

public class ShapeInferenceTests
{
    [Fact]
    public void Infer_DeepMatchesTheBenchmarkLengths()
    {
        var shapes = ShapeInference.Infer(BuiltinModels.Deep());
        Assert.Equal(ActivationShape.Sequence(32, 200), shapes[0]);
        Assert.Equal(ActivationShape.Sequence(32, 50), shapes[3]);
        Assert.Equal(ActivationShape.Sequence(64, 12), shapes[7]);
        Assert.Equal(ActivationShape.Sequence(96, 6), shapes[11]);
        Assert.Equal(ActivationShape.Flat(576), shapes[12]);
        Assert.Equal(ActivationShape.Flat(12), shapes[^1]);
    }

    [Fact]
    public void Infer_BionasSmallMatchesTheBenchmarkLengths()
    {
        var shapes = ShapeInference.Infer(BuiltinModels.BionasSmall());
        Assert.Equal(ActivationShape.Sequence(10, 181), shapes[0]);
        Assert.Equal(ActivationShape.Sequence(10, 45), shapes[1]);
        Assert.Equal(ActivationShape.Flat(450), shapes[2]);
    }

    [Fact]
    public void Infer_StridedDilatedValidConvFollowsPyTorchArithmetic()
    {
        // floor((L - dilation*(k-1) - 1) / stride) + 1 = floor((50 - 2*4 - 1)/3) + 1 = 14.
        var spec = Spec(50, """{"type": "conv1d", "filters": 5, "kernel_size": 5, "dilation": 2, "stride": 3}""");
        Assert.Equal(ActivationShape.Sequence(5, 14), ShapeInference.Infer(spec)[0]);
    }

    [Fact]
    public void Infer_PoolLongerThanInputIsAnError()
    {
        var ex = Assert.Throws<InputException>(() => Spec(8, """{"type": "conv1d", "filters": 2, "kernel_size": 5}""", """{"type": "maxpool1d", "pool_size": 6}"""));
        Assert.Equal("m.json: layers[1]: pool_size 6 is longer than its input (length 4)", ex.Message);
    }

    [Fact]
    public void Infer_DenseOnSequenceNeedsFlatten()
    {
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse(
            """{"input": {"length": 8}, "layers": [{"type": "dense", "units": 1, "activation": "sigmoid"}]}""", "m.json"));
        Assert.Contains("layers[0]: dense needs a flat input", ex.Message);
    }

    [Fact]
    public void Infer_ResidualMustKeepItsShape()
    {
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse("""
            {"input": {"length": 8}, "layers": [
              {"type": "residual", "layers": [{"type": "conv1d", "filters": 3, "kernel_size": 3, "padding": "same"}]},
              {"type": "flatten"}, {"type": "dense", "units": 1, "activation": "sigmoid"}]}
            """, "m.json"));
        Assert.Equal("m.json: layers[0]: a residual block must keep its input shape (4, 8), but its layers give (3, 8); use padding 'same' and as many filters as input channels", ex.Message);
    }

    [Fact]
    public void Infer_BceNeedsSigmoidOutput()
    {
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse(
            """{"input": {"length": 8}, "layers": [{"type": "flatten"}, {"type": "dense", "units": 1}], "loss": "bce"}""", "m.json"));
        Assert.Equal("m.json: layers[1]: loss 'bce' needs a sigmoid output activation, but the last layer's activation is 'linear'", ex.Message);
    }

    [Fact]
    public void Infer_ModelMustEndFlat()
    {
        var ex = Assert.Throws<InputException>(() => ModelSpecJson.Parse(
            """{"input": {"length": 8}, "layers": [{"type": "conv1d", "filters": 1, "kernel_size": 3, "activation": "sigmoid"}]}""", "m.json"));
        Assert.Contains("must end in a flat (N, outputs) output", ex.Message);
    }

    [Fact]
    public void WithOutputs_ChangesTheLastDense()
    {
        var spec = BuiltinModels.Get("deep", 200, outputs: 3)!;
        Assert.Equal(3, spec.Outputs);
        Assert.Null(BuiltinModels.Get("nope"));
    }

    private static ModelSpec Spec(int length, params string[] layers) => ModelSpecJson.Parse(
        $$"""{"input": {"length": {{length}}}, "layers": [{{string.Join(", ", layers)}}, {"type": "flatten"}, {"type": "dense", "units": 1, "activation": "sigmoid"}]}""",
        "m.json");
}
