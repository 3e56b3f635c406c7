"""Text files as they come: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or Windows-1252.

Anything else is refused with the file's name and the reason, rather than guessed at: a wrongly
decoded report would put mojibake into the graph and its full-text index.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from loaders.issues import rejected_file

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# Windows-1252 text from an English or Welsh council is mostly ASCII; past this share of other
# characters the bytes are more likely some other encoding that cp1252 happens to accept.
_MAX_NON_ASCII_SHARE = 0.05


def read_text_file(path: Path, encoding: str | None = None) -> str:
    """The file's text. `encoding` forces one; otherwise it is recognised or refused."""
    data = read_bytes(path)
    if encoding is not None:
        return _decode_as(path, data, encoding)
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return _checked(path, _decode_as(path, data, bom_encoding))
    if b"\x00" in data:
        raise rejected_file(path, "is a binary file (it contains NUL bytes), not text")
    try:
        return _checked(path, data.decode("utf-8"))
    except UnicodeDecodeError as error:
        utf8_error = error
    text = _as_windows_1252(data)
    if text is not None:
        return _checked(path, text)
    raise rejected_file(
        path,
        f"is not UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
        f"nor Windows-1252 text{_guess(data)}; convert it to UTF-8 or give its encoding",
    )


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise rejected_file(path, "no such file") from error
    except IsADirectoryError as error:
        raise rejected_file(path, "is a directory, not a document") from error
    except OSError as error:
        raise rejected_file(path, f"cannot be read ({error.strerror})") from error
    if not data.strip():
        raise rejected_file(path, "is empty")
    return data


def _decode_as(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError as error:
        raise rejected_file(path, f"unknown encoding {encoding!r}") from error
    except UnicodeDecodeError as error:
        raise rejected_file(
            path,
            f"is not valid {encoding}: byte 0x{data[error.start]:02x} at offset {error.start}",
        ) from error


def _as_windows_1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = sum(1 for char in text if ord(char) > 127)
    if non_ascii > _MAX_NON_ASCII_SHARE * len(text):
        return None
    return text


def _checked(path: Path, text: str) -> str:
    """Refuses decoded text that is mostly control characters: a binary file that decoded."""
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS
    )
    if controls > max(2, len(text) // 100):
        raise rejected_file(path, f"is a binary file ({controls} control characters)")
    if not text.strip():
        raise rejected_file(path, "is empty")
    return text


def _guess(data: bytes) -> str:
    best = from_bytes(data[:65536]).best()
    return f" (it looks like {best.encoding})" if best is not None else ""
