namespace Motiflens.Engine.Optim;

/// <summary>
/// Stochastic gradient descent with momentum as PyTorch: g = grad + weightDecay·p; buf = g on the first step,
/// then buf = momentum·buf + (1 − dampening)·g; g = nesterov ? g + momentum·buf : buf; p −= lr·g.
/// </summary>
/// <remarks>PyTorch equivalent: <c>torch.optim.SGD(params, lr, momentum, dampening, weight_decay, nesterov)</c>.</remarks>
public sealed class Sgd : Optimizer
{
    private readonly Dictionary<Parameter, float[]> _buffers = [];

    /// <summary>Creates the optimiser.</summary>
    public Sgd(IEnumerable<Parameter> parameters, float learningRate, float momentum = 0f, float dampening = 0f,
        bool nesterov = false, float weightDecay = 0f)
        : base(parameters, learningRate)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }

        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
    }

    /// <summary>Momentum factor.</summary>
    public float Momentum { get; }

    /// <summary>Dampening.</summary>
    public float Dampening { get; }

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 weight decay added to the gradient.</summary>
    public float WeightDecay { get; set; }

    /// <summary>The momentum buffer of a parameter, or null before the first step / without momentum.</summary>
    public float[]? MomentumBuffer(Parameter parameter) => _buffers.GetValueOrDefault(parameter);

    /// <inheritdoc/>
    public override void Step()
    {
        StepCount++;
        var parameters = ParameterArray;
        for (int pi = 0; pi < parameters.Length; pi++)
        {
            var p = parameters[pi];
            var w = p.Value.Span;
            var grad = p.Grad.Span;
            float[]? buf = null;
            bool first = false;
            if (Momentum != 0f && !_buffers.TryGetValue(p, out buf))
            {
                buf = new float[p.Size];
                _buffers[p] = buf;
                first = true;
            }

            for (int i = 0; i < w.Length; i++)
            {
                float g = grad[i] + WeightDecay * w[i];
                if (buf is not null)
                {
                    buf[i] = first ? g : Momentum * buf[i] + (1f - Dampening) * g;
                    g = Nesterov ? g + Momentum * buf[i] : buf[i];
                }

                w[i] -= LearningRate * g;
            }
        }
    }
}
