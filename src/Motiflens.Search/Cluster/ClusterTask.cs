namespace Motiflens.Search.Cluster;

/// <summary>
/// One unit of work for a cluster job array: run motiflens with <see cref="Arguments"/>; the task has succeeded when it
/// exits 0 having written <see cref="ResultPath"/> (atomically, e.g. with <c>AtomicFile</c>). Its standard output and
/// error are appended to <see cref="LogPath"/>, one header line per attempt.
/// </summary>
/// <param name="Id">Unique within the runner's work directory across runs (e.g. "trial-00012", a model id); letters, digits, '.', '_' and '-'.</param>
/// <param name="Arguments">Arguments after the motiflens command itself (e.g. ["population-member", "--task", "DIR/models/m1/task.json"]).</param>
/// <param name="ResultPath">The file the task writes when it succeeds; a task whose result already exists is not run.</param>
/// <param name="LogPath">The task's own log (stdout and stderr of every attempt).</param>
public sealed record ClusterTask(string Id, IReadOnlyList<string> Arguments, string ResultPath, string LogPath);
