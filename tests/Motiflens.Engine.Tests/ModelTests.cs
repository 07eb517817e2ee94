using Motiflens.Engine.Layers;
using Motiflens.Engine.Losses;
using Motiflens.Engine.Optim;

namespace Motiflens.Engine.Tests;

public class ModelTests
{
    // Average pooling here: max pooling's kinks are checked on tie-free inputs in its own tests.
    private static Layer[] SmallDeep(bool maxPool = false) =>
    [
        new Conv1d(6, 5, padding: Padding.Same),
        new BatchNorm(),
        new ActivationLayer(Activation.Softplus),
        maxPool ? new MaxPool1d(2) : new AvgPool1d(2),
        new Conv1d(4, 3, padding: Padding.Same, activation: Activation.Tanh),
        new Flatten(),
        new Dense(5, Activation.Sigmoid),
        new Dense(2),
    ];

    private static (byte[] Codes, Tensor OneHot) RandomDna(int n, int l, int seed)
    {
        var rng = new Random(seed);
        var codes = new byte[n * l];
        var x = new Tensor(n, l, 4);
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)rng.Next(4);
            x.Data[i * 4 + codes[i]] = 1f;
        }

        return (codes, x);
    }

    [Fact]
    public void BlockBoundaries_AreTheInputsOfTheHiddenAndOutputWeightLayers()
    {
        using var model = new Model(12, 4, SmallDeep(), seed: 3);
        Assert.Equal([4, 6, 7], model.BlockBoundaries);

        // The reference "deep" model: the inputs of conv 2, conv 3, the dense(256) and the output layer.
        var deep = Motiflens.Engine.Spec.BuiltinModels.Get("deep", length: 100, outputs: 1)!;
        using var built = Motiflens.Engine.Spec.ModelBuilder.Build(deep, seed: 0);
        var types = built.BlockBoundaries.Select(i => built.Layers[i].GetType().Name).ToArray();
        Assert.Equal(["Conv1d", "Conv1d", "Dense", "Dense"], types);
    }

    [Fact]
    public void Hook_TransformsTheByteCodePathLikeTheOneHotPath()
    {
        using var model = new Model(12, 4, SmallDeep(), seed: 3) { Training = true };
        var (codes, x) = RandomDna(4, 12, 5);
        var hook = new Motiflens.Engine.Training.ManifoldRegulariser([], 0, null);
        hook.SetMixing(4, 0.6f, [3, 2, 1, 0]);
        var plain = model.Forward(codes, 4).Clone();
        model.Hook = hook;
        var fromCodes = model.Forward(codes, 4).Clone();
        var fromOneHot = model.Forward(x);
        Assert.Equal(fromOneHot.Span.ToArray(), fromCodes.Span.ToArray());
        Assert.NotEqual(plain.Span.ToArray(), fromCodes.Span.ToArray());
    }

    [Fact]
    public void Model_GradientMatchesFiniteDifferencesInTrainingMode()
    {
        using var model = new Model(12, 4, SmallDeep(), seed: 3);
        model.Training = true;
        GradientCheck.CheckModel(model, GradientCheck.Random(1, -1f, 1f, 3, 12, 4));
    }

    [Fact]
    public void Model_InputGradientMatchesFiniteDifferencesOfSummedOutputs()
    {
        using var model = new Model(12, 4, SmallDeep(), seed: 3);
        var x = GradientCheck.Random(1, -1f, 1f, 2, 12, 4);
        var g = model.InputGradient(x).Span.ToArray();
        var numeric = GradientCheck.NumericGradient(() => model.Forward(x, false).Span.ToArray().Sum(v => (double)v), x.Data, x.Size, 3e-2f);
        GradientCheck.Compare("saliency", g, numeric);
        Assert.All(model.TrainableParameters, p => Assert.All(p.Grad.Span.ToArray(), v => Assert.Equal(0f, v)));
    }

    [Fact]
    public void Model_CategoricalInputEqualsOneHotInput()
    {
        var (codes, x) = RandomDna(9, 12, 5);
        codes[3] = 4; // an N
        x.Data[3 * 4 + 0] = 0; x.Data[3 * 4 + 1] = 0; x.Data[3 * 4 + 2] = 0; x.Data[3 * 4 + 3] = 0;
        for (int c = 0; c < 4; c++)
        {
            x.Data[12 + c] = 0f;
        }

        using var model = new Model(12, 4, SmallDeep(maxPool: true), seed: 3, threads: 2);
        var a = model.Forward(x, false).Span.ToArray();
        var b = model.Forward(codes, 9, false).Span.ToArray();
        Assert.Equal(a, b);
        var ga = model.InputGradient(x, output: 1).Span.ToArray();
        var gb = model.InputGradient(codes, 9, output: 1).Span.ToArray();
        Assert.Equal(ga, gb);
    }

    [Fact]
    public void Model_SameSeedAndThreadsGiveBitIdenticalTraining()
    {
        float[] Train(int threads)
        {
            var (codes, _) = RandomDna(37, 30, 11);
            var y = GradientCheck.Random(12, 0f, 1f, 37, 2);
            for (int i = 0; i < y.Size; i++)
            {
                y.Data[i] = y.Data[i] > 0.5f ? 1f : 0f;
            }

            var layers = new Layer[]
            {
                new Conv1d(8, 7, padding: Padding.Same, activation: Activation.Relu), new BatchNorm(), new MaxPool1d(3),
                new Conv1d(6, 3, activation: Activation.Relu), new Flatten(), new Dense(16, Activation.Relu),
                new Dropout(0.3f), new Dense(2),
            };
            using var model = new Model(30, 4, layers, seed: 1, threads: threads) { Training = true };
            var adam = new Adam(model.TrainableParameters);
            var loss = new BinaryCrossEntropyWithLogits();
            var grad = new Tensor(37, 2);
            for (int step = 0; step < 4; step++)
            {
                model.ZeroGrad();
                var logits = model.Forward(codes, 37);
                loss.Compute(logits, y, grad);
                model.Backward(grad);
                adam.Step();
            }

            return model.StateDict().SelectMany(e => e.Data).ToArray();
        }

        Assert.Equal(Train(2), Train(2));
        Assert.Equal(Train(1), Train(1));
        var one = Train(1);
        var two = Train(2);
        Assert.Equal(one.Length, two.Length);
        Assert.All(one.Zip(two), p => Assert.True(Math.Abs(p.First - p.Second) < 1e-3f));
    }

    [Fact]
    public void Model_StateDictRoundTripsWithPyTorchKeys()
    {
        using var a = new Model(12, 4, SmallDeep(), seed: 3);
        using var b = new Model(12, 4, SmallDeep(), seed: 4);
        var state = a.StateDict();
        Assert.Equal(
            ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.1.running_mean", "layers.1.running_var",
             "layers.4.weight", "layers.4.bias", "layers.6.weight", "layers.6.bias", "layers.7.weight", "layers.7.bias"],
            state.Select(e => e.Key));
        Assert.Equal([6, 4, 5], state[0].Shape);
        Assert.Equal([5, 24], state[8].Shape);
        b.LoadStateDict(state);
        var x = GradientCheck.Random(1, -1f, 1f, 2, 12, 4);
        Assert.Equal(a.Forward(x, false).Span.ToArray(), b.Forward(x, false).Span.ToArray());
        Assert.Throws<KeyNotFoundException>(() => b.LoadStateDict(state.Skip(1)));
        Assert.Throws<ArgumentException>(() => b.LoadStateDict(state.Append(new StateEntry("layers.9.weight", [1], [0f]))));
        Assert.Equal(0, a.NamedParameters[6].LayerIndex - 4);
    }

    [Fact]
    public void Model_FusedStandaloneActivationsGiveTheSameResultsAsUnfusedLayers()
    {
        Layer[] Layers() => [new Conv1d(5, 3), new ActivationLayer(Activation.Relu), new BatchNorm(), new ActivationLayer(Activation.Tanh), new Flatten(), new Dense(3), new ActivationLayer(Activation.Sigmoid)];
        using var fused = new Model(10, 4, Layers(), seed: 2) { Training = true };
        var reference = Layers();
        var rng = new Random(2);
        var shape = new[] { 10, 4 };
        foreach (var layer in reference)
        {
            shape = layer.Build(shape, rng);
        }

        Assert.True(((ActivationLayer)fused.Layers[1]).IsFused);
        Assert.True(((ActivationLayer)fused.Layers[3]).IsFused);
        var x = GradientCheck.Random(4, -1f, 1f, 3, 10, 4);
        using var ctx = LayerContext.Create(1, training: true);
        var h = x;
        foreach (var layer in reference)
        {
            h = layer.Forward(h, ctx);
        }

        Assert.Equal(h.Span.ToArray(), fused.Forward(x).Span.ToArray());
        var dy = GradientCheck.Random(5, -1f, 1f, 3, 3);
        var g = dy.Clone();
        for (int i = reference.Length - 1; i >= 0; i--)
        {
            g = reference[i].Backward(g, ctx, true)!;
        }

        Assert.Equal(g.Span.ToArray(), fused.Backward(dy, inputGradient: true)!.Span.ToArray());
        Assert.Equal(reference[0].Parameters[0].Grad.Span.ToArray(), fused.Layers[0].Parameters[0].Grad.Span.ToArray());
    }

    [Fact]
    public void Model_InferenceInMicroBatchesEqualsWholeBatchForward()
    {
        var (codes, x) = RandomDna(70, 12, 8);
        using var model = new Model(12, 4, SmallDeep(maxPool: true), seed: 3);
        var whole = model.Forward(x, recordGradients: true).Span.ToArray();
        Assert.Equal(whole, model.Forward(x, recordGradients: false).Span.ToArray());
        Assert.Equal(whole, model.Forward(codes, 70, recordGradients: false).Span.ToArray());
        Assert.Equal([70, 2], model.Forward(codes, 70, recordGradients: false).ShapeArray());
    }

    [Fact]
    public void Model_SaliencyInMicroBatchesEqualsWholeBatchBackward()
    {
        var (codes, x) = RandomDna(70, 12, 9);
        using var model = new Model(12, 4, SmallDeep(maxPool: true), seed: 3, threads: 2);
        model.Forward(x);
        var ones = new Tensor(70, 2);
        ones.Span.Fill(1f);
        var whole = model.Backward(ones, inputGradient: true, weightGradients: false)!.Span.ToArray();
        Assert.Equal(whole, model.InputGradient(x).Span.ToArray());
        Assert.Equal(whole, model.InputGradient(codes, 70).Span.ToArray());
    }

    [Fact]
    public void Model_InputGradientWithOutputGradientCallbackMatchesBackward()
    {
        var (codes, x) = RandomDna(50, 12, 10);
        using var model = new Model(12, 4, SmallDeep(maxPool: true), seed: 3);
        static void SigmoidSlope(Tensor z, Tensor g)
        {
            for (int i = 0; i < z.Size; i++)
            {
                float s = 1f / (1f + MathF.Exp(-z.Data[i]));
                g.Data[i] = s * (1f - s);
            }
        }

        var logits = model.Forward(x).Clone();
        var seed = new Tensor(50, 2);
        SigmoidSlope(logits, seed);
        var whole = model.Backward(seed, inputGradient: true, weightGradients: false)!.Span.ToArray();
        Assert.Equal(whole, model.InputGradient(x, SigmoidSlope).Span.ToArray());
        Assert.Equal(whole, model.InputGradient(codes, 50, SigmoidSlope).Span.ToArray());
    }

    [Fact]
    public void Model_ParallelReplicasGiveTheSameInferenceAndSaliencyAsOneThread()
    {
        Layer[] Layers() =>
        [
            new Conv1d(8, 5, padding: Padding.Same, activation: Activation.Relu), new BatchNorm(),
            new Residual([new Conv1d(8, 3, padding: Padding.Same), new ActivationLayer(Activation.Tanh)]),
            new SparseK(0.5f), new MaxPool1d(2), new Dropout(0.3f), new SeparableFullyConnected(4, mirrored: true),
            new Dense(3, Activation.Softplus), new Dense(2),
        ];
        var (codes, x) = RandomDna(83, 16, 12);
        using var one = new Model(16, 4, Layers(), seed: 5, threads: 1);
        using var two = new Model(16, 4, Layers(), seed: 5, threads: 2);
        one.Training = true;
        one.Forward(x); // updates running statistics: the replicas must see shared parameters
        two.LoadStateDict(one.StateDict());
        one.Training = false;
        var reference = one.Forward(x, recordGradients: true).Span.ToArray();
        var ones = new Tensor(83, 2);
        ones.Span.Fill(1f);
        var referenceSaliency = one.Backward(ones, inputGradient: true, weightGradients: false)!.Span.ToArray();
        Assert.Equal(reference, two.Forward(x, recordGradients: false).Span.ToArray());
        Assert.Equal(reference, two.Forward(codes, 83, recordGradients: false).Span.ToArray());
        Assert.Equal(referenceSaliency, two.InputGradient(x).Span.ToArray());
        Assert.Equal(referenceSaliency, two.InputGradient(codes, 83).Span.ToArray());
    }

    [Fact]
    public void Model_SteadyStateTrainingAndInferenceDoNotAllocate()
    {
        var (codes, _) = RandomDna(32, 40, 13);
        Layer[] layers =
        [
            new Conv1d(8, 9, padding: Padding.Same), new BatchNorm(), new ActivationLayer(Activation.Relu), new MaxPool1d(4),
            new Conv1d(8, 3, padding: Padding.Same, activation: Activation.Relu), new Flatten(), new Dense(16), new BatchNorm(),
            new ActivationLayer(Activation.Relu), new Dropout(0.5f), new Dense(2),
        ];
        using var model = new Model(40, 4, layers, seed: 1, threads: 1);
        var adam = new Adam(model.TrainableParameters);
        var loss = new BinaryCrossEntropyWithLogits();
        var y = new Tensor(32, 2);
        var grad = new Tensor(32, 2);
        void Step()
        {
            model.Training = true;
            model.ZeroGrad();
            loss.Compute(model.Forward(codes, 32), y, grad);
            model.Backward(grad);
            adam.Step();
            model.Training = false;
            model.Forward(codes, 32, recordGradients: false);
            model.InputGradient(codes, 32);
        }

        Step();
        Step();
        // A steady-state allocation shows in every window; a one-off by the runtime (tiered recompilation while the
        // parallel test run is busy) in at most one, so the best of a few windows is what the engine allocates.
        long best = long.MaxValue;
        for (int window = 0; window < 4 && best > 0; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 3; i++)
            {
                Step();
            }

            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, best);
    }

    [Fact]
    public void Model_SaliencySeesWeightChangesBetweenCalls()
    {
        var (codes, x) = RandomDna(40, 12, 14);
        using var model = new Model(12, 4, SmallDeep(maxPool: true), seed: 3, threads: 2);
        var before = model.InputGradient(codes, 40).Span.ToArray();
        foreach (var p in model.TrainableParameters)
        {
            var v = p.Value.Span;
            for (int i = 0; i < v.Length; i++)
            {
                v[i] *= 1.5f;
            }
        }

        var after = model.InputGradient(codes, 40).Span.ToArray();
        model.Forward(x);
        var ones = new Tensor(40, 2);
        ones.Span.Fill(1f);
        var reference = model.Backward(ones, inputGradient: true, weightGradients: false)!.Span.ToArray();
        Assert.NotEqual(before, after);
        Assert.Equal(reference, after);
    }

    [Fact]
    public void Model_ReportsLayerIndexWhenShapesDoNotFit()
    {
        var e = Assert.Throws<ArgumentException>(() => new Model(10, 4, [new Conv1d(2, 3), new Dense(3)]));
        Assert.StartsWith("layer 1 (Dense)", e.Message);
    }

    [Fact]
    public void Model_BackwardWithoutTapeThrows()
    {
        using var model = new Model(12, 4, SmallDeep());
        var y = model.Forward(new Tensor(1, 12, 4), recordGradients: false);
        Assert.Throws<InvalidOperationException>(() => model.Backward(new Tensor(1, 2)));
        Assert.Equal([1, 2], y.ShapeArray());
    }
}
