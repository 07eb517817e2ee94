using Motiflens.Engine.Training;

namespace Motiflens.Engine.Tests.Training;

public class AdversarialExamplesTests
{
    [Fact]
    public void Fgsm_AddsEpsilonTimesTheSignOfTheGradient()
    {
        float[] x = [1, 0, 0, 0.5f];
        float[] g = [0.3f, -2f, 0f, -1e-9f];
        var d = new float[4];
        AdversarialExamples.Fgsm(x, g, 0.25f, d);
        Assert.Equal([1.25f, -0.25f, 0f, 0.25f], d);
    }

    [Fact]
    public void PgdStep_StaysInTheEpsilonBall()
    {
        var rng = new Random(2);
        float[] x = Enumerable.Range(0, 40).Select(i => i % 4 == 0 ? 1f : 0f).ToArray();
        var adv = new float[40];
        AdversarialExamples.RandomStart(x, 0.1f, rng, adv);
        Assert.All(Enumerable.Range(0, 40), i => Assert.InRange(adv[i] - x[i], -0.1f, 0.1f));
        for (int step = 0; step < 10; step++)
        {
            var g = Enumerable.Range(0, 40).Select(_ => (float)rng.NextDouble() - 0.3f).ToArray();
            AdversarialExamples.PgdStep(adv, x, g, 0.04f, 0.1f);
            Assert.All(Enumerable.Range(0, 40), i => Assert.InRange(adv[i], x[i] - 0.1f, x[i] + 0.1f));
        }

        // A constant positive gradient drives every entry to the ball's upper face, exactly.
        var up = Enumerable.Repeat(1f, 40).ToArray();
        for (int step = 0; step < 10; step++)
        {
            AdversarialExamples.PgdStep(adv, x, up, 0.04f, 0.1f);
        }

        Assert.Equal(x.Select(v => v + 0.1f), adv);
    }

    [Fact]
    public void PgdStep_TakesAFullSignedStepInsideTheBall()
    {
        float[] x = [0, 1];
        float[] adv = [0, 1];
        AdversarialExamples.PgdStep(adv, x, [5f, -0.001f], 0.04f, 0.1f);
        Assert.Equal([0.04f, 1f - 0.04f], adv);
    }
}
