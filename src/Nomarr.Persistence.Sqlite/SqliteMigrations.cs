namespace Nomarr.Persistence.Sqlite;

/// <summary>The schema, as numbered scripts. Never edit a released script: add the next one.</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "libraries, files and scan runs", """
            CREATE TABLE libraries (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                root_path TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                watch INTEGER NOT NULL DEFAULT 1,
                last_scan_at TEXT NULL,
                last_scan_started_at TEXT NULL,
                full_scan_in_progress INTEGER NOT NULL DEFAULT 0,
                scan_lease_owner TEXT NULL,
                scan_lease_expires_at TEXT NULL
            );

            -- mtime is nanoseconds since the Unix epoch; times are ISO-8601 UTC text of fixed width.
            CREATE TABLE library_files (
                id INTEGER PRIMARY KEY,
                library_id INTEGER NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
                normalized_path TEXT NOT NULL,
                size INTEGER NOT NULL,
                mtime INTEGER NOT NULL,
                title TEXT NULL,
                artist TEXT NULL,
                album TEXT NULL,
                album_artist TEXT NULL,
                track INTEGER NULL,
                disc INTEGER NULL,
                year INTEGER NULL,
                genre TEXT NULL,
                duration REAL NULL,
                bitrate INTEGER NULL,
                sample_rate INTEGER NULL,
                channels INTEGER NULL,
                codec TEXT NULL,
                valid INTEGER NOT NULL DEFAULT 1,
                read_error TEXT NULL,
                last_seen_scan_id INTEGER NULL,
                added_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                missing_since TEXT NULL,
                UNIQUE (library_id, normalized_path)
            );
            CREATE INDEX ix_library_files_valid ON library_files (library_id, valid);

            CREATE TABLE scan_runs (
                id INTEGER PRIMARY KEY,
                library_id INTEGER NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
                targets TEXT NOT NULL,
                full_scan INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT NULL,
                status TEXT NOT NULL,
                result TEXT NULL,
                error TEXT NULL
            );
            CREATE INDEX ix_scan_runs_library ON scan_runs (library_id, id);
            """),
        new(2, "queued scan targets", """
            -- Targets waiting for a scan of their library; kept across restarts so that nothing queued is lost.
            CREATE TABLE pending_scan_targets (
                library_id INTEGER NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
                folder_path TEXT NOT NULL,
                queued_at TEXT NOT NULL,
                PRIMARY KEY (library_id, folder_path)
            );
            """),
        new(3, "file identities for move detection, root device", """
            -- audio_id: a hash of the audio payload only (tags excluded); device + inode: the
            -- filesystem's own identity of the file; fingerprint: an optional Chromaprint.
            ALTER TABLE library_files ADD COLUMN audio_id TEXT NULL;
            ALTER TABLE library_files ADD COLUMN device INTEGER NULL;
            ALTER TABLE library_files ADD COLUMN inode INTEGER NULL;
            ALTER TABLE library_files ADD COLUMN fingerprint TEXT NULL;
            CREATE INDEX ix_library_files_audio_id ON library_files (library_id, audio_id) WHERE audio_id IS NOT NULL;
            CREATE INDEX ix_library_files_inode ON library_files (library_id, inode) WHERE inode IS NOT NULL;
            CREATE INDEX ix_library_files_fingerprint ON library_files (library_id, fingerprint) WHERE fingerprint IS NOT NULL;
            CREATE INDEX ix_library_files_missing ON library_files (valid, missing_since);

            -- The device the root was on at the last scan: a different one means an unmounted drive.
            ALTER TABLE libraries ADD COLUMN root_device INTEGER NULL;
            """),
        new(4, "the scan ledger: leases and fencing tokens on runs, one queued and one running run per library", """
            -- A running run holds its library's lease until lease_expires_ms (milliseconds since the Unix
            -- epoch on the database's clock); fence grows with every claim of the library, so a writer
            -- holding an older claim is refused. pending_upto: the newest waiting request the run took.
            ALTER TABLE scan_runs ADD COLUMN lease_owner TEXT NULL;
            ALTER TABLE scan_runs ADD COLUMN lease_expires_ms INTEGER NULL;
            ALTER TABLE scan_runs ADD COLUMN fence INTEGER NULL;
            ALTER TABLE scan_runs ADD COLUMN pending_upto TEXT NULL;

            -- Runs left running by an earlier version hold no lease: they were interrupted.
            UPDATE scan_runs SET status = 'interrupted', error = COALESCE(error, 'interrupted before the upgrade') WHERE status = 'running';
            UPDATE scan_runs SET status = 'cancelled', error = 'merged into the library''s queued run', finished_at = started_at
            WHERE status = 'queued' AND id <> (SELECT MIN(q.id) FROM scan_runs q WHERE q.library_id = scan_runs.library_id AND q.status = 'queued');
            CREATE UNIQUE INDEX ux_scan_runs_one_queued ON scan_runs (library_id) WHERE status = 'queued';
            CREATE UNIQUE INDEX ux_scan_runs_one_running ON scan_runs (library_id) WHERE status = 'running';

            -- The lease lives on the running run now.
            ALTER TABLE libraries DROP COLUMN scan_lease_owner;
            ALTER TABLE libraries DROP COLUMN scan_lease_expires_at;
            """),
        new(5, "every tag, artist and genre lists, embedded pictures, the change log", """
            -- tags: a JSON object of Picard tag names to arrays of values; artists, album_artists,
            -- genres, pictures: JSON arrays. Nothing here is queried inside the JSON.
            ALTER TABLE library_files ADD COLUMN tags TEXT NULL;
            ALTER TABLE library_files ADD COLUMN artists TEXT NULL;
            ALTER TABLE library_files ADD COLUMN album_artists TEXT NULL;
            ALTER TABLE library_files ADD COLUMN genres TEXT NULL;
            ALTER TABLE library_files ADD COLUMN pictures TEXT NULL;

            -- One row per searchable value of a file (field: artist, album_artist, genre,
            -- musicbrainz_albumid; value: case-folded), so that "files by this artist" is an index lookup.
            CREATE TABLE file_values (
                field TEXT NOT NULL,
                value TEXT NOT NULL,
                file_id INTEGER NOT NULL REFERENCES library_files (id) ON DELETE CASCADE,
                PRIMARY KEY (field, value, file_id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_file_values_file ON file_values (file_id);

            -- The change log: one row per change of a record, written by the triggers below in the
            -- transaction of the change. AUTOINCREMENT: a sequence number is never used twice, even
            -- after its row is pruned.
            CREATE TABLE file_changes (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                library_id INTEGER NOT NULL,
                file_id INTEGER NOT NULL,
                kind TEXT NOT NULL,
                path TEXT NOT NULL,
                old_path TEXT NULL,
                changed_at TEXT NOT NULL
            );
            CREATE INDEX ix_file_changes_changed_at ON file_changes (changed_at);

            -- The highest sequence number pruned: a reader whose cursor is below it has missed changes.
            CREATE TABLE file_changes_pruned (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                through_seq INTEGER NOT NULL
            );
            INSERT INTO file_changes_pruned (id, through_seq) VALUES (1, 0);

            -- The records stored before the log existed, so that reading it from 0 gives every record.
            INSERT INTO file_changes (library_id, file_id, kind, path, changed_at)
                SELECT library_id, id, 'added', normalized_path, added_at FROM library_files ORDER BY id;
            INSERT INTO file_changes (library_id, file_id, kind, path, changed_at)
                SELECT library_id, id, 'missing', normalized_path, missing_since FROM library_files WHERE valid = 0 AND missing_since IS NOT NULL ORDER BY id;

            CREATE TRIGGER tr_library_files_added AFTER INSERT ON library_files
            BEGIN
                INSERT INTO file_changes (library_id, file_id, kind, path, changed_at)
                VALUES (NEW.library_id, NEW.id, 'added', NEW.normalized_path, NEW.updated_at);
            END;

            -- Every write of a record's file stamps updated_at; a write that changes nothing a reader sees logs nothing.
            CREATE TRIGGER tr_library_files_changed AFTER UPDATE ON library_files
            WHEN OLD.normalized_path IS NOT NEW.normalized_path OR OLD.valid IS NOT NEW.valid OR OLD.updated_at IS NOT NEW.updated_at
            BEGIN
                INSERT INTO file_changes (library_id, file_id, kind, path, old_path, changed_at)
                VALUES (
                    NEW.library_id,
                    NEW.id,
                    CASE
                        WHEN OLD.normalized_path IS NOT NEW.normalized_path THEN 'moved'
                        WHEN OLD.valid = 1 AND NEW.valid = 0 THEN 'missing'
                        WHEN OLD.valid = 0 AND NEW.valid = 1 THEN 'restored'
                        ELSE 'updated'
                    END,
                    NEW.normalized_path,
                    CASE WHEN OLD.normalized_path IS NOT NEW.normalized_path THEN OLD.normalized_path END,
                    NEW.updated_at);
            END;

            -- A purge, or the removal of the library (the cascade fires this too).
            CREATE TRIGGER tr_library_files_purged AFTER DELETE ON library_files
            BEGIN
                INSERT INTO file_changes (library_id, file_id, kind, path, changed_at)
                VALUES (OLD.library_id, OLD.id, 'purged', OLD.normalized_path, strftime('%Y-%m-%dT%H:%M:%f', 'now') || '0000Z');
            END;
            """),
        new(6, "watch mode per library", """
            -- auto, inotify, poll or off; watch stays, kept equal to watch_mode <> 'off'.
            ALTER TABLE libraries ADD COLUMN watch_mode TEXT NOT NULL DEFAULT 'auto'
                CHECK (watch_mode IN ('auto', 'inotify', 'poll', 'off'));
            UPDATE libraries SET watch_mode = 'off' WHERE watch = 0;
            """),
        new(9, "playlists", """
            -- A playlist file of a library; size and mtime tell a scan whether to read it again.
            CREATE TABLE playlists (
                id INTEGER PRIMARY KEY,
                library_id INTEGER NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
                normalized_path TEXT NOT NULL,
                size INTEGER NOT NULL,
                mtime INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (library_id, normalized_path)
            );

            -- Its entries in order: the text as written and the record it names (NULL: unresolved).
            CREATE TABLE playlist_entries (
                playlist_id INTEGER NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                text TEXT NOT NULL,
                file_id INTEGER NULL REFERENCES library_files (id) ON DELETE SET NULL,
                PRIMARY KEY (playlist_id, position)
            );
            CREATE INDEX ix_playlist_entries_file ON playlist_entries (file_id) WHERE file_id IS NOT NULL;
            """),
        new(10, "poll period per library", """
            -- Seconds between two polls of the library; NULL: Watcher:PollSeconds.
            ALTER TABLE libraries ADD COLUMN poll_seconds INTEGER NULL CHECK (poll_seconds IS NULL OR poll_seconds > 0);
            """),
        new(11, "nodes: pinned libraries, the node of each run, its progress, heartbeats", """
            -- The node a library is pinned to; NULL: any node that sees its root.
            ALTER TABLE libraries ADD COLUMN node TEXT NULL;
            -- The node that claimed the run, and where a running scan is (JSON, at most once a second).
            ALTER TABLE scan_runs ADD COLUMN node TEXT NULL;
            ALTER TABLE scan_runs ADD COLUMN progress TEXT NULL;
            -- Every `nomarr serve` sharing the database: its last heartbeat on the database's clock (ms since
            -- the Unix epoch) and the libraries it may scan (a JSON array of ids).
            CREATE TABLE nodes (
                name TEXT PRIMARY KEY,
                started_at TEXT NOT NULL,
                heartbeat_ms INTEGER NOT NULL,
                version TEXT NOT NULL,
                serves TEXT NOT NULL DEFAULT '[]'
            );
            """),
        new(14, "text search by trigrams", """
            -- The title, artist and album of every file, indexed by their trigrams: a substring of three
            -- characters or more is found through the index, not by reading every row.
            -- The text stays in library_files (external content); the triggers keep the index in step.
            CREATE VIRTUAL TABLE file_search USING fts5 (
                title, artist, album,
                content = 'library_files', content_rowid = 'id', columnsize = 0, tokenize = 'trigram'
            );
            INSERT INTO file_search (file_search) VALUES ('rebuild');

            CREATE TRIGGER tr_file_search_inserted AFTER INSERT ON library_files
            BEGIN
                INSERT INTO file_search (rowid, title, artist, album) VALUES (NEW.id, NEW.title, NEW.artist, NEW.album);
            END;

            CREATE TRIGGER tr_file_search_deleted AFTER DELETE ON library_files
            BEGIN
                INSERT INTO file_search (file_search, rowid, title, artist, album) VALUES ('delete', OLD.id, OLD.title, OLD.artist, OLD.album);
            END;

            CREATE TRIGGER tr_file_search_retagged AFTER UPDATE OF title, artist, album ON library_files
                WHEN OLD.title IS NOT NEW.title OR OLD.artist IS NOT NEW.artist OR OLD.album IS NOT NEW.album
            BEGIN
                INSERT INTO file_search (file_search, rowid, title, artist, album) VALUES ('delete', OLD.id, OLD.title, OLD.artist, OLD.album);
                INSERT INTO file_search (rowid, title, artist, album) VALUES (NEW.id, NEW.title, NEW.artist, NEW.album);
            END;
            """),
    ];
}

internal sealed record Migration(int Version, string Name, string Sql);
