using Motiflens.Engine.Kernels;
using Motiflens.Engine.Layers;
using Motiflens.Engine.Optim;

namespace Motiflens.Engine.Tests.Kernels;

/// <summary>
/// The work that used to run on the calling thread between layer calls (dense weight gradients, the Adam update,
/// dropout masks, flatten) now runs on the worker threads; these tests pin down that the split does not change results.
/// </summary>
public class ThreadSplitTests
{
    [Fact]
    public void WorkerPool_RunsEveryItemOnceAcrossManyBackToBackCalls()
    {
        using var pool = new WorkerPool(3);
        var hits = new int[37];
        Action<int> work = i => Interlocked.Increment(ref hits[i]);
        for (int call = 0; call < 20_000; call++)
        {
            pool.Run(work, 1 + (call % hits.Length));
        }

        // Item i runs in every call whose count exceeds i.
        for (int i = 0; i < hits.Length; i++)
        {
            int expected = Enumerable.Range(0, 20_000).Count(call => 1 + (call % hits.Length) > i);
            Assert.Equal(expected, hits[i]);
        }
    }

    [Fact]
    public void WorkerPool_WakesBlockedWorkersAfterIdlePeriods()
    {
        using var pool = new WorkerPool(2);
        int sum = 0;
        Action<int> work = i => Interlocked.Add(ref sum, i + 1);
        for (int call = 0; call < 5; call++)
        {
            // Longer than the spin budget, so the worker has gone to sleep and must be woken.
            Thread.Sleep(TimeSpan.FromMilliseconds(2 + (WorkerPool.SpinMicroseconds / 1000)));
            pool.Run(work, 4);
        }

        Assert.Equal(5 * (1 + 2 + 3 + 4), sum);
    }

    [Fact]
    public void WorkerPool_RethrowsAWorkItemsException()
    {
        using var pool = new WorkerPool(2);
        var e = Assert.Throws<InvalidOperationException>(() => pool.Run(i => throw new InvalidOperationException($"item {i}"), 2));
        Assert.StartsWith("item", e.Message);
        int ran = 0;
        pool.Run(_ => Interlocked.Increment(ref ran), 2);
        Assert.Equal(2, ran);
    }

    [Fact]
    public void Dense_WeightGradientsAreIdenticalForAnyThreadCount()
    {
        float[][] Gradients(int threads)
        {
            var dense = new Dense(37, Activation.Relu);
            dense.Build([53], new Random(3));
            var x = GradientCheck.Random(4, -1f, 1f, 29, 53);
            var dy = GradientCheck.Random(5, -1f, 1f, 29, 37);
            using var ctx = LayerContext.Create(threads, training: true);
            dense.Forward(x, ctx);
            var dx = dense.Backward(dy, ctx, needInputGradient: true)!;
            return [dense.Weight.Grad.Span.ToArray(), dense.Bias!.Grad.Span.ToArray(), dx.Span.ToArray()];
        }

        var one = Gradients(1);
        Assert.Equal(one, Gradients(2));
        Assert.Equal(one, Gradients(3));
    }

    [Fact]
    public void Adam_ThreadedUpdateEqualsTheSerialUpdate()
    {
        float[][] Run(bool threaded)
        {
            // Sizes around the 8-wide vector blocks and over the threading threshold.
            using var model = new Model(40, 4, [new Conv1d(40, 9), new Flatten(), new Dense(27), new Dense(3)], seed: 7, threads: 3);
            var adam = new Adam(model.TrainableParameters, 1e-2f, weightDecay: 1e-3f);
            if (threaded)
            {
                adam.UseThreadsOf(model);
            }

            var rng = new Random(11);
            for (int step = 0; step < 4; step++)
            {
                foreach (var p in model.TrainableParameters)
                {
                    var g = p.Grad.Span;
                    for (int i = 0; i < g.Length; i++)
                    {
                        g[i] = (float)(rng.NextDouble() - 0.5);
                    }
                }

                adam.Step();
            }

            return model.TrainableParameters.Select(p => p.Value.Span.ToArray()).ToArray();
        }

        var serial = Run(threaded: false);
        Assert.True(serial.Sum(p => p.Length) >= 1 << 15, "the model must be large enough for the threaded path");
        Assert.Equal(serial, Run(threaded: true));
    }

    [Fact]
    public void Dropout_MaskDoesNotDependOnTheThreadCount()
    {
        var x = new Tensor(64, 700);
        x.Span.Fill(1f);
        float[] Mask(int threads)
        {
            var d = new Dropout(0.25f);
            d.Build([700], new Random(5));
            using var ctx = LayerContext.Create(threads, training: true);
            d.Forward(x, ctx);
            return d.Forward(x, ctx).Span.ToArray();
        }

        var one = Mask(1);
        Assert.Equal(one, Mask(2));
        Assert.Equal(one, Mask(3));
        Assert.InRange(one.Count(v => v == 0f) / (double)one.Length, 0.23, 0.27);
    }

    [Fact]
    public void Dropout_ConsecutiveCallsDrawDifferentMasks()
    {
        var x = new Tensor(4, 500);
        x.Span.Fill(1f);
        var d = new Dropout(0.5f);
        d.Build([500], new Random(5));
        using var ctx = LayerContext.Create(2, training: true);
        var first = d.Forward(x, ctx).Span.ToArray();
        var second = d.Forward(x, ctx).Span.ToArray();
        Assert.NotEqual(first, second);
        // Neighbouring elements are independent: about half of the adjacent pairs disagree.
        int changes = Enumerable.Range(1, first.Length - 1).Count(i => (first[i] == 0f) != (first[i - 1] == 0f));
        Assert.InRange(changes / (double)(first.Length - 1), 0.45, 0.55);
    }

    [Fact]
    public void Flatten_IsTheSameOnAnyThreadCount()
    {
        var x = GradientCheck.Random(8, -1f, 1f, 9, 6, 5);
        var dy = GradientCheck.Random(9, -1f, 1f, 9, 30);
        (float[] Y, float[] Dx) Run(int threads)
        {
            var f = new Flatten();
            f.Build([6, 5], new Random(0));
            using var ctx = LayerContext.Create(threads);
            var y = f.Forward(x, ctx).Span.ToArray();
            return (y, f.Backward(dy, ctx, needInputGradient: true)!.Span.ToArray());
        }

        var one = Run(1);
        // Channel-major: output c·L + l is input (l, c).
        Assert.Equal(x.Data[(2 * 5) + 3], one.Y[(3 * 6) + 2]);
        Assert.Equal(one.Y, Run(3).Y);
        Assert.Equal(one.Dx, Run(3).Dx);
    }
}
