namespace Motiflens.Engine.Training;

/// <summary>Adversarial training on the one-hot input (<see cref="TrainingOptions.Adversarial"/>).</summary>
public enum AdversarialKind
{
    /// <summary>No adversarial examples.</summary>
    None,

    /// <summary>Fast gradient sign method (Goodfellow et al. 2015): one step x + ε·sign(∇ₓ loss).</summary>
    Fgsm,

    /// <summary>Projected gradient descent (Madry et al. 2018): several signed steps, projected onto the ε-ball around x.</summary>
    Pgd,
}
