"""Sign-language video files: check an upload is an MP4 and read its duration.

The duration comes from the MP4 movie header ('mvhd' box), so the start page can show it
without a media library. Only MP4 (H.264/AAC) is accepted: every browser plays it.
"""

import struct
from typing import BinaryIO

CONTAINER_BOXES = {b"moov"}


class NotAnMp4(ValueError):
    pass


def _boxes(stream: BinaryIO, end: int):
    """Yield (type, payload_start, payload_end) for the boxes between here and `end`."""
    while stream.tell() + 8 <= end:
        start = stream.tell()
        header = stream.read(8)
        size, box_type = struct.unpack(">I4s", header)
        header_size = 8
        if size == 1:
            size = struct.unpack(">Q", stream.read(8))[0]
            header_size = 16
        elif size == 0:
            size = end - start
        if size < header_size or start + size > end:
            raise NotAnMp4("box size out of range")
        yield box_type, start + header_size, start + size
        stream.seek(start + size)


def mp4_duration_seconds(stream: BinaryIO) -> int:
    """Duration in whole seconds (rounded up), or NotAnMp4."""
    try:
        return _read_duration(stream)
    except (struct.error, IndexError):
        raise NotAnMp4("truncated file") from None


def _read_duration(stream: BinaryIO) -> int:
    stream.seek(0, 2)
    total = stream.tell()
    stream.seek(0)
    first = stream.read(8)
    if len(first) < 8 or first[4:8] != b"ftyp":
        raise NotAnMp4("no ftyp box")
    stream.seek(0)
    for box_type, payload_start, payload_end in _boxes(stream, total):
        if box_type != b"moov":
            continue
        stream.seek(payload_start)
        for inner_type, inner_start, _inner_end in _boxes(stream, payload_end):
            if inner_type != b"mvhd":
                continue
            stream.seek(inner_start)
            version = stream.read(1)[0]
            stream.read(3)  # flags
            if version == 1:
                _created, _modified, timescale, duration = struct.unpack(">QQIQ", stream.read(28))
            else:
                _created, _modified, timescale, duration = struct.unpack(">IIII", stream.read(16))
            if timescale == 0 or duration == 0:
                raise NotAnMp4("empty duration")
            return -(-duration // timescale)
        break
    raise NotAnMp4("no movie header")
