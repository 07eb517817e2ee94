using Motiflens.Search.Spaces;

namespace Motiflens.Search.Controllers;

/// <summary>An architecture drawn from the controller and its log-probability under the sampling policy.</summary>
public sealed record SampledChild(Architecture Architecture, double LogProb);
