using Motiflens.Engine.Training;
using Motiflens.IO;
using Motiflens.Search.Population;

namespace Motiflens.Search.Tests.Population;

public class PopulationGridReaderTests
{
    [Fact]
    public void Parse_YamlOverridesTheGivenKeysAndKeepsPaperDefaults()
    {
        var grid = PopulationGridReader.Parse("""
            name: probe
            batchnorm: false
            activation: [exponential]
            regularization: [none, adversarial, spectral_norm]
            seeds: 3
            training: {epochs: 7, patience: 2, lr: 0.002}
            strengths: {adversarial: fgsm, adversarial_epsilon: 0.05, spectral_norm_penalty: 0.1}
            attribution: {max_sequences: 100, examples: 4}
            """, "probe.yaml", ".");
        Assert.Equal("probe", grid.Name);
        Assert.Equal(9, grid.Count);
        Assert.Equal([false], grid.BatchNorm);
        Assert.Equal((7, 2, 0.002, 128), (grid.Training.Epochs, grid.Training.Patience, grid.Training.LearningRate, grid.Training.BatchSize));
        Assert.Equal((AdversarialKind.Fgsm, 0.05, 0.1, 0.2), (grid.Strengths.Adversarial, grid.Strengths.AdversarialEpsilon, grid.Strengths.SpectralNormPenalty, grid.Strengths.InputMixupAlpha));
        Assert.Equal(new PopulationAttribution(100, 4), grid.Attribution);
        Assert.Null(grid.BaseSpec);
    }

    [Fact]
    public void Parse_JsonGridWithAModelFile()
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "m.json"), """
            {"input": {"length": 30}, "layers": [{"type": "conv1d", "filters": 4, "kernel_size": 5, "activation": "relu"},
             {"type": "global_maxpool1d"}, {"type": "dense", "units": 1, "activation": "sigmoid"}], "loss": "bce"}
            """);
        File.WriteAllText(Path.Combine(dir, "g.json"), """{"model": "m.json", "batchnorm": [true], "regularization": ["input_noise"], "seeds": 1}""");
        var grid = PopulationGridReader.Load(Path.Combine(dir, "g.json"));
        Assert.Equal("g", grid.Name);
        Assert.Equal(2, grid.Count);
        var task = grid.Tasks(0, "/d.npz", 30)[1];
        Assert.Equal("bn-exponential-input_noise-s0", task.Member.Id);
        Assert.Equal(Engine.Spec.ActivationKind.Exponential, task.Spec.Layers[0].Activation);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("seeds: 0", "g.yaml:1:", "seeds: expected an integer >= 1, found '0'")]
    [InlineData("activation: [relu, gelu]", "g.yaml:1:", "activation: expected one of relu, exponential")]
    [InlineData("regularization: [dropout]", "g.yaml:1:", "regularization: expected one of none, input_mixup")]
    [InlineData("name: x\nepochs: 3", "g.yaml:2:", "grid: expected one of name, model")]
    [InlineData("training: {epoch: 3}", "g.yaml:1:", "training: expected one of epochs")]
    [InlineData("model: missing.json", "g.yaml:1:", "no such file")]
    [InlineData("activation: [relu, relu]", "g.yaml", "lists a value twice")]
    [InlineData("- a\n- b", "g.yaml:1:", "expected a mapping")]
    public void Parse_BadGrid_NamesFileLineAndProblem(string yaml, string where, string problem)
    {
        var ex = Assert.Throws<InputException>(() => PopulationGridReader.Parse(yaml, "g.yaml", "/nonexistent"));
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
