namespace Motiflens.Engine.Training;

/// <summary>
/// Settings of one training run. Same options, data, seed and <see cref="Threads"/> give bit-identical weights.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Maximum number of passes over the training data.</summary>
    public int Epochs { get; init; } = 20;

    public int BatchSize { get; init; } = 128;

    /// <summary>Initial learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seed of weight initialisation, shuffling and dropout.</summary>
    public int Seed { get; init; }

    /// <summary>Worker threads for the engine's kernels.</summary>
    public int Threads { get; init; } = 1;

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Decoupled-from-loss weight decay as in torch.optim (added to the gradient); 0 = off.</summary>
    public double WeightDecay { get; init; }

    /// <summary>L1 penalty λ·Σ|w| on weights (not biases or batchnorm) added to the loss; 0 = off.</summary>
    public double L1 { get; init; }

    /// <summary>L2 penalty λ·Σw² on weights (not biases or batchnorm) added to the loss; 0 = off.</summary>
    public double L2 { get; init; }

    /// <summary>Clip the global L2 norm of all gradients to this value before each step (PyTorch clip_grad_norm_); 0 = off.</summary>
    public double ClipNorm { get; init; }

    /// <summary>Early stopping: stop after this many epochs without a better validation loss (0 = never stop early).</summary>
    public int Patience { get; init; } = 5;

    /// <summary>At the end, restore the weights of the epoch with the best validation loss.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Reduce-on-plateau: multiply the learning rate by this factor ...</summary>
    public double LrFactor { get; init; } = 0.2;

    /// <summary>... after this many epochs without a better validation loss (0 = off).</summary>
    public int LrPatience { get; init; } = 3;

    /// <summary>Reduce-on-plateau never goes below this learning rate.</summary>
    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>Input mixup (Zhang et al. 2018): each batch is mixed with a shuffled copy of itself, inputs and targets alike, with λ ~ Beta(α, α); this is α, 0 = off.</summary>
    public double InputMixupAlpha { get; init; }

    /// <summary>Manifold mixup (Verma et al. 2019): as input mixup, but at the output of a hidden layer drawn per batch; this is α, 0 = off.</summary>
    public double ManifoldMixupAlpha { get; init; }

    /// <summary>Gaussian noise N(0, σ²) added to the one-hot input during training; this is σ, 0 = off.</summary>
    public double InputNoiseStd { get; init; }

    /// <summary>Gaussian noise N(0, σ²) added to the output of every hidden layer block during training; this is σ, 0 = off.</summary>
    public double ManifoldNoiseStd { get; init; }

    /// <summary>Adversarial training on the one-hot input: none, FGSM or PGD.</summary>
    public AdversarialKind Adversarial { get; init; } = AdversarialKind.None;

    /// <summary>L∞ radius ε of the adversarial perturbation.</summary>
    public double AdversarialEpsilon { get; init; } = 0.1;

    /// <summary>PGD: number of signed-gradient steps.</summary>
    public int PgdSteps { get; init; } = 5;

    /// <summary>PGD: size of each step (before projection onto the ε-ball).</summary>
    public double PgdStepSize { get; init; } = 0.04;

    /// <summary>Spectral-norm regularisation (Yoshida &amp; Miyato 2017): adds this coefficient × Σ σ_max(W)² over weight matrices to the loss; 0 = off.</summary>
    public double SpectralNormPenalty { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for values no run can use.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentException($"epochs must be at least 1; got {Epochs}");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"batch size must be at least 1; got {BatchSize}");
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentException($"learning rate must be a positive number; got {LearningRate}");
        }

        if (Threads < 1)
        {
            throw new ArgumentException($"threads must be at least 1; got {Threads}");
        }

        if (Patience < 0 || LrPatience < 0)
        {
            throw new ArgumentException("patience must not be negative");
        }

        if (InputMixupAlpha < 0 || ManifoldMixupAlpha < 0 || InputNoiseStd < 0 || ManifoldNoiseStd < 0 || SpectralNormPenalty < 0
            || !double.IsFinite(InputMixupAlpha + ManifoldMixupAlpha + InputNoiseStd + ManifoldNoiseStd + SpectralNormPenalty))
        {
            throw new ArgumentException("mixup alphas, noise standard deviations and the spectral-norm penalty must be finite and non-negative");
        }

        if (Adversarial != AdversarialKind.None && (!(AdversarialEpsilon > 0) || !double.IsFinite(AdversarialEpsilon) || PgdSteps < 1 || !(PgdStepSize > 0)))
        {
            throw new ArgumentException("adversarial training needs epsilon > 0, PGD steps >= 1 and a PGD step size > 0");
        }

        if (L1 < 0 || L2 < 0 || WeightDecay < 0 || ClipNorm < 0 || !(LrFactor > 0 && LrFactor <= 1) || MinLearningRate < 0)
        {
            throw new ArgumentException("penalties must be non-negative and the LR factor in (0, 1]");
        }
    }
}
