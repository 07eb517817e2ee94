using System.Runtime.ExceptionServices;

namespace Motiflens.Engine.Kernels;

/// <summary>
/// A fixed set of worker threads that run numbered work items (chunks of a batch). Which thread runs
/// which item does not matter for the results: every item writes its own output slice or partial-sum buffer, and
/// partial sums are combined in item order afterwards, so results depend only on the item count. For speed the
/// assignment is fixed (item i on thread i mod Threads), which keeps each chunk's data in one core's cache.
/// </summary>
/// <remarks>
/// Delegates are created once by the callers, so a <see cref="Run"/> call does not allocate. Training makes dozens of
/// <see cref="Run"/> calls per step; waking a blocked thread costs tens to hundreds of microseconds (far more on a
/// virtual machine, where the idle vCPU has been descheduled), so both sides spin for a short while
/// (<see cref="SpinMicroseconds"/>, as OpenMP runtimes do) before they block.
/// </remarks>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _workers;
    private readonly ManualResetEventSlim[] _go;
    private readonly ManualResetEventSlim _done = new(false);
    private Action<int>? _work;
    private int _count;
    private int _workersPending;
    private int _generation;
    private volatile bool _stopping;
    private ExceptionDispatchInfo? _error;

    public WorkerPool(int threads)
    {
        Threads = Math.Max(1, threads);
        _workers = new Thread[Threads - 1];
        _go = new ManualResetEventSlim[Threads - 1];
        for (int t = 0; t < _workers.Length; t++)
        {
            _go[t] = new ManualResetEventSlim(false, 200);
            int id = t;
            _workers[t] = new Thread(() => WorkerLoop(id)) { IsBackground = true, Name = $"motiflens-engine-{t + 1}" };
            _workers[t].Start();
        }
    }

    /// <summary>
    /// How long an idle thread spins for new work (and the caller for the workers' completion) before blocking:
    /// 200 µs unless the environment variable MOTIFLENS_SPIN_US says otherwise (0 = block at once).
    /// </summary>
    internal static long SpinMicroseconds { get; } = ReadSpinMicroseconds();

    private static readonly long SpinTicks = SpinMicroseconds * System.Diagnostics.Stopwatch.Frequency / 1_000_000;

    /// <summary>Number of threads including the caller.</summary>
    public int Threads { get; }

    /// <summary>Runs <paramref name="work"/>(i) for i in [0, count) and returns when all are done.</summary>
    public void Run(Action<int> work, int count)
    {
        if (count <= 0)
        {
            return;
        }

        if (count == 1 || _workers.Length == 0)
        {
            for (int i = 0; i < count; i++)
            {
                work(i);
            }

            return;
        }

        _work = work;
        _count = count;
        _error = null;
        Volatile.Write(ref _workersPending, _workers.Length);
        _done.Reset();
        Interlocked.Increment(ref _generation);
        foreach (var g in _go)
        {
            g.Set();
        }

        Drain(0);
        Spin(ref _workersPending, 0, equal: true);
        _done.Wait();
        _work = null;
        _error?.Throw();
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var g in _go)
        {
            g.Set();
        }
    }

    private void WorkerLoop(int id)
    {
        var go = _go[id];
        int seen = 0;
        while (true)
        {
            // Spin, then block; Reset before the last check so a Set for a newer generation is never lost.
            while (!Spin(ref _generation, seen, equal: false) && !_stopping)
            {
                go.Reset();
                if (Volatile.Read(ref _generation) != seen || _stopping)
                {
                    break;
                }

                go.Wait();
            }

            if (_stopping)
            {
                return;
            }

            seen = Volatile.Read(ref _generation);

            Drain(id + 1);
            if (Interlocked.Decrement(ref _workersPending) == 0)
            {
                _done.Set();
            }
        }
    }

    /// <summary>
    /// Spins up to <see cref="SpinTicks"/> until (<paramref name="location"/> == <paramref name="value"/>) equals
    /// <paramref name="equal"/>; returns whether it does.
    /// </summary>
    private static bool Spin(ref int location, int value, bool equal)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        do
        {
            for (int i = 0; i < 16; i++)
            {
                if ((Volatile.Read(ref location) == value) == equal)
                {
                    return true;
                }

                Thread.SpinWait(4);
            }
        }
        while (System.Diagnostics.Stopwatch.GetTimestamp() - start < SpinTicks);
        return (Volatile.Read(ref location) == value) == equal;
    }

    private static long ReadSpinMicroseconds()
    {
        string? text = Environment.GetEnvironmentVariable("MOTIFLENS_SPIN_US");
        return long.TryParse(text, out long us) && us >= 0 ? us : 200;
    }

    // Participant p (0 = the caller, worker t = t + 1) runs items p, p + Threads, ...: a fixed assignment, so chunk i of
    // every layer runs on the same thread and finds the previous layer's output for its samples in that core's cache
    // (taking items first-come-first-served moved chunks between cores and cost two-thread training about a tenth).
    private void Drain(int participant)
    {
        var work = _work!;
        int count = _count;
        for (int i = participant; i < count; i += Threads)
        {
            try
            {
                work(i);
            }
            catch (Exception e)
            {
                _error ??= ExceptionDispatchInfo.Capture(e);
            }
        }
    }
}
