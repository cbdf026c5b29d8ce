import ArgumentParser
import Workbench

struct TrainCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Pretrain a model on studies simulated from its prior (resumable).",
        discussion: "--steps is the total: a model trained for M < N steps continues from its stored checkpoint (weights, "
            + "optimiser state, schedule) to N; the cosine schedule is stretched to the new total, so a raised N restarts the decay "
            + "from where the new schedule stands (a warm restart). Checkpoints (every 100 steps by default) are stored in the workspace with the run "
            + "(status, loss curve; `model show NAME`). Options omitted when resuming keep their stored values; a new run "
            + "uses batch 16, lr 0.001 (warm-up and cosine decay) and the session seed. Both cores are used.")
    @Argument(help: "The model.") var name: String
    @Option(help: "Total optimisation steps.") var steps: Int
    @Option(help: "Simulated studies per step (at least 2).") var batch: Int?
    @Option(help: "Seed of the simulated data and latent noise (default: stored, else the session seed).") var seed: UInt64?
    @Option(help: "Peak learning rate.") var lr: Float?
    @Option(help: "Steps between checkpoints stored in the workspace.") var checkpointEvery = 100

    static var positionalCompletions: [Completion] { [.models] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        // End the progress line before the result is printed (an interrupted run leaves it unfinished).
        defer { context.interpreter.progressBar.finish() }
        return try context.session.train(name, steps: steps, batch: batch, seed: seed, learningRate: lr,
                                         checkpointEvery: checkpointEvery, progress: context.progressHandler)
    }
}
