namespace Motiflens.Search.Population;

/// <summary>One point of a population grid.</summary>
/// <param name="Id">Unique, file-name-safe id, e.g. <c>bn-relu-input_noise-s1</c>.</param>
/// <param name="BatchNorm">Whether the base model keeps its batchnorm layers.</param>
/// <param name="Activation">Activation of the first convolution ("relu", "exponential", ...).</param>
/// <param name="Regularization">The one regulariser switched on.</param>
/// <param name="Seed">Training seed (initialisation, shuffling, dropout, regulariser noise).</param>
public sealed record PopulationMember(string Id, bool BatchNorm, string Activation, RegularizationKind Regularization, int Seed);
