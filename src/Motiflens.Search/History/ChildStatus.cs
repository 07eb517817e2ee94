namespace Motiflens.Search.History;

/// <summary>Outcome of one child: <see cref="Ok"/> (measured) or <see cref="Failed"/> (invalid, crashed, or not recorded).</summary>
public enum ChildStatus
{
    Ok,
    Failed,
}
