/// The store's schema as an ordered list of migrations; `PRAGMA user_version` records how many
/// have been applied, so opening an older store upgrades it in place.
enum StoreSchema {
    /// Migration `n` (1-based) brings a store from version `n - 1` to `n`.
    static let migrations: [String] = [
        """
        CREATE TABLE users (
            rid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL,
            login TEXT,
            email TEXT,
            first_name TEXT,
            last_name TEXT,
            display_name TEXT NOT NULL,
            created INTEGER,
            activated INTEGER,
            status_changed INTEGER,
            last_login INTEGER,
            last_updated INTEGER,
            password_changed INTEGER,
            profile TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            removed_at INTEGER,
            seen_run INTEGER NOT NULL,
            name_key TEXT NOT NULL,
            login_key TEXT NOT NULL,
            last_login_key INTEGER NOT NULL,
            created_key INTEGER NOT NULL,
            search TEXT NOT NULL
        );
        CREATE INDEX users_by_name ON users(name_key, rid, removed_at);
        CREATE INDEX users_by_login ON users(login_key, rid, removed_at);
        CREATE INDEX users_by_status ON users(status, rid, removed_at);
        CREATE INDEX users_by_last_login ON users(last_login_key, rid, removed_at);
        CREATE INDEX users_by_created ON users(created_key, rid, removed_at);
        CREATE INDEX users_by_seen_run ON users(seen_run);
        CREATE VIRTUAL TABLE users_search USING fts5(
            search, content='users', content_rowid='rid', tokenize='trigram');
        CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
            INSERT INTO users_search(rowid, search) VALUES (new.rid, new.search);
        END;
        CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
            INSERT INTO users_search(users_search, rowid, search)
                VALUES ('delete', old.rid, old.search);
        END;
        CREATE TRIGGER users_search_update AFTER UPDATE OF search ON users BEGIN
            INSERT INTO users_search(users_search, rowid, search)
                VALUES ('delete', old.rid, old.search);
            INSERT INTO users_search(rowid, search) VALUES (new.rid, new.search);
        END;
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY,
            mode TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            outcome TEXT NOT NULL,
            pages INTEGER NOT NULL DEFAULT 0,
            added INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            removed INTEGER NOT NULL DEFAULT 0,
            requests INTEGER NOT NULL DEFAULT 0,
            rate_limited INTEGER NOT NULL DEFAULT 0,
            high_water_mark INTEGER,
            users_seen INTEGER NOT NULL DEFAULT 0,
            message TEXT
        );
        """,
        // 2: no query can use an index on `seen_run` (removal asks `seen_run <> ?`), and
        // keeping it cost every stored and every re-seen user one more b-tree write.
        """
        DROP INDEX IF EXISTS users_by_seen_run;
        """,
        // 3: browser queries that never read the profile JSON pages (1.2 GB at 1M users).
        // `users_text` is a narrow copy of the search text, appended in row-id order (cheap to
        // keep): one- and two-character filters scan it instead of the users table. The
        // last-login index carries the status so the utilization and "license" counts are
        // index-only; `users_removed` lists removed users so a text filter's count is its FTS
        // hits minus the removed ones.
        """
        CREATE TABLE users_text (rid INTEGER PRIMARY KEY, search TEXT NOT NULL);
        INSERT INTO users_text(rid, search) SELECT rid, search FROM users;
        CREATE TRIGGER users_text_insert AFTER INSERT ON users BEGIN
            INSERT INTO users_text(rid, search) VALUES (new.rid, new.search);
        END;
        CREATE TRIGGER users_text_delete AFTER DELETE ON users BEGIN
            DELETE FROM users_text WHERE rid = old.rid;
        END;
        CREATE TRIGGER users_text_update AFTER UPDATE OF search ON users BEGIN
            UPDATE users_text SET search = new.search WHERE rid = old.rid;
        END;
        DROP INDEX IF EXISTS users_by_last_login;
        CREATE INDEX users_by_last_login ON users(last_login_key, rid, removed_at, status);
        CREATE INDEX users_removed ON users(rid) WHERE removed_at IS NOT NULL;
        """,
        // 4: the search text is folded (`SearchFold`), not only lowercased: decomposed
        // accents composed, Greek final sigma as sigma. The narrow `users_text` says which
        // rows change (reading the users table would read every profile); the triggers carry
        // the new text to `users_text` and the trigram index. Measured once at a million
        // demo users (43 % of rows with non-ASCII text, none changed): 1.1 s.
        // FIXME: rows that do change are rewritten with their index entries in one
        // transaction while the app shows nothing: an org whose every name has a Greek final
        // sigma took 4.5 s at 100,000 users (so about 45 s at a million), and another process
        // opening the store meanwhile gives up after 5 s ("database is locked").
        """
        UPDATE users SET search = okta_connect_fold(search)
        WHERE rid IN (SELECT rid FROM users_text WHERE search <> okta_connect_fold(search));
        """,
    ]

    static var currentVersion: Int64 { Int64(migrations.count) }
}
