"""Pre-built LALR tables for the RA grammar (``grammar/ra.lark.tables``).

The tables file is ``<sha256 of ra.lark>\\n`` followed by Lark's own serialisation. Run
``python -m racompiler.syntax.tables`` after editing the grammar; a test fails while it is stale.
"""

from __future__ import annotations

import io
from pathlib import Path

from racompiler.assets import grammar_path

LARK_OPTIONS = dict(parser="lalr", propagate_positions=True, maybe_placeholders=False)


def tables_path() -> Path:
    return grammar_path().with_name("ra.lark.tables")


def grammar_digest(text: str) -> bytes:
    """The tables file's first line: the grammar's SHA-256, in hex."""
    return _sha256(text.encode("utf-8")).hexdigest().encode("ascii")


def _sha256(data: bytes):
    # Every compile checks the digest. hashlib loads OpenSSL's binding first, ~2 ms of a cold
    # `check`; the interpreter's own SHA-256 (hashlib's fallback, the same digest) loads in 0.3.
    try:
        from _sha2 import sha256  # type: ignore[import-not-found, unused-ignore]  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]  # 3.11
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment, no-redef, unused-ignore]  # none of them
    return sha256(data)


def build_parser(text: str):
    from lark import Lark

    return Lark(text, **LARK_OPTIONS)


def load_parser():
    """The parser from the tables file when it matches the grammar, else built from source."""
    from lark import Lark

    text = grammar_path().read_text(encoding="utf-8")
    try:
        data = tables_path().read_bytes()
    except OSError:
        return build_parser(text)
    header, _, body = data.partition(b"\n")
    if header != grammar_digest(text):
        return build_parser(text)
    return Lark.load(io.BytesIO(body))


def write_tables() -> Path:
    """Rebuild the tables file from the grammar."""
    text = grammar_path().read_text(encoding="utf-8")
    buf = io.BytesIO()
    build_parser(text).save(buf)
    path = tables_path()
    path.write_bytes(grammar_digest(text) + b"\n" + buf.getvalue())
    return path


def tables_fresh() -> bool:
    text = grammar_path().read_text(encoding="utf-8")
    try:
        return tables_path().read_bytes().partition(b"\n")[0] == grammar_digest(text)
    except OSError:
        return False


if __name__ == "__main__":
    print(f"wrote {write_tables()}")
