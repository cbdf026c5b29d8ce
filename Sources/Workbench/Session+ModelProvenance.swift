import AICMET
import Foundation

extension Session {
    /// Where a saved model came from, stored as JSON in `models.metrics`: how it was made (`origin`:
    /// "model new", "model import FILE", "pretrained FILE", "finetune"), the seed of its initial weights,
    /// the model it was finetuned from and the finetune report, and for a pretrained import the training
    /// record shipped beside its weights.
    public struct ModelProvenance: Codable, Sendable {
        public var origin: String
        public var initSeed: UInt64?
        public var parent: String?
        public var finetune: FinetuneReport?
        public var pretrained: PretrainedModel.TrainingRecord?
        /// The pretraining records of an ensemble's members, in member order.
        public var pretrainedMembers: [PretrainedModel.TrainingRecord]?

        public init(origin: String, initSeed: UInt64? = nil, parent: String? = nil, finetune: FinetuneReport? = nil,
                    pretrained: PretrainedModel.TrainingRecord? = nil, pretrainedMembers: [PretrainedModel.TrainingRecord]? = nil) {
            self.origin = origin; self.initSeed = initSeed; self.parent = parent; self.finetune = finetune
            self.pretrained = pretrained; self.pretrainedMembers = pretrainedMembers
        }

        func json() -> String {
            let encoder = JSONEncoder(); encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try! encoder.encode(self), as: UTF8.self)
        }

        static func decode(_ text: String?) -> ModelProvenance? {
            guard let text else { return nil }
            return try? JSONDecoder().decode(ModelProvenance.self, from: Data(text.utf8))
        }
    }
}
