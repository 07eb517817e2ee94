using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;
using Motiflens.Search.Population;

namespace Motiflens.Search.Tests.Population;

public class PopulationGridTests
{
    [Fact]
    public void Paper_Has112MembersWithUniqueIdsInGridOrder()
    {
        var members = PopulationGrid.Paper.Members(baseSeed: 10);
        Assert.Equal(112, PopulationGrid.Paper.Count);
        Assert.Equal(112, members.Count);
        Assert.Equal(112, members.Select(m => m.Id).Distinct().Count());
        Assert.Equal(new PopulationMember("bn-relu-none-s10", true, "relu", RegularizationKind.None, 10), members[0]);
        Assert.Equal(new PopulationMember("bn-relu-none-s13", true, "relu", RegularizationKind.None, 13), members[3]);
        Assert.Equal(new PopulationMember("bn-relu-input_mixup-s10", true, "relu", RegularizationKind.InputMixup, 10), members[4]);
        Assert.Equal(new PopulationMember("nobn-exponential-spectral_norm-s13", false, "exponential", RegularizationKind.SpectralNorm, 13), members[^1]);
        Assert.Equal(56, members.Count(m => m.BatchNorm));
        Assert.All(RegularizationNames.All, r => Assert.Equal(16, members.Count(m => m.Regularization == r)));
    }

    [Fact]
    public void Small_Has8BatchnormMembersOfTwoRegularisations()
    {
        var members = PopulationGrid.Small.Members(0);
        Assert.Equal(8, members.Count);
        Assert.All(members, m => Assert.True(m.BatchNorm));
        Assert.Equal([RegularizationKind.None, RegularizationKind.InputNoise], members.Select(m => m.Regularization).Distinct().Order());
        Assert.Equal(4, PopulationGrid.Small.Training.Epochs);
    }

    [Fact]
    public void Strengths_SwitchOnExactlyTheNamedRegulariser()
    {
        var s = RegularizationStrengths.Default;
        var noisy = new TrainingOptions { InputNoiseStd = 0.5, SpectralNormPenalty = 1, Adversarial = AdversarialKind.Fgsm, L2 = 0.001 };
        var none = s.Apply(noisy, RegularizationKind.None);
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0, AdversarialKind.None), Regs(none));
        Assert.Equal(0.001, none.L2);
        Assert.Equal((0.2, 0.0, 0.0, 0.0, 0.0, AdversarialKind.None), Regs(s.Apply(noisy, RegularizationKind.InputMixup)));
        Assert.Equal((0.0, 0.2, 0.0, 0.0, 0.0, AdversarialKind.None), Regs(s.Apply(noisy, RegularizationKind.ManifoldMixup)));
        Assert.Equal((0.0, 0.0, 0.15, 0.0, 0.0, AdversarialKind.None), Regs(s.Apply(noisy, RegularizationKind.InputNoise)));
        Assert.Equal((0.0, 0.0, 0.0, 0.1, 0.0, AdversarialKind.None), Regs(s.Apply(noisy, RegularizationKind.ManifoldNoise)));
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.01, AdversarialKind.None), Regs(s.Apply(noisy, RegularizationKind.SpectralNorm)));
        var adversarial = s.Apply(noisy, RegularizationKind.Adversarial);
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0, AdversarialKind.Pgd), Regs(adversarial));
        Assert.Equal((0.03, 3, 0.015), (adversarial.AdversarialEpsilon, adversarial.PgdSteps, adversarial.PgdStepSize));
    }

    [Fact]
    public void Tasks_CarryTheMembersSeedRegulariserAndVariant()
    {
        var tasks = PopulationGrid.Paper.Tasks(baseSeed: 0, "/data/code.npz", length: 200);
        var task = tasks.Single(t => t.Member.Id == "nobn-relu-manifold_noise-s2");
        Assert.Equal(2, task.Training.Seed);
        Assert.Equal(0.1, task.Training.ManifoldNoiseStd);
        Assert.Equal(15, task.Training.Epochs);
        Assert.DoesNotContain(task.Spec.Layers, l => l.Type == LayerType.BatchNorm);
        Assert.Equal(13, task.Spec.Layers.Count);
        Assert.Equal(ActivationKind.Relu, task.Spec.Layers[1].Activation);
        Assert.Equal("/data/code.npz", task.Data);
        var bn = tasks.Single(t => t.Member.Id == "bn-exponential-none-s0");
        Assert.Equal(3, bn.Spec.Layers.Count(l => l.Type == LayerType.BatchNorm));
        Assert.Equal(ActivationKind.Exponential, bn.Spec.Layers[2].Activation);
        // Only the first-layer activation changes; the second block stays relu.
        Assert.Equal(ActivationKind.Relu, bn.Spec.Layers[7].Activation);
    }

    [Fact]
    public void Variant_SetsAConvolutionsOwnActivation_AndRejectsSpecsWithoutOne()
    {
        var spec = new ModelSpec
        {
            InputLength = 20,
            Layers =
            [
                new LayerSpec { Type = LayerType.Conv1d, Filters = 2, KernelSize = 3, Activation = ActivationKind.Relu },
                new LayerSpec { Type = LayerType.GlobalMaxPool1d },
                new LayerSpec { Type = LayerType.Dense, Units = 1, Activation = ActivationKind.Sigmoid },
            ],
        };
        Assert.Equal(ActivationKind.Exponential, PopulationSpecs.Variant(spec, true, "exponential").Layers[0].Activation);
        var linear = spec with { Layers = [spec.Layers[0] with { Activation = ActivationKind.Linear }, .. spec.Layers.Skip(1)] };
        var ex = Assert.Throws<ArgumentException>(() => PopulationSpecs.Variant(linear, true, "relu"));
        Assert.Contains("no activation layer follows", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PopulationSpecs.Variant(spec, true, "swish"));
    }

    private static (double, double, double, double, double, AdversarialKind) Regs(TrainingOptions o) =>
        (o.InputMixupAlpha, o.ManifoldMixupAlpha, o.InputNoiseStd, o.ManifoldNoiseStd, o.SpectralNormPenalty, o.Adversarial);
}
