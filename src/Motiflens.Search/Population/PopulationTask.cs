using Motiflens.Engine.Spec;
using Motiflens.Engine.Training;

namespace Motiflens.Search.Population;

/// <summary>
/// Everything needed to train, attribute and score one population member, stored as <c>task.json</c> in the
/// member's directory (<see cref="PopulationFiles"/>) so it can run in this process, in a child process
/// (<c>motiflens population-member --task FILE</c>) or as a Slurm array job.
/// </summary>
/// <param name="Member">Grid point and seed.</param>
/// <param name="Data">Absolute path of the dataset .npz (train, valid, test with pwm_test for ground truth).</param>
/// <param name="Spec">The member's model (batchnorm and activation already applied).</param>
/// <param name="Training">Training options with the member's regulariser and seed (threads are chosen when it runs).</param>
/// <param name="Attribution">Saliency sequences and examples kept.</param>
public sealed record PopulationTask(PopulationMember Member, string Data, ModelSpec Spec, TrainingOptions Training, PopulationAttribution Attribution);
