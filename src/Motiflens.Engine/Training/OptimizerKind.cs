namespace Motiflens.Engine.Training;

/// <summary>The optimiser a <see cref="Trainer"/> uses.</summary>
public enum OptimizerKind
{
    /// <summary>Adam with PyTorch defaults (β = 0.9, 0.999; ε = 1e-8).</summary>
    Adam,

    /// <summary>SGD with momentum (<see cref="TrainingOptions.Momentum"/>).</summary>
    Sgd,
}
