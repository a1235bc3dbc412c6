"""Who may do what: accounts with Argon2 password hashes, signed session cookies, CSRF tokens, a limit on
sign-in attempts, and API tokens.

API tokens (for publishing systems calling `/api/`) act for one user, with that user's role; only their
SHA-256 is kept (a token is 256 random bits, so a plain hash is enough), and they are shown once, when made.
Sessions are Starlette's signed cookie (itsdangerous), HttpOnly and SameSite=Lax, expiring after
`SESSION_SECONDS`; the key is made once and kept in the data folder, readable by its owner only. Every
form carries the session's CSRF token (htmx sends it as a header), and every POST is refused without it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .store import Store, User, now

SESSION_SECONDS = 8 * 60 * 60  # a working day
ATTEMPTS_PER_NAME = 5  # failed sign-ins allowed for one name, ...
ATTEMPTS_PER_ADDRESS = 20  # ... and from one address (an office's people may share one), ...
ATTEMPTS_WINDOW_SECONDS = 15 * 60  # ... in a quarter of an hour
ROLES = ("writer", "publisher")
MIN_PASSWORD_LENGTH = 10
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
TOKEN_PREFIX = "srt_"  # so that a leaked token is recognisable (secret scanners, logs)

_hasher = PasswordHasher()
# A hash to check a password against when the name is unknown, so that a wrong name takes as long as a
# wrong password and the time of an answer does not tell which names exist.
_UNKNOWN_USER_HASH = _hasher.hash(secrets.token_urlsafe(16))


def secret_key(data: Path) -> str:
    """The key that signs session cookies: made once, kept in the data folder for the owner only."""
    path = data / "secret.key"
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def add_user(store: Store, name: str, role: str, password: str) -> int:
    """Create an account; ValueError with the reason if the name, role or password will not do."""
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise ValueError("the name must be 1 to 64 characters with no spaces")
    if role not in ROLES:
        raise ValueError(f"the role must be one of: {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if store.user_named(name) is not None:
        raise ValueError(f"there is already a user called {name}")
    return store.add_user(name, role, _hasher.hash(password))


class TooManyAttempts(Exception):
    pass


def sign_in(store: Store, name: str, password: str, address: str) -> User | None:
    """The user, if the name and password are right; None if not. TooManyAttempts after too many failures
    for the name or from the address."""
    keys = (f"name:{name.strip().lower()}", f"address:{address}")
    if any(store.count_attempts(key, ATTEMPTS_WINDOW_SECONDS) >= allowed
           for key, allowed in zip(keys, (ATTEMPTS_PER_NAME, ATTEMPTS_PER_ADDRESS))):
        raise TooManyAttempts()
    row = store.user_named(name.strip())
    try:
        _hasher.verify(row["password_hash"] if row else _UNKNOWN_USER_HASH, password)
        ok = row is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        for key in keys:
            store.record_attempt(key)
        return None
    store.clear_attempts(keys[0])
    return User(row["id"], row["name"], row["role"])


def csrf_token(session: dict) -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def csrf_ok(session: dict, submitted: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and submitted and hmac.compare_digest(expected, submitted))


def make_token(store: Store, name: str, label: str) -> str:
    """A new API token for the user called `name` (ValueError if there is none); shown once, kept hashed."""
    row = store.user_named(name.strip())
    if row is None:
        raise ValueError(f"there is no user called {name}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    store.run("INSERT INTO api_tokens (user_id, label, token_sha256, created_at) VALUES (?, ?, ?, ?)",
              row["id"], label, _digest(token), now())
    return token


def revoke_tokens(store: Store, name: str) -> int:
    """Withdraw every API token of the user called `name`; returns how many there were."""
    row = store.user_named(name.strip())
    if row is None:
        raise ValueError(f"there is no user called {name}")
    return store.run("DELETE FROM api_tokens WHERE user_id = ?", row["id"])


def token_user(store: Store, authorization: str | None) -> User | None:
    """The user an `Authorization: Bearer <token>` header acts for, if the token is one of theirs."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip().startswith(TOKEN_PREFIX):
        return None
    row = store.one("SELECT t.id AS token_id, u.id, u.name, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id "
                    "WHERE t.token_sha256 = ?", _digest(token.strip()))
    if row is None:
        return None
    store.run("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now(), row["token_id"])
    return User(row["id"], row["name"], row["role"])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
