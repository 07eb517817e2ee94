using Motiflens.Engine.Layers;

namespace Motiflens.Engine.Tests.Layers;

public class Conv1dPlanTests
{
    [Theory]
    [InlineData(7, 1, 3, 3)]
    [InlineData(4, 1, 1, 2)] // PyTorch puts the odd extra zero on the right
    [InlineData(3, 4, 4, 4)]
    public void Create_SamePaddingSplitsTheSpanAsPyTorch(int k, int dilation, int left, int right)
    {
        var plan = Conv1dPlan.Create(4, 50, 8, k, 1, dilation, Padding.Same);
        Assert.Equal((left, right, 50, 50 + left + right), (plan.PadLeft, plan.PadRight, plan.OutputLength, plan.PaddedLength));
    }

    [Fact]
    public void Create_ValidStridedLengthFollowsPyTorch()
    {
        // floor((100 − 2·(5 − 1) − 1) / 3) + 1 = 31
        var plan = Conv1dPlan.Create(4, 100, 8, 5, 3, 2, Padding.Valid);
        Assert.Equal(31, plan.OutputLength);
        Assert.False(plan.IsPadded);
    }

    [Fact]
    public void Create_KernelLongerThanInputThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Conv1dPlan.Create(4, 10, 8, 6, 1, 2, Padding.Valid));
        Assert.Contains("does not fit input length 10", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 1, 1, "ColumnScatter")]
    [InlineData(32, 1, 1, "FlippedGemm")]
    [InlineData(32, 2, 1, "PerTapGemm")]
    [InlineData(4, 1, 2, "PerTapGemm")]
    public void InputGradient_ChosenByStrideDilationAndChannels(int inChannels, int stride, int dilation, string expected)
    {
        Assert.Equal(expected, Conv1dPlan.Create(inChannels, 60, 8, 3, stride, dilation, Padding.Valid).InputGradient.ToString());
    }

    [Fact]
    public void GroupedWeightGradient_OnlyForShortOutputsWithEnoughChannels()
    {
        var shortWide = Conv1dPlan.Create(16, 12, 8, 3, 1, 1, Padding.Valid); // output length 10
        Assert.True(shortWide.GroupsWeightGradient);
        Assert.Equal(12, shortWide.GroupSize); // 128 / 10
        Assert.False(Conv1dPlan.Create(4, 12, 8, 3, 1, 1, Padding.Valid).GroupsWeightGradient);
        Assert.False(Conv1dPlan.Create(16, 200, 8, 3, 1, 1, Padding.Valid).GroupsWeightGradient);
    }

    [Fact]
    public void Gather_OneBlockUnlessTheProductsSpanSeveralGemmBlocks()
    {
        Assert.True(Conv1dPlan.Create(4, 60, 8, 19, 1, 1, Padding.Valid).GathersInOneBlock); // 76 products
        Assert.False(Conv1dPlan.Create(64, 60, 8, 5, 1, 1, Padding.Valid).GathersInOneBlock); // 320 > 256
        Assert.True(Conv1dPlan.Create(64, 60, 8, 5, 1, 2, Padding.Valid).GathersInOneBlock); // a block per tap
        Assert.Equal(32, Conv1dPlan.Create(4, 60, 17, 3, 1, 1, Padding.Valid).GatherRowStride);
    }

    [Fact]
    public void Conv1d_BuildFixesItsPlan()
    {
        var conv = new Conv1d(8, 5, padding: Padding.Same);
        conv.Build([40, 4], new Random(0));
        Assert.Equal(Conv1dPlan.Create(4, 40, 8, 5, 1, 1, Padding.Same), conv.Plan);
    }
}
