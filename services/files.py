"""Files named by the user (a document to add, a bundle to import) and the text printed about them.

A path can name anything: a FIFO that never ends, a device such as /dev/zero behind a symlink, a folder,
a file that grows while it is read. Only regular files are read, at most ``limit + 1`` bytes, and a FIFO
is opened non-blocking so that opening it never waits for a writer. A file name can also hold a newline
or a terminal escape: ``printable`` shows those as escapes so that one message stays one line.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from domain.errors import ValidationError

CHUNK = 1 << 20
# Cc: control characters (newline, escape...); Cf: invisible format characters (bidi overrides that
# reorder what is shown); Zl, Zp: line and paragraph separators. Spaces (Zs, e.g. the French NBSP) stay.
UNPRINTABLE = frozenset({"Cc", "Cf", "Zl", "Zp"})


def printable(text: str) -> str:
    """``text`` with every control or invisible character written as its escape (``\\n``, ``\\x1b``)."""
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in UNPRINTABLE else c for c in text)


def too_large(limit: int) -> ValidationError:
    return ValidationError("The file is larger than {mb} MB.", mb=limit // (1024 * 1024))


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (a symlink is followed to a regular file only); a clear
    ValidationError for a folder, a device, a pipe, an unreadable file or one larger than ``limit``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ValidationError("The file {path} cannot be read.", path=str(path)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError(
                "{path} is not a regular file (a folder, a device or a pipe); choose a document.",
                path=str(path),
            )
        if info.st_size > limit:  # a quick refusal; the read below does not rely on it
            raise too_large(limit)
        return _read_at_most(fd, limit)
    except OSError as exc:
        raise ValidationError("The file {path} cannot be read.", path=str(path)) from exc
    finally:
        os.close(fd)


def _read_at_most(fd: int, limit: int) -> bytes:
    """Reads until the end or ``limit + 1`` bytes, whatever the size said (a file may grow meanwhile)."""
    data = bytearray()
    while len(data) <= limit:
        chunk = os.read(fd, min(CHUNK, limit + 1 - len(data)))
        if not chunk:
            return bytes(data)
        data += chunk
    raise too_large(limit)
