"""ANSI colour for the human diagnostic format: on a terminal only, never in a pipe or a file.

``--color auto`` (the default) colours when the stream is a terminal, ``NO_COLOR`` is unset or
empty (https://no-color.org) and ``TERM`` is not ``dumb``; ``always`` and ``never`` decide
alone (an explicit flag beats the environment, as with ruff and git). Colour is added *after*
:func:`racompiler.diagnostics.render.escape_terminal` has neutralised the user's text, so an RA
file can never smuggle an escape sequence of its own through.
"""

from __future__ import annotations

import os
from typing import IO, Any

from racompiler.records import record

COLOR_MODES = ("auto", "always", "never")

_RESET = "\x1b[0m"
_STYLES = {"bold": "1", "error": "1;31", "warning": "1;33", "note": "1;36"}


def use_color(mode: str, stream: IO[Any] | None) -> bool:
    """Whether to colour output written to ``stream`` under ``--color mode``."""
    if mode == "always":
        return True
    if mode == "never" or stream is None:
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed or detached stream is no terminal
        return False


@record
class Palette:
    """Wraps text in SGR sequences when ``enabled``; the identity otherwise."""

    enabled: bool = False

    def style(self, name: str, text: str) -> str:
        """``text`` in style ``name`` (bold, error, warning, note)."""
        if not self.enabled or not text:
            return text
        return f"\x1b[{_STYLES[name]}m{text}{_RESET}"

    def bold(self, text: str) -> str:
        return self.style("bold", text)

    def severity(self, severity: str, text: str) -> str:
        """``text`` in the colour of ``severity`` (error red, warning yellow, note cyan)."""
        return self.style(severity if severity in _STYLES else "bold", text)


PLAIN = Palette(False)
