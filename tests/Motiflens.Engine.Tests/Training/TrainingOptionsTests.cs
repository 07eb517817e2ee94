using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class TrainingOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndFollowTheDocs()
    {
        var o = new TrainingOptions();
        o.Validate();
        Assert.Equal((20, 128, 1e-3, 5, 0.2, 3), (o.Epochs, o.BatchSize, o.LearningRate, o.Patience, o.LrFactor, o.LrPatience));
    }

    [Theory]
    [InlineData(0, 1, 1e-3, "epochs must be at least 1")]
    [InlineData(1, 0, 1e-3, "batch size must be at least 1")]
    [InlineData(1, 1, 0.0, "learning rate must be a positive number")]
    public void Validate_RejectsUnusableValues(int epochs, int batch, double lr, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrainingOptions { Epochs = epochs, BatchSize = batch, LearningRate = lr }.Validate());
        Assert.StartsWith(message, ex.Message);
    }
}
