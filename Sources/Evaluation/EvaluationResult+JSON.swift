import Foundation

extension EvaluationResult {
    /// The JSON form stored in the workspace. Undefined metrics (a row whose every target failed has NaN
    /// means) are written as the strings "nan", "inf", "-inf"; decode with `fromJSON`.
    public func json() throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try e.encode(self), as: UTF8.self)
    }

    /// Decodes the output of `json()`.
    public static func fromJSON(_ text: String) throws -> EvaluationResult {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try d.decode(EvaluationResult.self, from: Data(text.utf8))
    }
}
