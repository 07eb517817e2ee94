using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class BatchRegularisersTests
{
    private const int L = 20;

    private static ModelSpec Spec() => ModelSpecJson.Parse($$"""
        {"input": {"length": {{L}}}, "layers": [
          {"type": "conv1d", "filters": 4, "kernel_size": 6, "activation": "relu"},
          {"type": "global_maxpool1d"},
          {"type": "dense", "units": 1, "activation": "sigmoid"}]}
        """, "small.json");

    private static (byte[] Codes, float[] Targets, float[] OneHot) Batch(int n, int seed)
    {
        var data = MotifTask.Create(n, L, seed);
        var codes = new byte[n * L];
        var targets = new float[n];
        data.FillBatch(Enumerable.Range(0, n).ToArray(), codes, targets);
        var x = new float[n * L * 4];
        for (int i = 0; i < n * L; i++)
        {
            x[i * 4 + codes[i]] = 1f;
        }

        return (codes, targets, x);
    }

    private static (BatchRegularisers Regularisers, float Loss) Step(Model model, TrainingOptions options, byte[] codes, float[] targets, int n)
    {
        model.Training = true;
        var r = new BatchRegularisers(model, Trainer.LossFor(LossKind.Bce), options, n);
        model.ZeroGrad();
        float loss = r.Step(codes, targets, n, L, 1, new Tensor(n, 1));
        return (r, loss);
    }

    [Fact]
    public void InputMixup_InputsAndTargetsAreTheConvexCombinations()
    {
        using var model = ModelBuilder.Build(Spec(), seed: 1);
        var (codes, targets, x) = Batch(16, 3);
        var (r, loss) = Step(model, new TrainingOptions { InputMixupAlpha = 0.4, Seed = 5 }, codes, targets, 16);
        var (lambda, perm) = (r.InputMixupLambda, r.InputMixupPermutation);
        Assert.NotNull(perm);
        Assert.InRange(lambda, 0f, 1f);
        Assert.NotEqual(Enumerable.Range(0, 16), perm!);
        var input = r.Input.ToArray();
        int s = L * 4;
        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < s; j++)
            {
                Assert.Equal((lambda * x[i * s + j]) + ((1 - lambda) * x[perm![i] * s + j]), input[i * s + j]);
            }

            Assert.Equal((lambda * targets[i]) + ((1 - lambda) * targets[perm![i]]), r.Targets[i]);
        }

        Assert.True(float.IsFinite(loss));
    }

    [Fact]
    public void InputMixup_AMissingTargetIsMaskedInTheMixedBatch()
    {
        using var model = ModelBuilder.Build(Spec(), seed: 1);
        var (codes, targets, _) = Batch(8, 3);
        targets[2] = float.NaN;
        var (r, loss) = Step(model, new TrainingOptions { InputMixupAlpha = 1, Seed = 2 }, codes, targets, 8);
        var perm = r.InputMixupPermutation!;
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(i == 2 || perm[i] == 2, float.IsNaN(r.Targets[i]));
        }

        Assert.True(float.IsFinite(loss));
        Assert.True(float.IsNaN(targets[2])); // the caller's targets are not modified
    }

    [Fact]
    public void InputNoise_HasTheRequestedStandardDeviation()
    {
        using var model = ModelBuilder.Build(Spec(), seed: 1);
        var (codes, targets, x) = Batch(64, 4);
        var (r, _) = Step(model, new TrainingOptions { InputNoiseStd = 0.3, Seed = 1 }, codes, targets, 64);
        var noise = r.Input.ToArray().Select((v, i) => (double)v - x[i]).ToArray();
        double mean = noise.Average();
        double sd = Math.Sqrt(noise.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(0, mean, 0.01);
        Assert.Equal(0.3, sd, 0.01);
    }

    [Fact]
    public void Fgsm_TheAdversarialInputIsXPlusEpsilonTimesTheSignOfTheInputGradient()
    {
        using var model = ModelBuilder.Build(Spec(), seed: 1);
        var (codes, targets, x) = Batch(16, 6);
        var (r, loss) = Step(model, new TrainingOptions { Adversarial = AdversarialKind.Fgsm, AdversarialEpsilon = 0.1, Seed = 1 }, codes, targets, 16);
        Assert.Equal(x, r.Input.ToArray());

        // The input gradient of the (unscaled) clean loss, computed independently on the same weights.
        var xt = new Tensor((float[])x.Clone(), 16, L, 4);
        var grad = new Tensor(16, 1);
        var bce = Trainer.LossFor(LossKind.Bce);
        float clean = bce.Compute(model.Forward(xt), new Tensor(targets, 16, 1), grad);
        var g = model.Backward(grad, inputGradient: true, weightGradients: false)!.Span.ToArray();
        var adv = r.AdversarialInput.ToArray();
        int moved = 0;
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] + (0.1f * MathF.Sign(g[i])), adv[i]);
            moved += g[i] != 0 ? 1 : 0;
        }

        Assert.True(moved > x.Length / 4, $"only {moved} of {x.Length} inputs have a non-zero gradient");

        // The training loss is the mean of the clean and the adversarial loss; the adversarial one is larger.
        float adversarial = bce.Compute(model.Forward(new Tensor(adv, 16, L, 4)), new Tensor(targets, 16, 1), grad);
        Assert.Equal(0.5f * (clean + adversarial), loss, 5);
        Assert.True(adversarial > clean);
    }

    [Fact]
    public void Pgd_StaysInTheEpsilonBallAndIncreasesTheLoss()
    {
        using var model = ModelBuilder.Build(Spec(), seed: 1);
        var (codes, targets, x) = Batch(16, 6);
        var options = new TrainingOptions { Adversarial = AdversarialKind.Pgd, AdversarialEpsilon = 0.2, PgdSteps = 4, PgdStepSize = 0.08, Seed = 1 };
        var (r, loss) = Step(model, options, codes, targets, 16);
        var adv = r.AdversarialInput.ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            Assert.InRange(adv[i], x[i] - 0.2f, x[i] + 0.2f);
        }

        var bce = Trainer.LossFor(LossKind.Bce);
        var y = new Tensor(targets, 16, 1);
        float clean = bce.Compute(model.Forward(new Tensor(x, 16, L, 4)), y);
        float attacked = bce.Compute(model.Forward(new Tensor(adv, 16, L, 4)), y);
        Assert.True(attacked > clean, $"adversarial loss {attacked} vs clean {clean}");
        Assert.Equal(0.5f * (clean + attacked), loss, 5);
    }
}
