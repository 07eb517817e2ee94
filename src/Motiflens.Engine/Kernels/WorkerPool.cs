using System.Runtime.ExceptionServices;

namespace Motiflens.Engine.Kernels;

/// <summary>
/// A fixed set of worker threads that run numbered work items (chunks of a batch). Which thread runs
/// which item does not matter: every item writes its own output slice or partial-sum buffer, and partial
/// sums are combined in item order afterwards, so results depend only on the item count.
/// </summary>
/// <remarks>Delegates are created once by the callers, so a <see cref="Run"/> call does not allocate.</remarks>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _workers;
    private readonly ManualResetEventSlim[] _go;
    private readonly ManualResetEventSlim _done = new(false);
    private Action<int>? _work;
    private int _count;
    private int _next;
    private int _workersPending;
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
        Volatile.Write(ref _next, 0);
        Volatile.Write(ref _workersPending, _workers.Length);
        _done.Reset();
        foreach (var g in _go)
        {
            g.Set();
        }

        Drain();
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
        while (true)
        {
            go.Wait();
            go.Reset();
            if (_stopping)
            {
                return;
            }

            Drain();
            if (Interlocked.Decrement(ref _workersPending) == 0)
            {
                _done.Set();
            }
        }
    }

    private void Drain()
    {
        var work = _work!;
        int count = _count;
        int i;
        while ((i = Interlocked.Increment(ref _next) - 1) < count)
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
