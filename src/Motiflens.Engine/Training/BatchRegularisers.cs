using Motiflens.Engine.Losses;

namespace Motiflens.Engine.Training;

/// <summary>
/// One regularised training step of the <see cref="Trainer"/> (forward, loss and backward; the caller zeroes the
/// gradients before and steps the optimiser after): input mixup, manifold mixup, input noise, manifold noise and
/// adversarial training, in that order, each from its own seeded random stream.
/// </summary>
/// <remarks>
/// Per batch: (1) the byte codes become the float one-hot batch x (N, L, C) (code ≥ C: an all-zero row);
/// (2) input mixup mixes x and the targets with λ ~ Beta(α, α) and a random permutation (<see cref="Mixup"/>);
/// (3) manifold mixup draws a mixing point uniformly among the model input and the <see cref="Model.BlockBoundaries"/>
/// and mixes the input, or the activations entering that layer, and the targets with its own λ and permutation;
/// (4) input noise adds σ·N(0, 1) to every entry of x; (5) manifold noise adds σ·N(0, 1) to the activations at every
/// block boundary in every forward pass; (6) the loss is computed on x (masked where a target is NaN) or, with
/// adversarial training, as ½·(loss(x) + loss(x_adv)) where x_adv is the FGSM or PGD perturbation of that same
/// (mixed, noisy) x against the same targets. The attack's forward passes run in training mode (batch statistics,
/// dropout, hidden noise) like the clean one. Only manifold noise alone keeps the byte-code fast path.
/// </remarks>
internal sealed class BatchRegularisers
{
    private readonly Model _model;
    private readonly ILoss _loss;
    private readonly TrainingOptions _o;
    private readonly int[] _mixingPoints;
    private readonly ManifoldRegulariser _hook;
    private readonly Random _mixupRng;
    private readonly Random _manifoldRng;
    private readonly Random _noiseRng;
    private readonly Random _adversarialRng;
    private readonly bool _floatInput;
    private readonly int _channels;
    private readonly float[] _x;
    private readonly float[] _scratch;
    private readonly float[] _xAdv;
    private readonly float[] _y;
    private readonly float[] _yScratch;
    private readonly float[] _mask;
    private readonly float[] _yLast;
    private int _n;
    private int _sample;
    private int _tasks;

    public BatchRegularisers(Model model, ILoss loss, TrainingOptions options, int batch)
    {
        _model = model;
        _loss = loss;
        _o = options;
        var boundaries = model.BlockBoundaries;
        _mixingPoints = [0, .. boundaries];
        _hook = new ManifoldRegulariser(boundaries, options.ManifoldNoiseStd, new Random(Trainer.StreamSeed(options.Seed, Trainer.ManifoldNoiseStream)));
        _mixupRng = new Random(Trainer.StreamSeed(options.Seed, Trainer.MixupStream));
        _manifoldRng = new Random(Trainer.StreamSeed(options.Seed, Trainer.ManifoldMixupStream));
        _noiseRng = new Random(Trainer.StreamSeed(options.Seed, Trainer.InputNoiseStream));
        _adversarialRng = new Random(Trainer.StreamSeed(options.Seed, Trainer.AdversarialStream));
        _floatInput = options.InputMixupAlpha > 0 || options.ManifoldMixupAlpha > 0 || options.InputNoiseStd > 0 || options.Adversarial != AdversarialKind.None;
        if (model.InputShape.Length != 2)
        {
            throw new InvalidOperationException("the training regularisers need a (length, channels) model input");
        }

        int sample = model.InputShape[0] * model.InputShape[1];
        _channels = model.InputShape[1];
        int tasks = Tensor.Product(model.OutputShape);
        _x = _floatInput ? new float[batch * sample] : [];
        _scratch = _floatInput ? new float[batch * sample] : [];
        _xAdv = options.Adversarial != AdversarialKind.None ? new float[batch * sample] : [];
        _y = new float[batch * tasks];
        _yScratch = new float[batch * tasks];
        _mask = new float[batch * tasks];
        _yLast = new float[batch * tasks];
    }

    /// <summary>The float input x (N, L, C) of the last step after mixing and noise (empty on the byte-code path).</summary>
    internal ReadOnlySpan<float> Input => _x.AsSpan(0, Math.Min(_x.Length, _n * _sample));

    /// <summary>The training targets of the last step after mixing (NaN where masked).</summary>
    internal ReadOnlySpan<float> Targets => _yLast.AsSpan(0, _n * _tasks);

    /// <summary>The adversarial input of the last step (empty without adversarial training).</summary>
    internal ReadOnlySpan<float> AdversarialInput => _xAdv.AsSpan(0, Math.Min(_xAdv.Length, _n * _sample));

    /// <summary>λ of the last step's input mixup (1 when off).</summary>
    internal float InputMixupLambda { get; private set; } = 1f;

    /// <summary>The permutation π of the last step's input mixup (null when off).</summary>
    internal int[]? InputMixupPermutation { get; private set; }

    /// <summary>True when <paramref name="o"/> asks for any per-batch regulariser (spectral norm is separate).</summary>
    public static bool IsNeeded(TrainingOptions o) => o.InputMixupAlpha > 0 || o.ManifoldMixupAlpha > 0 || o.InputNoiseStd > 0
        || o.ManifoldNoiseStd > 0 || o.Adversarial != AdversarialKind.None;

    /// <summary>
    /// Forward, loss and backward for one batch of <paramref name="n"/> sequences (codes (N, L), targets (N, T) with
    /// NaN = missing; neither is modified); <paramref name="grad"/> (N, T) is scratch. Returns the training loss.
    /// </summary>
    public float Step(byte[] codes, float[] targets, int n, int l, int t, Tensor grad)
    {
        int sample = l * _channels;
        (_n, _sample, _tasks) = (n, sample, t);
        InputMixupLambda = 1f;
        InputMixupPermutation = null;
        targets.AsSpan(0, n * t).CopyTo(_y);
        if (_floatInput)
        {
            OneHot(codes, n, l);
        }

        if (_o.InputMixupAlpha > 0)
        {
            float lambda = Mixup.Lambda(_mixupRng, _o.InputMixupAlpha);
            var perm = Mixup.Permutation(_mixupRng, n);
            MixInPlace(_x, sample, perm, lambda, _scratch);
            MixInPlace(_y, t, perm, lambda, _yScratch);
            InputMixupLambda = lambda;
            InputMixupPermutation = perm;
        }

        _hook.ClearMixing();
        if (_o.ManifoldMixupAlpha > 0)
        {
            int point = _mixingPoints[_manifoldRng.Next(_mixingPoints.Length)];
            float lambda = Mixup.Lambda(_manifoldRng, _o.ManifoldMixupAlpha);
            var perm = Mixup.Permutation(_manifoldRng, n);
            if (point == 0)
            {
                MixInPlace(_x, sample, perm, lambda, _scratch);
            }
            else
            {
                _hook.SetMixing(point, lambda, perm);
            }

            MixInPlace(_y, t, perm, lambda, _yScratch);
        }

        if (_o.InputNoiseStd > 0)
        {
            RandomDraws.AddGaussian(_noiseRng, _x.AsSpan(0, n * sample), (float)_o.InputNoiseStd);
        }

        _y.AsSpan(0, n * t).CopyTo(_yLast);
        var y = new Tensor(_y, n, t);
        var mask = Trainer.Mask(_y.AsSpan(0, n * t), _mask, n, t);
        var x = _floatInput ? new Tensor(_x, n, l, _channels) : null;
        _model.Hook = _hook;
        try
        {
            var logits = x is null ? _model.Forward(codes, n) : _model.Forward(x);
            float clean = _loss.Compute(logits, y, grad, mask);
            if (!float.IsFinite(clean))
            {
                return clean;
            }

            if (_o.Adversarial == AdversarialKind.None)
            {
                _model.Backward(grad);
                return clean;
            }

            Scale(grad, 0.5f);
            var inputGrad = _model.Backward(grad, inputGradient: _o.Adversarial == AdversarialKind.Fgsm);
            var xs = _x.AsSpan(0, n * sample);
            var adv = _xAdv.AsSpan(0, n * sample);
            float eps = (float)_o.AdversarialEpsilon;
            if (_o.Adversarial == AdversarialKind.Fgsm)
            {
                AdversarialExamples.Fgsm(xs, inputGrad!.Span, eps, adv);
            }
            else
            {
                AdversarialExamples.RandomStart(xs, eps, _adversarialRng, adv);
                var xa = new Tensor(_xAdv, n, l, _channels);
                for (int s = 0; s < _o.PgdSteps; s++)
                {
                    _loss.Compute(_model.Forward(xa), y, grad, mask);
                    var g = _model.Backward(grad, inputGradient: true, weightGradients: false)!;
                    AdversarialExamples.PgdStep(adv, xs, g.Span, (float)_o.PgdStepSize, eps);
                }
            }

            float adversarial = _loss.Compute(_model.Forward(new Tensor(_xAdv, n, l, _channels)), y, grad, mask);
            if (!float.IsFinite(adversarial))
            {
                return adversarial;
            }

            Scale(grad, 0.5f);
            _model.Backward(grad);
            return 0.5f * (clean + adversarial);
        }
        finally
        {
            _model.Hook = null;
        }
    }

    private void OneHot(byte[] codes, int n, int l)
    {
        int c = _channels;
        Array.Clear(_x, 0, n * l * c);
        for (int i = 0; i < n * l; i++)
        {
            if (codes[i] < c)
            {
                _x[(i * c) + codes[i]] = 1f;
            }
        }
    }

    private static void MixInPlace(float[] values, int sampleSize, int[] perm, float lambda, float[] scratch)
    {
        int count = perm.Length * sampleSize;
        Mixup.Mix(values.AsSpan(0, count), sampleSize, perm, lambda, scratch.AsSpan(0, count));
        scratch.AsSpan(0, count).CopyTo(values);
    }

    private static void Scale(Tensor t, float factor)
    {
        var d = t.Span;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] *= factor;
        }
    }
}
