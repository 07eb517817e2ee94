namespace Motiflens.Search.Evaluation;

/// <summary>Turns a child's measurement into the scalar reward the controller maximises.</summary>
public interface IRewardFunction
{
    double Reward(ChildMeasurement measurement);
}
