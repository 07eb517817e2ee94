using Motiflens.Engine;
using Motiflens.Engine.Layers;
using Motiflens.Interpretation.Attribution;

namespace Motiflens.Interpretation.Tests.Attribution;

internal static class TinyModels
{
    public const int Length = 12;

    /// <summary>A smooth two-output model (softplus conv → dense → tanh dense), so finite differences are accurate.</summary>
    public static Model Smooth(int seed = 1) => new(Length, 4,
    [
        new Conv1d(outChannels: 4, kernelSize: 5, activation: Activation.Softplus),
        new Flatten(),
        new Dense(6, Activation.Tanh),
        new Dense(2),
    ], seed: seed, threads: 1)
    { Training = false };

    /// <summary>A linear model: its gradient is the same everywhere.</summary>
    public static Model Linear(int seed = 2) => new(Length, 4,
    [
        new Conv1d(outChannels: 3, kernelSize: 4),
        new Flatten(),
        new Dense(1),
    ], seed: seed, threads: 1)
    { Training = false };

    public static byte[] Codes(int n, int seed, bool withN = false)
    {
        var random = new Random(seed);
        var codes = new byte[n * Length];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)random.Next(4);
        }

        if (withN)
        {
            codes[3] = 4;
        }

        return codes;
    }

    public static float Output(Model model, float[] x, int output) =>
        model.Forward(new Tensor(x.ToArray(), 1, Length, 4), recordGradients: false).Span[output];

    public static float[] Run(Model model, byte[] codes, IAttributionMethod method, int output = 0, int batchSize = 64, bool correct = false) =>
        AttributionRunner.Run(model, codes, Length, method, new AttributionOptions(output, batchSize, correct));
}
