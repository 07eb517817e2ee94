namespace Motiflens.Engine.Training;

/// <summary>
/// One throughput measurement, with the fields of the PyTorch reference benchmark (../shared/bench/torch_bench.py).
/// </summary>
/// <param name="Model">"bionas-small" or "deep".</param>
/// <param name="Measure">"train", "infer" or "saliency".</param>
/// <param name="Batch">Sequences per step.</param>
/// <param name="Threads">Engine threads.</param>
/// <param name="SeqsPerS">Sequences per second over the timed steps.</param>
/// <param name="Steps">Timed steps.</param>
/// <param name="Seconds">Timed wall seconds.</param>
/// <param name="StepMsMedian">Median step time in milliseconds.</param>
/// <param name="FlopsPerSeq">Floating-point operations per sequence, counted as the reference script does.</param>
/// <param name="Gflops">SeqsPerS × FlopsPerSeq / 1e9.</param>
/// <param name="Input">"codes" (byte codes, the engine's categorical path) or "onehot" (float (N, L, 4) tensors).</param>
public sealed record BenchmarkResult(string Model, string Measure, int Batch, int Threads, double SeqsPerS, int Steps, double Seconds,
    double StepMsMedian, long FlopsPerSeq, double Gflops, string Input);
