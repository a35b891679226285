"""Encoding detection: every encoding Arabic news arrives in decodes to the same text."""

from __future__ import annotations

import random

import pytest
from ingest_samples import ARABIC

from transforms.decode import DecodeError, decode_bytes


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),  # with BOM
        ("utf-16-le", "utf-16-le"),  # BOM-less
        ("utf-16-be", "utf-16-be"),
        ("cp1256", "cp1256"),
        ("iso-8859-6", "iso8859-6"),
    ],
)
def test_arabic_file_in_each_encoding(tmp_path, codec, expected):
    path = tmp_path / f"article.{codec}.txt"
    path.write_bytes(ARABIC.encode(codec))
    decoded = decode_bytes(path.read_bytes())
    assert decoded.text == ARABIC
    assert decoded.encoding == expected
    assert decoded.confidence is not None and decoded.confidence > 0.5


def test_short_iso_8859_6_is_not_read_as_cp1256():
    # charset-normalizer ranks cp1256 first here; its decoding turns every lam into nun.
    text = "مرحبا بالعالم"
    decoded = decode_bytes(text.encode("iso-8859-6"))
    assert (decoded.text, decoded.encoding) == (text, "iso8859-6")


def test_english_text_decodes_unchanged():
    text = "The quick brown fox jumps over the lazy dog.\n" * 10
    assert decode_bytes(text.encode("utf-8")).text == text


def test_empty_input_is_empty_text():
    decoded = decode_bytes(b"")
    assert (decoded.text, decoded.confidence) == ("", None)


@pytest.mark.parametrize(
    "blob",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"%PDF-1.7\n" + random.Random(0).randbytes(4096),
        random.Random(1).randbytes(4096),
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 64,
    ],
)
def test_binary_data_is_refused(tmp_path, blob):
    path = tmp_path / "blob.bin"
    path.write_bytes(blob)
    with pytest.raises(DecodeError) as err:
        decode_bytes(path.read_bytes())
    assert err.value.reason in {"binary", "undecodable"}


def test_nul_bytes_outside_utf16_are_binary():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"header\x00\x00" + ARABIC.encode("utf-8"))


def test_broken_bom_payload_is_undecodable():
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"\xef\xbb\xbf" + b"\xff\xfe\xfd" * 10)
    assert err.value.reason == "undecodable"
