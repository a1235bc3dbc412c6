"""The web app's records, in one SQLite database in the data folder: users, sign-in attempts, statements,
build jobs with their progress, and publications.

Every call opens its own connection (SQLite in WAL mode lets the build worker write while pages read), so
the store can be used from any thread. Files (the statements' sources, previews, published releases) live
in folders beside the database; the database only names them.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL CHECK (role IN ('writer', 'publisher')),
    password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sign_in_attempts (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS sign_in_attempts_key ON sign_in_attempts (key, at);
CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('md', 'docx')),
    created_by INTEGER NOT NULL REFERENCES users (id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY, statement_id INTEGER NOT NULL REFERENCES statements (id),
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'held', 'failed', 'interrupted')),
    created_by INTEGER NOT NULL REFERENCES users (id), created_at TEXT NOT NULL, started_at TEXT,
    finished_at TEXT, source_sha256 TEXT, result TEXT, errors TEXT);
CREATE TABLE IF NOT EXISTS job_events (
    id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL REFERENCES jobs (id), at REAL NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS api_tokens (
    id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), label TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, last_used_at TEXT);
CREATE TABLE IF NOT EXISTS publications (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL, statement_id INTEGER NOT NULL REFERENCES statements (id),
    job_id INTEGER REFERENCES jobs (id), published_at TEXT NOT NULL, published_by INTEGER NOT NULL REFERENCES users (id),
    restored_from INTEGER REFERENCES publications (id));
"""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    @property
    def can_publish(self) -> bool:
        return self.role == "publisher"


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys=ON")
        try:
            yield db
        finally:
            db.close()

    def one(self, sql: str, *args) -> sqlite3.Row | None:
        with self.connect() as db:
            return db.execute(sql, args).fetchone()

    def all(self, sql: str, *args) -> list[sqlite3.Row]:
        with self.connect() as db:
            return db.execute(sql, args).fetchall()

    def run(self, sql: str, *args) -> int:
        """Run a change; returns the new row's id (for an INSERT) or the number of rows changed."""
        with self.connect() as db:
            cursor = db.execute(sql, args)
            return cursor.lastrowid if sql.lstrip().upper().startswith("INSERT") else cursor.rowcount

    # --- users ------------------------------------------------------------------------------

    def add_user(self, name: str, role: str, password_hash: str) -> int:
        return self.run("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                        name, role, password_hash, now())

    def user(self, user_id: int) -> User | None:
        row = self.one("SELECT id, name, role FROM users WHERE id = ?", user_id)
        return User(row["id"], row["name"], row["role"]) if row else None

    def user_named(self, name: str) -> sqlite3.Row | None:
        return self.one("SELECT * FROM users WHERE name = ?", name)

    # --- sign-in attempts -------------------------------------------------------------------------

    def count_attempts(self, key: str, within_seconds: float) -> int:
        row = self.one("SELECT COUNT(*) AS n FROM sign_in_attempts WHERE key = ? AND at > ?",
                       key, time.time() - within_seconds)
        return row["n"]

    def record_attempt(self, key: str) -> None:
        self.run("INSERT INTO sign_in_attempts (key, at) VALUES (?, ?)", key, time.time())

    def clear_attempts(self, key: str) -> None:
        self.run("DELETE FROM sign_in_attempts WHERE key = ?", key)

    # --- statements ------------------------------------------------------------------------------

    def add_statement(self, title: str, kind: str, user_id: int) -> int:
        stamp = now()
        return self.run("INSERT INTO statements (title, kind, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                        title, kind, user_id, stamp, stamp)

    def update_statement(self, statement_id: int, title: str, kind: str) -> None:
        self.run("UPDATE statements SET title = ?, kind = ?, updated_at = ? WHERE id = ?", title, kind, now(),
                 statement_id)

    # --- jobs --------------------------------------------------------------------------------------

    def add_job(self, statement_id: int, user_id: int) -> int:
        return self.run("INSERT INTO jobs (statement_id, status, created_by, created_at) VALUES (?, 'queued', ?, ?)",
                        statement_id, user_id, now())

    def claim_job(self) -> sqlite3.Row | None:
        """The oldest queued job, now marked running (one worker gets each job)."""
        with self.connect() as db:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute("SELECT * FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1").fetchone()
            if row is not None:
                db.execute("UPDATE jobs SET status = 'running', started_at = ? WHERE id = ?", (now(), row["id"]))
            db.execute("COMMIT")
            return row

    def finish_job(self, job_id: int, status: str, result: dict[str, Any] | None, errors: list[str],
                   source_sha256: str | None) -> None:
        self.run("UPDATE jobs SET status = ?, finished_at = ?, result = ?, errors = ?, source_sha256 = ? WHERE id = ?",
                 status, now(), json.dumps(result) if result is not None else None, json.dumps(errors),
                 source_sha256, job_id)

    def add_event(self, job_id: int, message: str) -> None:
        self.run("INSERT INTO job_events (job_id, at, message) VALUES (?, ?, ?)", job_id, time.time(), message)

    def events(self, job_id: int, after: int = 0) -> list[sqlite3.Row]:
        return self.all("SELECT * FROM job_events WHERE job_id = ? AND id > ? ORDER BY id", job_id, after)

    def mark_interrupted(self) -> int:
        """Jobs left running by a stopped server: marked, so they can be retried."""
        return self.run("UPDATE jobs SET status = 'interrupted', finished_at = ? WHERE status = 'running'", now())
