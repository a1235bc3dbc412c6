"""Publishing from the web app: a previewed bundle swapped into the public release folder, every
publication kept so that any one can be restored.

`public/<slug>/` is what the app serves at `/releases/<slug>/`; it is only ever replaced whole, by the same
swap the CLI's builds use (`bundle.ReleaseBundle`). Each publication's bundle is also kept, unchanged, in
`publications/<id>/`, and the database records when and by whom; restoring one swaps its copy back in.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

from ..bundle import ReleaseBundle
from .store import Store, now

_publishing = threading.Lock()  # one swap at a time in this process


class PublishRefused(Exception):
    """Why a bundle cannot be published (in words, with the fix)."""


class Releases:
    def __init__(self, store: Store, public: Path, kept: Path):
        self.store = store
        self.public = public
        self.kept = kept

    def live_folder(self, slug: str) -> Path:
        return self.public / slug

    def live_publication(self, slug: str):
        """The publication live under this slug (the latest), if any."""
        return self.store.one("SELECT * FROM publications WHERE slug = ? ORDER BY id DESC LIMIT 1", slug)

    def publish(self, bundle: Path, slug: str, statement_id: int, job_id: int | None, user_id: int,
                embargo: dt.datetime | None, restored_from: int | None = None) -> int:
        if embargo is not None and embargo > dt.datetime.now(dt.timezone.utc):
            raise PublishRefused(f"the statement is under embargo until {embargo:%d %B %Y %H:%M %Z}. Fix: publish "
                                 "it after that time")
        live = self.live_publication(slug)
        if live is not None and live["statement_id"] != statement_id:
            raise PublishRefused(f"another statement is already published at /releases/{slug}/. Fix: give this "
                                 "one its own slug in its fields, build it again and publish")
        with _publishing:
            publication_id = self.store.run(
                "INSERT INTO publications (slug, statement_id, job_id, published_at, published_by, restored_from) "
                "VALUES (?, ?, ?, ?, ?, ?)", slug, statement_id, job_id, now(), user_id, restored_from)
            kept = self.kept / str(publication_id)
            try:
                with ReleaseBundle(bundle.parent, bundle.name).locked():  # not while a build swaps it
                    shutil.copytree(bundle, kept)
                release = ReleaseBundle(self.public, slug)
                staging = release.start()
                shutil.copytree(kept, staging, dirs_exist_ok=True)
                release.publish()
            except BaseException:
                shutil.rmtree(kept, ignore_errors=True)
                self.store.run("DELETE FROM publications WHERE id = ?", publication_id)
                raise
        return publication_id

    def restore(self, publication_id: int, user_id: int) -> int:
        row = self.store.one("SELECT * FROM publications WHERE id = ?", publication_id)
        if row is None or not (self.kept / str(publication_id)).is_dir():
            raise PublishRefused("that publication is not kept any more. Fix: choose another one")
        return self.publish(self.kept / str(publication_id), row["slug"], row["statement_id"], row["job_id"],
                            user_id, embargo=None, restored_from=publication_id)

    def history(self, statement_id: int) -> list:
        return self.store.all(
            "SELECT p.*, u.name AS published_by_name FROM publications p JOIN users u ON u.id = p.published_by "
            "WHERE p.statement_id = ? ORDER BY p.id DESC", statement_id)
