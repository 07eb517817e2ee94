using Motiflens.Engine.Layers;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class ManifoldRegulariserTests
{
    private static Layer[] SmallDeep() =>
    [
        new Conv1d(6, 5, padding: Padding.Same),
        new BatchNorm(),
        new ActivationLayer(Activation.Softplus),
        new AvgPool1d(2),
        new Conv1d(4, 3, padding: Padding.Same, activation: Activation.Tanh),
        new Flatten(),
        new Dense(5, Activation.Sigmoid),
        new Dense(2),
    ];

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(7)]
    public void Mixing_GradientMatchesFiniteDifferences(int layer)
    {
        // Training mode, so the batch-norm layer uses batch statistics; π = (2, 0, 0) reads sample 0 twice.
        using var model = new Model(12, 4, SmallDeep(), seed: 3) { Training = true };
        var hook = new ManifoldRegulariser([], 0, null);
        hook.SetMixing(layer, 0.3f, [2, 0, 0]);
        model.Hook = hook;
        var x = GradientCheck.Random(1, -1f, 1f, 3, 12, 4);
        GradientCheck.CheckModel(model, x);
    }

    [Fact]
    public void Mixing_ChangesTheOutputExactlyAsMixedActivationsDo()
    {
        // Mixing the input of the output layer (a dense layer, linear) mixes the logits minus bias with the same λ and π.
        using var model = new Model(12, 4, SmallDeep(), seed: 3);
        var x = GradientCheck.Random(4, 0f, 1f, 3, 12, 4);
        var plain = model.Forward(x).Clone();
        var bias = ((Dense)model.Layers[7]).Parameters[1].Value.Span.ToArray();
        var hook = new ManifoldRegulariser([], 0, null);
        hook.SetMixing(7, 0.75f, [1, 2, 0]);
        model.Hook = hook;
        var mixed = model.Forward(x);
        for (int i = 0; i < 3; i++)
        {
            int j = i == 2 ? 0 : i + 1;
            for (int o = 0; o < 2; o++)
            {
                double expected = 0.75 * (plain.Data[i * 2 + o] - bias[o]) + 0.25 * (plain.Data[j * 2 + o] - bias[o]) + bias[o];
                Assert.Equal(expected, mixed.Data[i * 2 + o], 5);
            }
        }

        // Eval-mode inference without a tape ignores the hook.
        model.Hook = hook;
        var inference = model.Forward(x, recordGradients: false);
        Assert.Equal(plain.Span.ToArray(), inference.Span.ToArray());
    }

    [Fact]
    public void Noise_HasTheRequestedStandardDeviationAndAnIdentityGradient()
    {
        var hook = new ManifoldRegulariser([3], 0.4, new Random(1));
        Assert.True(hook.AppliesBefore(3));
        Assert.False(hook.AppliesBefore(2));
        var h = new Tensor(500, 20, 4);
        h.Span.Fill(1f);
        var y = hook.Forward(3, h).Span.ToArray();
        Assert.All(h.Span.ToArray(), v => Assert.Equal(1f, v)); // the input is not modified
        double mean = y.Average();
        double sd = Math.Sqrt(y.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(1.0, mean, 0.01);
        Assert.Equal(0.4, sd, 0.01);
        var g = new Tensor(500, 20, 4);
        g.Span.Fill(2f);
        Assert.Same(g, hook.Backward(3, g));
    }
}
