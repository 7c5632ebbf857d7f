"""Hostile files made by the tests themselves: small on disk, huge once decoded."""

from __future__ import annotations

import struct
import zlib

MIB = 1 << 20


def deflated_zeros(size: int, level: int = 1) -> bytes:
    """``size`` zero bytes, zlib-compressed (level 1: ~1 s for 1 GiB, ~4.5 MB out)."""
    packer = zlib.compressobj(level)
    chunk = bytes(MIB)
    parts = [packer.compress(chunk) for _ in range(size // MIB)]
    parts.append(packer.compress(bytes(size % MIB)))
    parts.append(packer.flush())
    return b"".join(parts)


def pdf_bomb(inflated: int = 1 << 30) -> bytes:
    """A valid one-page PDF whose content stream (FlateDecode) inflates to ``inflated`` zero bytes."""
    stream = deflated_zeros(inflated)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid 1-bit greyscale PNG of ``width`` x ``height`` black pixels (400 million by default, over
    Pillow's guard) that weighs ~50 KB. Written chunk by chunk: Pillow itself would need the 400 MB
    image in memory to save it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = 1 + (width + 7) // 8  # a filter byte, then the packed bits
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", deflated_zeros(row * height, level=9))
        + chunk(b"IEND", b"")
    )
