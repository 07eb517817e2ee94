using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class DenseTests
{
    [Theory]
    [InlineData(Activation.Identity, 1)]
    [InlineData(Activation.Sigmoid, 1)]
    [InlineData(Activation.Tanh, 2)]
    public void Dense_GradientMatchesFiniteDifferences(Activation activation, int threads)
    {
        var dense = new Dense(19, activation);
        dense.Build([13], new Random(1));
        var x = GradientCheck.Random(2, -1f, 1f, 5, 13);
        GradientCheck.CheckLayer(dense, x, threads: threads);
    }

    [Fact]
    public void Dense_ForwardIsLinearWithPyTorchWeightLayout()
    {
        var dense = new Dense(2);
        dense.Build([3], new Random(1));
        dense.SetState("", new Dictionary<string, StateEntry>
        {
            ["weight"] = new("weight", [2, 3], [1, 2, 3, 4, 5, 6]),
            ["bias"] = new("bias", [2], [0.5f, -1f]),
        });
        using var ctx = LayerContext.Create();
        var y = dense.Forward(new Tensor([1, 0, -1, 2, 2, 2], 2, 3), ctx);
        Assert.Equal([1 - 3 + 0.5f, 4 - 6 - 1f, 12 + 0.5f, 30 - 1f], y.Span.ToArray());
    }

    [Fact]
    public void Dense_RejectsSequenceInput()
    {
        Assert.Throws<ArgumentException>(() => new Dense(3).Build([10, 4], new Random(0)));
    }
}
