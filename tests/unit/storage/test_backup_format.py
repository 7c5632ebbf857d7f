"""The backup file format: streamed sealed chunks that reveal any cut, swap or change before use."""

import io
import os

import pytest

from storage.backup_format import MAGIC, BackupError, BackupWriter, EntryReader, chunks, read_header

KEY = bytes(range(32))
ALLOWED = frozenset({"vault.db", "keyfile.json", "settings.json"})


def backup_of(files, chunk_size=64, key=KEY):
    out = io.BytesIO()
    with BackupWriter(out, key, {"kdf": {"name": "scrypt"}}, chunk_size=chunk_size) as writer:
        for name, data in files.items():
            source = io.BytesIO(data)
            writer.add(name, len(data), source.read)
    return out.getvalue()


def restored(data, key=KEY):
    source = io.BytesIO(data)
    header = read_header(source)
    reader = EntryReader(chunks(source, header, key), ALLOWED, max_size=1 << 30)
    return {name: b"".join(parts) for name, _size, parts in reader.entries()}


FILES = {"keyfile.json": b'{"k": 1}', "vault.db": os.urandom(1000), "settings.json": b"{}"}


def test_what_was_saved_comes_back_byte_for_byte():
    assert restored(backup_of(FILES)) == FILES


def test_an_empty_entry_and_an_exact_multiple_of_the_chunk_size_come_back():
    files = {"settings.json": b"", "vault.db": b"x" * (64 * 3 - 2 - 8 - 8)}
    assert restored(backup_of(files)) == files


def test_no_saved_byte_appears_in_clear_in_the_file():
    secret = b"Camille Martin, allergie a la penicilline"
    data = backup_of({"vault.db": secret * 10})
    assert secret[:12] not in data
    assert data.startswith(MAGIC)


def test_another_key_opens_nothing():
    with pytest.raises(BackupError):
        restored(backup_of(FILES), key=bytes(32))


@pytest.mark.parametrize("cut", [9, 20, 200, 500, -1])
def test_a_file_cut_anywhere_is_refused(cut):
    data = backup_of(FILES)
    with pytest.raises(BackupError):
        restored(data[:cut])


def test_a_file_cut_exactly_after_a_whole_chunk_is_refused():
    data = backup_of(FILES)
    source = io.BytesIO(data)
    header = read_header(source)
    start = source.tell()
    first_length = int.from_bytes(data[start : start + 4], "big")
    with pytest.raises(BackupError):
        restored(data[: start + 4 + first_length])
    assert header.chunk_size == 64


def test_one_flipped_byte_anywhere_is_refused():
    data = backup_of(FILES)
    for position in range(len(MAGIC) + 5, len(data), 37):
        damaged = bytearray(data)
        damaged[position] ^= 0x01
        with pytest.raises(BackupError):
            restored(bytes(damaged))


def test_two_chunks_swapped_are_refused():
    data = backup_of(FILES)
    source = io.BytesIO(data)
    read_header(source)
    start = source.tell()
    pieces, position = [], start
    while position < len(data):
        size = int.from_bytes(data[position : position + 4], "big")
        pieces.append(data[position : position + 4 + size])
        position += 4 + size
    swapped = data[:start] + pieces[1] + pieces[0] + b"".join(pieces[2:])
    with pytest.raises(BackupError):
        restored(swapped)


def test_bytes_added_after_the_end_are_refused():
    with pytest.raises(BackupError):
        restored(backup_of(FILES) + b"\x00\x00\x00\x10" + bytes(16))


def test_an_unexpected_name_is_refused():
    with pytest.raises(BackupError):
        restored(backup_of({"../../etc/passwd": b"x"}))


def test_a_file_that_is_not_a_backup_says_so():
    with pytest.raises(BackupError, match="not a Carnet backup"):
        read_header(io.BytesIO(b"%PDF-1.7\n..."))
