using System.Runtime.Intrinsics.X86;

namespace Motiflens.Engine.Layers;

/// <summary>
/// Everything <see cref="Conv1d"/> fixes at build: its geometry (PyTorch's length and "same"-padding arithmetic) and
/// which kernel strategy each pass uses. Immutable; the same plan always runs the same kernels, so results do not
/// depend on anything but the plan, the data and the chunking.
/// </summary>
/// <param name="InChannels">Input channels Cin.</param>
/// <param name="OutChannels">Output channels (filters).</param>
/// <param name="KernelSize">Kernel width k.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Dilation">Dilation.</param>
/// <param name="InputLength">Input length L.</param>
/// <param name="OutputLength">Output length.</param>
/// <param name="PadLeft">Zero rows added on the left.</param>
/// <param name="PadRight">Zero rows added on the right.</param>
internal sealed record Conv1dPlan(int InChannels, int OutChannels, int KernelSize, int Stride, int Dilation, int InputLength,
    int OutputLength, int PadLeft, int PadRight)
{
    /// <summary>The dense GEMM's inner blocking (products of an output are summed in blocks of this many).</summary>
    public const int GemmBlock = 256;

    /// <summary>Rows of one grouped weight-gradient GEMM.</summary>
    public const int GroupRows = 128;

    /// <summary>Input length with padding.</summary>
    public int PaddedLength => InputLength + PadLeft + PadRight;

    /// <summary>Whether the input is framed by zero rows.</summary>
    public bool IsPadded => PadLeft + PadRight > 0;

    /// <summary>The dense input-gradient strategy.</summary>
    public Conv1dInputGradientKind InputGradient =>
        Stride == 1 && Dilation == 1
            ? (InChannels < 8 ? Conv1dInputGradientKind.ColumnScatter : Conv1dInputGradientKind.FlippedGemm)
            : Conv1dInputGradientKind.PerTapGemm;

    /// <summary>
    /// Categorical input, weight gradient: bucket positions by code (one 256-row block of output positions, unit
    /// stride, AVX) rather than scatter rows block by block.
    /// </summary>
    public bool UsesBuckets => Stride == 1 && OutputLength <= GemmBlock && Avx.IsSupported;

    /// <summary>
    /// Dense input, weight gradient: short outputs make a per-sample dW GEMM mostly overhead (inner length = output
    /// length), so the im2col rows of a group of samples (~128 rows) go into one GEMM.
    /// </summary>
    public bool GroupsWeightGradient => Dilation == 1 && OutputLength < GroupRows && InChannels >= 8;

    /// <summary>Samples per grouped weight-gradient GEMM.</summary>
    public int GroupSize => Math.Max(1, GroupRows / OutputLength);

    /// <summary>Categorical input, forward: every output's products fit one GEMM block (or dilation makes one block per tap).</summary>
    public bool GathersInOneBlock => Dilation > 1 || KernelSize * InChannels <= GemmBlock;

    /// <summary>Dense input, forward: starting the output from the bias equals adding it after a single-block GEMM.</summary>
    public bool StartsFromBias => Dilation == 1 && KernelSize * InChannels <= GemmBlock;

    /// <summary>Row stride of the gather kernels' extended weights (output channels rounded up to 16).</summary>
    public int GatherRowStride => (OutChannels + 15) / 16 * 16;

    /// <summary>
    /// The plan for input (L, Cin); PyTorch's arithmetic: "same" pads span/2 on the left and the rest on the right.
    /// Throws <see cref="ArgumentException"/> when the kernel does not fit.
    /// </summary>
    public static Conv1dPlan Create(int inChannels, int inputLength, int outChannels, int kernelSize, int stride, int dilation, Padding padding)
    {
        int span = dilation * (kernelSize - 1);
        int padLeft = 0, padRight = 0;
        if (padding == Padding.Same)
        {
            padLeft = span / 2;
            padRight = span - padLeft;
        }

        int padded = inputLength + padLeft + padRight;
        int outputLength = (padded - span - 1) / stride + 1;
        if (padded - span - 1 < 0 || outputLength < 1)
        {
            throw new ArgumentException($"Conv1d kernel_size={kernelSize}, dilation={dilation} does not fit input length {inputLength}");
        }

        return new Conv1dPlan(inChannels, outChannels, kernelSize, stride, dilation, inputLength, outputLength, padLeft, padRight);
    }
}
