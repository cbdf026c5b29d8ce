import ArgumentParser

/// `aicmet-train`: the long-running side of model development, outside the REPL.
struct AICMETTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aicmet-train",
        abstract: "Pretrain AICMET variants and evaluate checkpoints on held-out synthetic and real studies.",
        subcommands: [Pretrain.self, EvaluateCheckpoints.self, JoinEnsemble.self, SetInference.self, MeasureSupport.self, MeasureSpread.self, Profile.self])
}

AICMETTrain.main()
