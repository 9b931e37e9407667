"""Hardened reading of untrusted files: XML without entities or network, zips checked before
they are opened, text decoded only as UTF-8 unless the user names another encoding.

Every function here raises :class:`~fora_model.errors.ModelFileError` with one line a user can act
on; none of them echoes the file's content in its message.

>>> parse_xml(b"<a><b/></a>", "x.xml").tag
'a'
>>> decode_text(b"\\xef\\xbb\\xbfhello", "x.csv")
'hello'
"""

from __future__ import annotations

import io
import threading
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any, Literal

from lxml import etree

from ..errors import ModelFileError, Reason
from .base import MAX_BYTES

__all__ = [
    "MAX_RATIO",
    "MAX_XML_DEPTH",
    "check_zip",
    "decode_text",
    "is_zip",
    "looks_wide",
    "parse_xml",
    "read_zip_member",
    "refuse_doctypes",
    "safe_parser",
    "xml_prolog",
]

MAX_RATIO = 250
"""The largest compression ratio (uncompressed / compressed) accepted from a zip file."""


def safe_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entities, loads no DTD and never touches the network."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
    return parser


_LOCAL = threading.local()


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
"""Byte-order marks, longest first where one starts another."""

MAX_XML_DEPTH = 256
"""How deeply the XML parser nests elements (libxml2's limit without its ``huge`` option)."""


def xml_prolog(data: bytes, size: int = 65536) -> str:
    """The first ``size`` characters of an XML document as text, in whatever encoding it is written
    (a byte-order mark, or UTF-16 told by its first character, as XML 1.0 appendix F detects it);
    other files are read byte for byte (Latin-1), which keeps every ASCII character in place.

    >>> xml_prolog("<?xml version='1.0'?><a/>".encode("utf-16-le"))[:5]
    '<?xml'
    """
    head = data[: 4 * size + 4]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="ignore")[:size]
    if head[:2] == b"<\x00":
        return head.decode("utf-16-le", errors="ignore")[:size]
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", errors="ignore")[:size]
    return head[:size].decode("latin-1")


def parse_xml(data: bytes, source: str) -> etree._Element:
    """Parse XML bytes safely and return the root element.

    A document type declaration (``<!DOCTYPE``) is refused outright, in any encoding: no ArchiMate
    format needs one, and it is how entity expansion (billion laughs) and external entities (XXE)
    get in. Elements nested more than :data:`MAX_XML_DEPTH` deep are refused with that reason.
    """
    prolog = xml_prolog(data)
    upper = prolog.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise ModelFileError(source, "the XML declares a document type or entities, which is not allowed",
                             "export the model again from its tool; model files never need a DOCTYPE",
                             Reason.SYNTAX_ERROR)
    if not prolog.strip():
        raise ModelFileError(source, "the file is empty" if not data else "the file holds only white space",
                             "export the model again from its tool", Reason.SYNTAX_ERROR)
    if not prolog.lstrip().startswith("<"):
        raise ModelFileError(source, "not an XML file", "check that this is the exported model file",
                             Reason.SYNTAX_ERROR)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, source) from None
    if root.getroottree().docinfo.doctype:
        # a declaration hidden past the first 64 KB: entities were left unexpanded, refuse anyway
        raise ModelFileError(source, "the XML declares a document type or entities, which is not allowed",
                             "export the model again from its tool", Reason.SYNTAX_ERROR)
    return root


def _syntax_error(exc: etree.XMLSyntaxError, source: str) -> ModelFileError:
    """The parser's complaint as one line saying what to fix (never the file's content)."""
    line = getattr(exc, "lineno", None) or getattr(exc, "position", (0,))[0]
    text = str(exc.msg or "").lower()
    if "excessive depth" in text:
        return ModelFileError(source, f"elements are nested more than {MAX_XML_DEPTH} deep near line {line}",
                              "no model needs this; if a diagram nests objects this deep, flatten it and export "
                              "again", Reason.TOO_LARGE)
    if "encoding" in text or "utf-8" in text:
        return ModelFileError(source, f"the text near line {line} is not in the encoding the file declares",
                              "save the file as UTF-8, or declare its encoding in the first line "
                              "(<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>)", Reason.SYNTAX_ERROR)
    if "char" in text and ("range" in text or "charref" in text):
        return ModelFileError(source, f"a character XML cannot hold (such as NUL or another control character) "
                              f"near line {line}", "remove it from the name or text in the tool that wrote the "
                              "file, and export again", Reason.SYNTAX_ERROR)
    return ModelFileError(source, f"malformed XML near line {line}", "the file is damaged or truncated; "
                          "export it again", Reason.SYNTAX_ERROR)


def decode_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes as text: UTF-8 with or without a byte-order mark, or ``encoding`` when given."""
    codec = encoding or "utf-8-sig"
    if encoding is None and looks_wide(data):
        raise ModelFileError(source, "the text is UTF-16 or UTF-32, not UTF-8",
                             "save the file as UTF-8, or name its encoding with --encoding utf-16",
                             Reason.SYNTAX_ERROR)
    try:
        return data.decode(codec)
    except LookupError:
        raise ModelFileError(source, f"unknown encoding {encoding!r}", "name an encoding such as utf-8 or cp1252",
                             Reason.UNREADABLE_FILE) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = "save the file as UTF-8, or name its encoding with --encoding (e.g. cp1252)"
        raise ModelFileError(source, f"not valid {encoding or 'UTF-8'} text (line {line}, byte {exc.start})", hint,
                             Reason.SYNTAX_ERROR) from None


def looks_wide(data: bytes) -> bool:
    """True when text starts with a UTF-16/32 byte-order mark, or is ASCII written two bytes a
    character (every other byte NUL in its first line), which UTF-8 decoding would take for NULs."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] == b"\x00\x00\xfe\xff":
        return True
    head = data[:64]
    return len(head) >= 4 and (head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2]))


def is_zip(path: str | Path) -> bool:
    """True when the file starts like a zip archive."""
    try:
        if not Path(path).is_file():  # never open a pipe or device just to sniff it
            return False
        with Path(path).open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2",
            zipfile.ZIP_LZMA: "lzma"}
"""The compression methods Python's zip reader can unpack."""


class SafeZip(zipfile.ZipFile):
    """A zip archive whose reads fail as :class:`~fora_model.errors.ModelFileError` naming the file
    and the member (a bad checksum, a member shorter or longer than declared, damaged compressed
    data), never as ``BadZipFile``, ``zlib.error`` or ``EOFError``."""

    source: str = ""

    def _refuse(self, member: object, exc: BaseException) -> ModelFileError:
        name = member.filename if isinstance(member, zipfile.ZipInfo) else str(member)
        detail = " ".join(str(exc).split()) or type(exc).__name__
        return ModelFileError(self.source, f"the archive member {name!r} cannot be unpacked ({detail})",
                              "the file is damaged; save or export it again", Reason.SYNTAX_ERROR)

    def read(self, name: str | zipfile.ZipInfo, pwd: bytes | None = None) -> bytes:
        try:
            return super().read(name, pwd)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError) as exc:
            raise self._refuse(name, exc) from None

    def open(self, name: str | zipfile.ZipInfo, mode: Literal["r", "w"] = "r", pwd: bytes | None = None, *,
             force_zip64: bool = False) -> IO[bytes]:
        try:
            handle = super().open(name, mode, pwd, force_zip64=force_zip64)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError) as exc:
            raise self._refuse(name, exc) from None
        return io.BufferedReader(_SafeMember(handle, self, name))


class _SafeMember(io.RawIOBase):
    """A member being read, whose failures become ModelFileError (see :class:`SafeZip`)."""

    def __init__(self, handle: IO[bytes], archive: SafeZip, name: str | zipfile.ZipInfo) -> None:
        super().__init__()
        self._handle, self._archive, self._name = handle, archive, name

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        try:
            return self._handle.read(-1 if size is None else size)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError) as exc:
            raise self._archive._refuse(self._name, exc) from None

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._handle.close()
        super().close()


def check_zip(data: bytes, source: str, *, max_bytes: int | None = None, max_ratio: int = MAX_RATIO) -> zipfile.ZipFile:
    """Open zip bytes after checking, from the directory alone, that no member is too big.

    Refuses an archive whose declared uncompressed total exceeds ``max_bytes`` or whose
    compression ratio exceeds ``max_ratio`` (a zip bomb), before anything is decompressed.
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        archive = SafeZip(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        raise ModelFileError(source, "not a valid zip archive", "the file is damaged; save or export it again",
                             Reason.SYNTAX_ERROR) from None
    archive.source = source
    total = 0
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            raise ModelFileError(source, f"the archive member {info.filename!r} is encrypted (password protected)",
                                 "save the file again without a password", Reason.UNREADABLE_FILE)
        if info.compress_type not in _METHODS:
            raise ModelFileError(source, f"the archive member {info.filename!r} uses compression method "
                                 f"{info.compress_type}, which cannot be unpacked here",
                                 "save the file again with ordinary (deflate) compression", Reason.UNSUPPORTED_FORMAT)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > max_ratio:
            raise ModelFileError(source, f"a member of the archive expands {ratio:.0f} times (a zip bomb?)",
                                 "refused before unpacking; check where the file came from", Reason.TOO_LARGE)
    if total > limit:
        raise ModelFileError(source, f"the archive unpacks to {total / 1e6:.0f} MB, more than the "
                             f"{limit / 1e6:.0f} MB limit", "split the model, or raise the limit if you trust it",
                             Reason.TOO_LARGE)
    return archive


def refuse_doctypes(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse an archive whose XML members declare a document type or entities.

    A declaration must come before the root element, so the start of each member tells.
    """
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as handle:
            head = handle.read(65536)
        upper = head.upper()
        if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
            raise ModelFileError(source, "a part of the archive declares a document type or entities, which is not "
                                 "allowed", "save the file again from its application", Reason.SYNTAX_ERROR)


def read_zip_member(archive: zipfile.ZipFile, name: str, source: str, *, max_bytes: int | None = None) -> bytes:
    """The bytes of one member, reading no more than its checked size allows."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    with archive.open(name) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ModelFileError(source, "an archive member is larger than declared", "the file is damaged or hostile",
                             Reason.TOO_LARGE)
    return data
