"""The text encoding of a shapefile's .dbf, judged value by value.

Chinese shapefiles often come without a .cpg, in GBK, from software that cuts
text at the field's byte width, sometimes in the middle of a two-byte
character. Judging the whole file at once lets that one cut character turn
every value into Latin-1 mojibake (名称 -> Ãû³Æ). So each text value is decoded
on its own, an incomplete last character is tolerated (and counted), and the
candidates are scored by how much of the decoded text is common Chinese.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field

CANDIDATES = ("UTF-8", "GB18030", "Big5")
ENOUGH_TO_JUDGE = 20  # two-byte characters; fewer can read plausibly in more than one encoding
MAX_VALUES = 200_000  # enough to judge; a 2-million-row DBF is sampled, not walked
# A reading is only called certain if at least this share of its non-ASCII
# characters are everyday ones (see _common_chinese): real Chinese text scores
# near 1 (GB2312's level 1 covers ~99 % of running text); other text that merely
# decodes, such as Shift-JIS kana read as GBK (ひらがな -> 傂傜偑側), scores near 0.
PLAUSIBLE = 0.5


@dataclass
class EncodingGuess:
    encoding: str | None  # None: plain ASCII, any encoding reads it
    certain: bool = True
    cut_values: list[tuple[int, str]] = field(default_factory=list)  # (record, field name) cut short
    notes: list = field(default_factory=list)  # Texts on how the encoding was decided (an unknown .cpg)
    problems: list = field(default_factory=list)  # Texts on the .dbf itself (not a dBASE table ...)
    declared: bool = False  # named by the file's .cpg, not judged from the text


def _fields(dbf: bytes):
    """(name bytes, offset in record, width) of each character field."""
    header_len, = struct.unpack_from("<H", dbf, 8)
    fields, offset, pos = [], 1, 32
    while pos + 32 <= min(header_len, len(dbf)) and dbf[pos] != 0x0D:
        name = dbf[pos:pos + 11].split(b"\0")[0]
        kind, width = dbf[pos + 11:pos + 12], dbf[pos + 16]
        if kind in (b"C", b"c"):
            fields.append((name, offset, width))
        offset += width
        pos += 32
    return fields


def text_values(dbf: bytes):
    """(record index, field name bytes, raw value) of the non-ASCII text values."""
    if len(dbf) < 32:
        return
    count, header_len, record_len = struct.unpack_from("<IHH", dbf, 4)
    fields = _fields(dbf)
    for name, _, _ in fields:
        if not name.isascii():
            yield -1, name, name
    seen = 0
    for record in range(count):
        start = header_len + record * record_len
        if start + record_len > len(dbf):
            break
        for name, offset, width in fields:
            raw = dbf[start + offset:start + offset + width].rstrip(b" \0")
            if raw and not raw.isascii():
                yield record, name, raw
                seen += 1
                if seen >= MAX_VALUES:
                    return


def decode_tolerant(raw: bytes, encoding: str) -> tuple[str, bool] | None:
    """The text and whether its last character was cut off; None if it does not decode."""
    try:
        return raw.decode(encoding), False
    except UnicodeDecodeError as exc:
        if exc.end < len(raw) - 3 or exc.start < len(raw) - 3:
            return None  # a bad byte in the middle, not a cut at the end
    for cut in (1, 2, 3):
        try:
            return raw[:-cut].decode(encoding), True
        except UnicodeDecodeError:
            continue
    return None


def _in_level_one(char: str, encoding: str, low: int, high: int) -> bool:
    try:
        lead = char.encode(encoding)[0]
    except UnicodeEncodeError:
        return False
    return low <= lead <= high


def _common_chinese(text: str, encoding: str) -> float:
    """Share of the CJK characters that are everyday ones in the candidate's own
    script: GB2312 level 1 (3 755 hanzi, lead bytes B0–D7) for GBK, Big5's 常用字
    (5 401, lead bytes A4–C6) for Big5, either for UTF-8. Bytes of one read as the
    other give rare characters, so the right reading scores highest."""
    # Every non-ASCII character counts: a wrong reading also yields private-use
    # and symbol characters (Hypothesis found GBK 米坪鎮 read as Big5 譙 + U+F6CA).
    wide = [c for c in text if not c.isascii()]
    if not wide:
        return 1.0
    cjk = [c for c in wide if "\u3400" <= c <= "\u9fff"]
    gb = sum(_in_level_one(c, "gb2312", 0xB0, 0xD7) for c in cjk)
    big5 = sum(_in_level_one(c, "big5", 0xA4, 0xC6) for c in cjk)
    common = {"GB18030": gb, "Big5": big5}.get(encoding, max(gb, big5))
    return common / len(wide)


def guess_dbf_encoding(dbf: bytes) -> EncodingGuess:
    values = list(text_values(dbf))
    if not values:
        return EncodingGuess(None)
    scored = []
    for encoding in CANDIDATES:
        decoded, cuts, failed = [], [], 0
        for record, name, raw in values:
            result = decode_tolerant(raw, encoding)
            if result is None or any("\ue000" <= c <= "\uf8ff" for c in result[0]):
                failed += 1  # private-use characters are how a wrong reading shows
                continue
            decoded.append(result[0])
            if result[1]:
                cuts.append((record, name.decode(encoding, "replace")))
        scored.append((failed, -_common_chinese("".join(decoded), encoding), len(cuts), encoding, cuts))
    scored.sort()
    failed, score, _, encoding, cuts = scored[0]
    runner_up = scored[1]
    # UTF-8 is self-checking: if it decodes everything it is right. Otherwise the
    # guess is certain only if nothing failed, there is enough text to judge, and
    # the next candidate is clearly worse.
    wide = sum(1 for _, _, raw in values for b in raw if b >= 0x80) // 2
    certain = failed == 0 and (encoding == "UTF-8" or runner_up[0] > 0
                               or (wide >= ENOUGH_TO_JUDGE and runner_up[1] - score > 0.2))
    certain = certain and (encoding == "UTF-8" or -score >= PLAUSIBLE)
    gb = next(entry for entry in scored if entry[3] == "GB18030")
    if encoding == "Big5" and gb[0] == 0 and not (wide >= ENOUGH_TO_JUDGE and gb[1] - score > 0.3):
        # A few GBK characters can read as common Big5 ones (Hypothesis: GBK 名稱
        # reads as Big5 靡想). Offices here write GBK; Big5 needs clear evidence.
        _, _, _, encoding, cuts = gb
        certain = False
    return EncodingGuess(encoding, certain, cuts)
