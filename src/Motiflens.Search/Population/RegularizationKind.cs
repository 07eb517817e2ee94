namespace Motiflens.Search.Population;

/// <summary>
/// The regularisation setting of one population member (issue 10: the choices that spread interpretability at
/// matched performance). Each value switches on exactly one <see cref="Engine.Training.TrainingOptions"/>
/// regulariser with the strength given by <see cref="RegularizationStrengths"/>.
/// </summary>
public enum RegularizationKind
{
    /// <summary>No regulariser beyond the architecture's dropout.</summary>
    None,

    /// <summary>Input mixup with α = <see cref="RegularizationStrengths.InputMixupAlpha"/>.</summary>
    InputMixup,

    /// <summary>Manifold mixup with α = <see cref="RegularizationStrengths.ManifoldMixupAlpha"/>.</summary>
    ManifoldMixup,

    /// <summary>Gaussian noise on the one-hot input, σ = <see cref="RegularizationStrengths.InputNoiseStd"/>.</summary>
    InputNoise,

    /// <summary>Gaussian noise on hidden layers, σ = <see cref="RegularizationStrengths.ManifoldNoiseStd"/>.</summary>
    ManifoldNoise,

    /// <summary>Adversarial training (FGSM or PGD) on the input, ε = <see cref="RegularizationStrengths.AdversarialEpsilon"/>.</summary>
    Adversarial,

    /// <summary>Spectral-norm penalty with coefficient <see cref="RegularizationStrengths.SpectralNormPenalty"/>.</summary>
    SpectralNorm,
}
