import Foundation

/// How a model was trained, as aicmet-train writes it to `training.json` beside the weights: the command,
/// seed, settings and run state (loss curve). An ensemble's `training.json` is a list, one per member in order.
public struct TrainingRecord: Codable, Sendable {
    public var command: String
    public var seed: UInt64
    public var config: TrainingConfig
    public var state: TrainingState

    public init(command: String, seed: UInt64, config: TrainingConfig, state: TrainingState) {
        self.command = command; self.seed = seed; self.config = config; self.state = state
    }

    /// The record's file name inside a model folder.
    public static let fileName = "training.json"

    /// The `training.json` beside `file`.
    public static func url(beside file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(fileName)
    }

    /// The records of the `training.json` beside `file` (one object, or a list); empty when there is none.
    /// Throws a decoding error when the file is neither.
    public static func read(beside file: URL) throws -> [TrainingRecord] {
        guard let data = try? Data(contentsOf: url(beside: file)) else { return [] }
        if let list = try? JSONDecoder().decode([TrainingRecord].self, from: data) { return list }
        return [try JSONDecoder().decode(TrainingRecord.self, from: data)]
    }

    /// Writes `records` as `url`: one object for one record, a list for several (an ensemble's members).
    public static func write(_ records: [TrainingRecord], to url: URL) throws {
        let encoder = JSONEncoder(); encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = records.count == 1 ? try encoder.encode(records[0]) : try encoder.encode(records)
        try data.write(to: url, options: .atomic)
    }
}
