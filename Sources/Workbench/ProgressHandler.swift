/// How a long command reports progress: `done` of `total` steps and the live metric as text
/// (e.g. "loss 0.123"). The Shell passes `ShellContext.progress`, which draws a bar with an ETA on
/// stderr when interactive; tests pass `{ _, _, _ in }` or a collector.
public typealias ProgressHandler = (_ done: Int, _ total: Int, _ metric: String) -> Void
