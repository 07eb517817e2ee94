using Motiflens.Engine.Checkpoints;
using Motiflens.Engine.Losses;
using Motiflens.Engine.Optim;
using Motiflens.Engine.Spec;
using Motiflens.IO;

namespace Motiflens.Engine.Tests.Training;

/// <summary>
/// Reproduces the PyTorch fixtures of tools/make_engine_golden.py (tests/TestData/engine): models built from
/// their specs — conv + batchnorm + relu + maxpool + flatten + dense ("golden"), and same padding with an even
/// dilated kernel, a residual block, average pooling, a strided conv and an SFC output ("golden_residual") —
/// must give PyTorch's logits, loss, weight and input gradients and the weights after three Adam steps.
/// </summary>
public class GoldenPyTorchTests
{
    private const double Relative = 1e-4;
    private const double AbsoluteFloor = 1e-6;

    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "TestData", "engine");

    [Theory]
    [InlineData("golden")]
    [InlineData("golden_residual")]
    public void Golden_TrainModeForwardLossAndGradientsMatchPyTorch(string fixture)
    {
        using var fx = new Fixture(fixture);
        fx.Model.Training = true;
        var logits = fx.Model.Forward(fx.X).Clone();
        AssertClose("logits", fx.Npz.Get("logits").ToFloat32(), logits.Span);

        var grad = new Tensor(logits.ShapeArray());
        float loss = new BinaryCrossEntropyWithLogits().Compute(logits, fx.Y, grad);
        AssertClose("loss", fx.Npz.Get("loss").ToFloat32(), [loss]);

        fx.Model.ZeroGrad();
        var dx = fx.Model.Backward(grad, inputGradient: true)!;
        AssertClose("input_grad", fx.Npz.Get("input_grad").ToFloat32(), dx.Span);

        var grads = GradientState(fx.Model);
        foreach (var key in fx.Npz.Keys.Where(k => k.StartsWith("grad.", StringComparison.Ordinal)))
        {
            var name = key["grad.".Length..];
            Assert.True(grads.ContainsKey(name), $"no gradient for {name}");
            Assert.Equal(fx.Npz.Get(key).Shape, grads[name].Shape);
            AssertClose(key, fx.Npz.Get(key).ToFloat32(), grads[name].Data);
        }
    }

    [Theory]
    [InlineData("golden")]
    [InlineData("golden_residual")]
    public void Golden_CategoricalInputGivesTheSameLogits(string fixture)
    {
        using var fx = new Fixture(fixture);
        fx.Model.Training = true;
        var codes = fx.Npz.Get("codes").Get<byte>();
        var logits = fx.Model.Forward(codes, fx.X.Dim(0));
        AssertClose("logits (codes)", fx.Npz.Get("logits").ToFloat32(), logits.Span);
    }

    [Theory]
    [InlineData("golden")]
    [InlineData("golden_residual")]
    public void Golden_EvalModeUsesRunningStatistics(string fixture)
    {
        using var fx = new Fixture(fixture);
        fx.Model.Training = false;
        var logits = fx.Model.Forward(fx.X, recordGradients: false);
        AssertClose("logits_eval", fx.Npz.Get("logits_eval").ToFloat32(), logits.Span);
    }

    [Theory]
    [InlineData("golden")]
    [InlineData("golden_residual")]
    public void Golden_ThreeAdamStepsMatchPyTorch(string fixture)
    {
        using var fx = new Fixture(fixture);
        fx.Model.Training = true;
        var adam = new Adam(fx.Model.TrainableParameters, learningRate: 0.01f);
        var bce = new BinaryCrossEntropyWithLogits();
        var losses = new float[3];
        for (int step = 0; step < 3; step++)
        {
            fx.Model.ZeroGrad();
            var logits = fx.Model.Forward(fx.X);
            var grad = new Tensor(logits.ShapeArray());
            losses[step] = bce.Compute(logits, fx.Y, grad);
            fx.Model.Backward(grad);
            adam.Step();
        }

        AssertClose("adam3_losses", fx.Npz.Get("adam3_losses").ToFloat32(), losses);
        var state = fx.Model.StateDict().ToDictionary(e => e.Key);
        int checkedKeys = 0;
        foreach (var key in fx.Npz.Keys.Where(k => k.StartsWith("adam3.", StringComparison.Ordinal)))
        {
            var name = key["adam3.".Length..];
            AssertClose(key, fx.Npz.Get(key).ToFloat32(), state[name].Data);
            checkedKeys++;
        }

        Assert.Equal(state.Count, checkedKeys);
    }

    /// <summary>Gradients in PyTorch names and shapes: the state dict computed with each gradient in place of its value.</summary>
    internal static Dictionary<string, StateEntry> GradientState(Model model)
    {
        var saved = model.NamedParameters.Select(p => p.Parameter.Value.Span.ToArray()).ToArray();
        try
        {
            foreach (var p in model.NamedParameters)
            {
                p.Parameter.Grad.Span.CopyTo(p.Parameter.Value.Span);
            }

            var trainable = model.NamedParameters.Where(p => p.Parameter.Trainable).Select(p => p.Key).ToHashSet();
            return model.StateDict().Where(e => trainable.Contains(e.Key)).ToDictionary(e => e.Key);
        }
        finally
        {
            for (int i = 0; i < saved.Length; i++)
            {
                saved[i].CopyTo(model.NamedParameters[i].Parameter.Value.Span);
            }
        }
    }

    private static void AssertClose(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            double tolerance = Math.Max(AbsoluteFloor, Relative * Math.Abs(e));
            Assert.True(Math.Abs(e - a) <= tolerance, $"{what}[{i}]: expected {e:R}, got {a:R} (tolerance {tolerance:G3})");
        }
    }

    private sealed class Fixture : IDisposable
    {
        public Fixture(string fixture)
        {
            Npz = NpzArchive.Open(Path.Combine(Dir, fixture + ".npz"));
            var spec = ModelSpecJson.Load(Path.Combine(Dir, fixture + "_spec.json"));
            Model = ModelBuilder.Build(spec, seed: 1, threads: 2);
            var init = Npz.Keys.Where(k => k.StartsWith("init.", StringComparison.Ordinal))
                .Select(k => new StateEntry(k["init.".Length..], Npz.Get(k).Shape, Npz.Get(k).ToFloat32()));
            Model.LoadStateDict(init);
            var x = Npz.Get("x");
            X = new Tensor(x.ToFloat32(), x.Shape);
            var y = Npz.Get("y");
            Y = new Tensor(y.ToFloat32(), y.Shape);
        }

        public NpzArchive Npz { get; }

        public Model Model { get; }

        public Tensor X { get; }

        public Tensor Y { get; }

        public void Dispose()
        {
            Model.Dispose();
            Npz.Dispose();
        }
    }
}
