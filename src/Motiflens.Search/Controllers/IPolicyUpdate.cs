using Motiflens.Engine.Recurrent;

namespace Motiflens.Search.Controllers;

/// <summary>A policy-gradient rule: updates the policy from the buffer of recent episodes (the last one is the newest).</summary>
public interface IPolicyUpdate
{
    PolicyUpdateReport Update(ControllerPolicy policy, ArrayAdam optimizer, IReadOnlyList<Episode> buffer, ControllerOptions options);
}
