"""The SHA-256 of some of our own source code and of the versions of the libraries it uses.

What a cached result was made by: when any of these files or versions changes, the digest does,
and the result is made again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def source_digest(sources: Iterable[str], libraries: Iterable[str]) -> str:
    """Return the SHA-256 of the sources (files, or folders' *.py, relative to the project's
    root) with their paths, and of the installed versions of libraries."""
    digest = hashlib.sha256()
    for name in sources:
        path = ROOT / name
        for source in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            digest.update(source.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(source.read_bytes() + b"\0")
    for library in libraries:
        try:
            digest.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=?\0".encode())
    return digest.hexdigest()
