import Foundation
import GRDB
import PKData

extension StudyStore {
    static func summary(_ db: Database, id: Int64) throws -> StudySummary? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM studies WHERE id = ?", arguments: [id]) else { return nil }
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [id]) ?? 0 }
        return StudySummary(
            id: id, name: row["name"], source: row["source"],
            subjects: try count("SELECT COUNT(*) FROM subjects WHERE study_id = ?"),
            doses: try count("SELECT COUNT(*) FROM events WHERE study_id = ? AND kind = 'dose'"),
            observations: try count("SELECT COUNT(*) FROM events WHERE study_id = ? AND kind = 'observation'"),
            records: try count("SELECT COUNT(*) FROM events WHERE study_id = ? AND cells IS NOT NULL"),
            units: try JSONText.decode(StudyUnits.self, row["units"]),
            created: WorkspaceClock.date(row["created"]))
    }

    /// The study, with all subjects or only `subject` (then `subjects` is empty when it has no such subject).
    static func loadStudy(_ db: Database, name: String, subject: String? = nil) throws -> Study? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, units FROM studies WHERE name = ?", arguments: [name])
        else { return nil }
        let studyID: Int64 = row["id"]
        var subjects: [Subject] = []
        var index: [Int64: Int] = [:]
        let subjectRows = subject == nil
            ? try Row.fetchAll(db, sql: "SELECT id, subject FROM subjects WHERE study_id = ? ORDER BY position", arguments: [studyID])
            : try Row.fetchAll(db, sql: "SELECT id, subject FROM subjects WHERE study_id = ? AND subject = ?",
                               arguments: [studyID, subject])
        for s in subjectRows {
            index[s["id"]] = subjects.count
            subjects.append(Subject(id: s["subject"]))
        }
        let only: Int64? = subject == nil ? nil : subjectRows.first.map { $0["id"] } ?? -1
        let events = only == nil
            ? try Row.fetchAll(db, sql: "SELECT * FROM events WHERE study_id = ? AND kind != 'record' ORDER BY id",
                               arguments: [studyID])
            : try Row.fetchAll(db, sql: "SELECT * FROM events WHERE study_id = ? AND subject_id = ? AND kind != 'record' ORDER BY id",
                               arguments: [studyID, only])
        for e in events {
            guard let sid: Int64 = e["subject_id"], let i = index[sid] else { continue }
            if (e["kind"] as String) == "dose" {
                subjects[i].doses.append(Dose(
                    time: e["time"], amount: e["amount"], route: DoseRoute(rawValue: e["route"]) ?? .oral,
                    duration: e["duration"], compartment: e["compartment"], steadyState: e["steady_state"],
                    interval: e["interval"], row: e["row_number"]))
            } else {
                subjects[i].observations.append(Observation(
                    time: e["time"], value: e["value"], output: e["output"], censored: e["censored"],
                    lloq: e["lloq"], row: e["row_number"]))
            }
        }
        for c in try Row.fetchAll(db, sql: """
            SELECT c.subject_id, c.name, c.time, c.value FROM covariates c JOIN subjects s ON s.id = c.subject_id
            WHERE s.study_id = ? AND (? IS NULL OR c.subject_id = ?) ORDER BY c.id
            """, arguments: [studyID, only, only]) {
            guard let i = index[c["subject_id"]] else { continue }
            let name: String = c["name"]
            if let time: Double = c["time"] {
                subjects[i].timeVaryingCovariates[name, default: []].append(CovariateChange(time: time, value: c["value"]))
            } else {
                subjects[i].covariates[name] = c["value"]
            }
        }
        return Study(name: name, subjects: subjects, units: try JSONText.decode(StudyUnits.self, row["units"]))
    }
}
