namespace Motiflens.Engine.Spec;

/// <summary>Training losses a spec may name.</summary>
public enum LossKind
{
    /// <summary><c>"bce"</c>: binary cross-entropy from logits, one column per task (multitask).</summary>
    Bce,

    /// <summary><c>"mse"</c>: mean squared error.</summary>
    Mse,

    /// <summary><c>"poisson"</c>: Poisson negative log-likelihood.</summary>
    Poisson,

    /// <summary><c>"categorical_crossentropy"</c>: softmax cross-entropy over the outputs (one-hot targets).</summary>
    CategoricalCrossentropy,
}
