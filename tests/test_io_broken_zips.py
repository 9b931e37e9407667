"""Broken zips (xlsx, zipped .archimate, an uploaded zip of CSVs) end in a ModelFileError naming
the file and the member, never a BadZipFile, RuntimeError or zlib traceback. Every case is
generated here from a good archive, byte by byte, as the damage would happen."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

import fora_model as fm
from fora_model.dashboard.uploads import Upload, read_uploads
from fora_model.errors import ModelFileError
from tests.tiny import tiny_school


def good(suffix: str, tmp_path: Path) -> bytes:
    """A valid file of the kind, written by fora-model and zipped as its format zips it."""
    if suffix == ".zip":  # an upload: a zip of Archi CSV files
        folder = tmp_path / "csv"
        fm.write_model(tiny_school(), folder / "m.csv")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                archive.write(path, path.name)
        assert len(zipfile.ZipFile(io.BytesIO(buffer.getvalue())).namelist()) == 3
        return buffer.getvalue()
    path = tmp_path / f"m{suffix}"
    fm.write_model(tiny_school(), path)
    data = path.read_bytes()
    if suffix == ".archimate":  # Archi may save the model zipped (with images)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("model.xml", data)
        return buffer.getvalue()
    return data


def _headers(data: bytes) -> list[tuple[int, int]]:
    """(local header offset, central directory entry offset) of every member."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    central = []
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        central.append(at)
        at = data.find(b"PK\x01\x02", at + 4)
    return [(info.header_offset, c) for info, c in zip(archive.infolist(), central, strict=True)]


def bad_crc(data: bytes) -> bytes:
    out = bytearray(data)
    for local, central in _headers(data):
        for at in (local + 14, central + 16):
            out[at:at + 4] = struct.pack("<I", struct.unpack("<I", out[at:at + 4])[0] ^ 0xDEADBEEF)
    return bytes(out)


def encrypted(data: bytes) -> bytes:
    out = bytearray(data)
    for local, central in _headers(data):
        out[local + 6] |= 1
        out[central + 8] |= 1
    return bytes(out)


def unknown_method(data: bytes) -> bytes:
    out = bytearray(data)
    for local, central in _headers(data):
        out[local + 8:local + 10] = struct.pack("<H", 99)
        out[central + 10:central + 12] = struct.pack("<H", 99)
    return bytes(out)


def size_lies(data: bytes) -> bytes:
    out = bytearray(data)
    for local, central in _headers(data):
        for at in (local + 22, central + 24):  # the uncompressed size, declared too small
            out[at:at + 4] = struct.pack("<I", 3)
    return bytes(out)


def garbled_stream(data: bytes) -> bytes:
    out = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    for info in archive.infolist():
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        out[start:start + 8] = b"\xff" * 8
    return bytes(out)


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def no_directory(data: bytes) -> bytes:
    return data[: data.find(b"PK\x01\x02")]


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "bad CRC": bad_crc, "encrypted": encrypted, "unknown method": unknown_method, "size lies": size_lies,
    "garbled stream": garbled_stream, "truncated": truncated, "no directory": no_directory,
}
KINDS = [".xlsx", ".archimate", ".zip"]


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("suffix", [".xlsx", ".archimate"])
def test_reading_a_broken_zip_is_a_model_file_error(tmp_path, suffix, damage):
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(DAMAGE[damage](good(suffix, tmp_path)))
    with pytest.raises(ModelFileError) as caught:
        fm.read_model(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("suffix", KINDS)
def test_uploading_a_broken_zip_reports_it_and_reads_nothing(tmp_path, suffix, damage):
    data = DAMAGE[damage](good(suffix, tmp_path))
    result = read_uploads([Upload(f"upload{suffix}", data)])
    assert result.model is None and result.errors >= 1
    messages = " ".join(result.findings["message"].astype(str))
    assert "Traceback" not in messages and messages.strip()


@pytest.mark.parametrize("damage", ["bad CRC", "encrypted", "unknown method", "garbled stream"])
def test_the_cli_says_what_is_wrong_in_one_line(tmp_path, damage):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(DAMAGE[damage](good(".xlsx", tmp_path)))
    command = [str(Path(sys.executable).with_name("fora-model")), "validate", str(path)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode in (1, 2) and "Traceback" not in run.stderr
    assert str(path) in run.stderr and len(run.stderr.strip().splitlines()) <= 3


def test_the_damage_really_breaks_the_archive(tmp_path):
    # each generated case must fail in Python's zip reader itself, or the tests above prove nothing
    for name, damage in DAMAGE.items():
        data = damage(good(".xlsx", tmp_path))
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    archive.read(info)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, OSError, ValueError):
            continue
        pytest.fail(f"{name}: Python's zip reader reads the damaged archive")

def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("entries", [{}, {"folder/": b""}, {"__MACOSX/._x": b"junk"}, {"notes.txt": b"hello"}],
                         ids=["empty", "only a folder", "only junk", "no model"])
def test_a_zip_without_a_model_says_so(entries):
    result = read_uploads([Upload("upload.zip", _zip(entries))])
    assert result.model is None and result.errors == 1
    assert "holds no model" in " ".join(result.findings["message"].astype(str))
