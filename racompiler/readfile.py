"""Reading an input file without trusting what the path names.

A path may name a named pipe (opening it waits for a writer that never comes), a device
(``/dev/zero`` never ends) or a socket. :func:`read_regular` checks the type before opening,
opens without waiting for a FIFO's writer, checks again on the open file (the path may have
been swapped), and reads at most ``limit + 1`` bytes, so no input can hang a build or fill memory.
"""

from __future__ import annotations

import os
import stat
from typing import Callable


class NotRegularFile(OSError):
    """The path names something other than a regular file; ``kind`` says what."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a regular file")
        self.kind = kind


class FileTooLarge(OSError):
    """The file holds more than the caller's limit."""


def file_kind(mode: int) -> str:
    """What a ``st_mode`` names, for messages: "a directory", "a named pipe (FIFO)"..."""
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit`` of them).

    Raises :class:`NotRegularFile`, :class:`FileTooLarge`, or the ``OSError`` of the stat or
    open (``FileNotFoundError``, ``PermissionError``, ``IsADirectoryError`` is a NotRegularFile).
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, file_kind(mode))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path, file_kind(st.st_mode))
        # Ask for what the file holds, never more than the limit (read(limit + 1) would allocate
        # the whole limit for every small file).
        data = fh.read(st.st_size + 1 if 0 < st.st_size <= limit else limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"{path} is larger than {limit} bytes")
    return data


def size_words(limit: int) -> str:
    """``limit`` bytes for a message: "1 MiB", "64 KiB", "100 bytes"."""
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if limit >= factor and limit % factor == 0:
            return f"{limit // factor} {unit}"
    return f"{limit} bytes"


def read_or_say(path: str, limit: int, what: str, say: Callable[[str], object]) -> bytes | None:
    """:func:`read_regular`, or None after ``say``-ing why in words about ``what`` ("the
    configuration file racompiler.toml is larger than 1 MiB", "cannot read mapping file x: it is a
    named pipe (FIFO)")."""
    try:
        return read_regular(path, limit)
    except FileTooLarge:
        say(f"{what} is larger than {size_words(limit)}")
    except NotRegularFile as exc:
        say(f"cannot read {what}: it is {exc.kind}")
    except OSError as exc:
        say(f"cannot read {what}: {exc.strerror or exc}")
    return None
