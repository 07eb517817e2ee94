namespace Motiflens.Search.Controllers;

/// <summary>Hyper-parameters of the LSTM controller and its policy updates. Start from <see cref="BioNas"/> or <see cref="Amber"/>.</summary>
public sealed record ControllerOptions
{
    /// <summary>Hidden units of the LSTM cell.</summary>
    public int LstmUnits { get; init; } = 50;

    /// <summary>Size of the embedding of a previous choice fed to the next step.</summary>
    public int EmbeddingSize { get; init; } = 8;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Decay of the exponential-moving-average reward baseline: b ← d·b + (1−d)·mean episode reward.</summary>
    public double BaselineDecay { get; init; } = 0.9;

    /// <summary>Weight of the entropy bonus (per step, summed over layers).</summary>
    public double EntropyWeight { get; init; } = 0.001;

    /// <summary>How advantages are scaled (see <see cref="AdvantageScaling"/>).</summary>
    public AdvantageScaling AdvantageScaling { get; init; } = AdvantageScaling.BufferStandardDeviation;

    /// <summary>How many recent episodes the buffer keeps (reward scale; PPO trains on all of them).</summary>
    public int BufferEpisodes { get; init; } = 5;

    /// <summary>PPO clipping range ε of the probability ratio.</summary>
    public double Clip { get; init; } = 0.2;

    /// <summary>PPO: gradient epochs over the buffer per update.</summary>
    public int PpoEpochs { get; init; } = 10;

    /// <summary>PPO: stop the epochs early when the mean approximate KL to the sampling policy exceeds 1.5× this.</summary>
    public double TargetKl { get; init; } = 0.05;

    /// <summary>Clip the global gradient norm to this (0 = off).</summary>
    public double MaxGradNorm { get; init; } = 5;

    /// <summary>Scale of the initial output-head weights (small, so the first choices are nearly uniform).</summary>
    public double HeadInitScale { get; init; } = 0.05;

    /// <summary>
    /// BioNAS controller: 50 LSTM units, embedding 8, Adam, advantages scaled by the reciprocal reward magnitude as
    /// BioNAS scales its surrogate (<see cref="AdvantageScaling.RewardMagnitude"/>).
    /// </summary>
    public static ControllerOptions BioNas => new() { AdvantageScaling = AdvantageScaling.RewardMagnitude };

    /// <summary>
    /// AMBER-style controller (use with REINFORCE): a smaller LSTM (32 units), a longer episode buffer (15) and a
    /// slower baseline.
    /// </summary>
    public static ControllerOptions Amber => new() { LstmUnits = 32, EmbeddingSize = 8, BufferEpisodes = 15, BaselineDecay = 0.95 };

    /// <summary>Throws <see cref="ArgumentException"/> on values that cannot work.</summary>
    public void Validate()
    {
        if (LstmUnits < 1 || EmbeddingSize < 1 || BufferEpisodes < 1 || PpoEpochs < 1)
        {
            throw new ArgumentException("controller sizes, buffer and epochs must be at least 1");
        }

        if (!(LearningRate > 0) || BaselineDecay is < 0 or >= 1 || !(Clip > 0) || EntropyWeight < 0 || MaxGradNorm < 0)
        {
            throw new ArgumentException("controller learning rate and clip must be positive, baseline decay in [0, 1), entropy weight and gradient clip non-negative");
        }
    }
}
