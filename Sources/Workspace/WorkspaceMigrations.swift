import GRDB

/// The workspace schema as named, append-only migrations. Never edit or reorder a shipped
/// migration: add a new one at the end (e.g. "v2-…"), so workspaces made by older versions open.
enum WorkspaceMigrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()

        // Studies with their subjects, one event row per NONMEM record (original 1-based CSV row
        // kept; the header is row 1) and covariates. `columns` is the raw header (NULL for studies
        // without raw records, e.g. simulated ones).
        m.registerMigration("v1-studies") { db in
            try db.execute(sql: """
                CREATE TABLE studies (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    source TEXT,
                    columns TEXT,
                    units TEXT NOT NULL,
                    report TEXT,
                    created TEXT NOT NULL
                );
                CREATE TABLE subjects (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    subject TEXT NOT NULL,
                    UNIQUE (study_id, subject)
                );
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
                    subject_id INTEGER REFERENCES subjects(id) ON DELETE CASCADE,
                    row_number INTEGER,
                    kind TEXT NOT NULL CHECK (kind IN ('dose', 'observation', 'record')),
                    time REAL,
                    amount REAL,
                    route TEXT,
                    duration REAL,
                    compartment INTEGER,
                    steady_state INTEGER,
                    interval REAL,
                    value REAL,
                    output INTEGER,
                    censored INTEGER,
                    lloq REAL,
                    cells TEXT
                );
                CREATE INDEX events_study ON events(study_id, subject_id, kind);
                CREATE TABLE covariates (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    subject_id INTEGER NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    time REAL,
                    value REAL NOT NULL
                );
                CREATE INDEX covariates_subject ON covariates(subject_id);
                """)
        }

        // Every command of every session, in order.
        m.registerMigration("v1-history") { db in
            try db.execute(sql: """
                CREATE TABLE history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    command TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
                    message TEXT,
                    started TEXT NOT NULL,
                    finished TEXT NOT NULL,
                    duration REAL NOT NULL
                );
                CREATE INDEX history_session ON history(session, sequence);
                """)
        }

        // Models (spec, plugins, weights, provenance), training runs, evaluations, prior manifests.
        m.registerMigration("v1-models") { db in
            try db.execute(sql: """
                CREATE TABLE priors (
                    id TEXT PRIMARY KEY,
                    manifest TEXT NOT NULL,
                    created TEXT NOT NULL
                );
                CREATE TABLE models (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    spec TEXT NOT NULL,
                    plugins TEXT NOT NULL,
                    weights BLOB,
                    parent_id INTEGER REFERENCES models(id) ON DELETE SET NULL,
                    metrics TEXT,
                    created TEXT NOT NULL
                );
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    model_id INTEGER REFERENCES models(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('pretrain', 'finetune')),
                    command TEXT NOT NULL,
                    seed INTEGER NOT NULL,
                    steps INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    loss_curve TEXT NOT NULL,
                    started TEXT NOT NULL,
                    finished TEXT
                );
                CREATE TABLE evaluations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    study TEXT NOT NULL,
                    forecasters TEXT NOT NULL,
                    settings TEXT NOT NULL,
                    results TEXT NOT NULL,
                    created TEXT NOT NULL
                );
                """)
        }
        // Session numbers allocated atomically (two shells on one workspace get different numbers).
        m.registerMigration("v1-sessions") { db in
            try db.execute(sql: """
                CREATE TABLE sessions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started TEXT NOT NULL
                );
                INSERT INTO sessions (id, started) SELECT DISTINCT session, MIN(started) FROM history GROUP BY session;
                """)
        }
        return m
    }
}
