"""The text encoding of a DXF drawing, judged from its bytes, and AutoCAD's
text escapes (\\U+XXXX, \\M+nXXXX) that GDAL leaves in TEXT values and layer names.

A drawing's header says its code page ($DWGCODEPAGE), but the header is not to
be trusted: AutoCAD 2007 (AC1021) and later write UTF-8 whatever it says, and
GDAL's own DXF writer writes UTF-8 text under an ANSI_1252 header. Older
drawings from Chinese offices are GBK, often with no $DWGCODEPAGE at all. So:

1. UTF-8 when every byte of the file decodes as UTF-8 (self-checking: GBK or
   Latin-1 text of any length almost never does), as AutoCAD 2007+ files are;
2. otherwise the code page the header declares, if the text decodes in it;
3. otherwise a guess between GB18030, Big5 and Windows-1252, said to be a guess.

Our own scan rather than GDAL's: GDAL decodes with the header's code page (or
Latin-1), and a wrong code page loses bytes silently (Ä Ü Ö read as CP936 is 能).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..messages import Text, say

# What a planner may choose for a drawing: the reader's choices and Western European.
CHOICES = ("UTF-8", "GB18030", "Big5", "CP1252")
GUESSES = ("GB18030", "Big5", "CP1252")  # in order of preference on a tie: offices here write GBK
# Python codec, and the name GDAL's DXF_ENCODING (iconv) takes, of each name used here.
_CODECS = {"UTF-8": ("utf-8", "UTF-8"), "GB18030": ("gb18030", "GB18030"), "Big5": ("cp950", "CP950"),
           "CP1252": ("cp1252", "CP1252")}
_MULTIBYTE = {"UTF-8", "GB18030", "Big5", "CP932", "CP949"}
_NAMED = {"ANSI_936": "GB18030", "ANSI_950": "Big5", "ANSI_1252": "CP1252", "UTF-8": "UTF-8", "UTF8": "UTF-8"}
_WESTERN = set("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ°±²³µ·×÷€")
CHUNK = 1 << 20
MAX_LINE = 65536
MAX_VALUES = 20_000  # text values kept to judge by (each line holding a byte over 0x7F)
BINARY_SENTINEL = b"AutoCAD Binary DXF"
_HIGH_LINE = re.compile(rb"[^\r\n]*[\x80-\xff][^\r\n]*")
_VERSION = re.compile(rb"\$ACADVER(?:[ \t]*\r?\n[ \t]*1[ \t]*\r?\n[ \t]*|\x00[\x00\x01]{1,2})(AC\d{4})")
_CODEPAGE = re.compile(rb"\$DWGCODEPAGE(?:[ \t]*\r?\n[ \t]*3[ \t]*\r?\n[ \t]*|\x00[\x00\x03]{1,2})([A-Za-z0-9_\-]+)")


@dataclass
class TextEncoding:
    encoding: str  # one of the names above, or CPnnn from the header
    certain: bool
    notice: Text | None = None  # what the planner should be told about the decision
    has_text: bool = True  # False: every byte is ASCII, any encoding reads it the same

    @property
    def gdal_name(self) -> str:
        return _codec(self.encoding)[1]


def _codec(name: str) -> tuple[str, str]:
    if name in _CODECS:
        return _CODECS[name]
    return name.lower(), name  # CP932, CP949, CP1251 … from a header


def declared_codepage(name: str) -> str | None:
    """The encoding a $DWGCODEPAGE value names, if Python knows it (ANSI_932 is CP932)."""
    name = name.upper()
    if name in _NAMED:
        return _NAMED[name]
    match = re.fullmatch(r"ANSI_(\d{3,4})", name)
    if match:
        try:
            codecs.lookup(f"cp{match.group(1)}")
            return f"CP{match.group(1)}"
        except LookupError:
            return None
    return None


@dataclass
class _Scan:
    version: str | None
    codepage: str | None  # as the header spells it
    binary: bool
    utf8: bool
    values: list[bytes]


def _scan(path: Path) -> _Scan:
    """One pass over the file: is it all UTF-8, and the lines holding non-ASCII bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    values: list[bytes] = []
    head: bytes | None = None
    utf8, tail = True, b""
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                if head is None:
                    head = chunk[:65536]
                    if chunk.startswith(BINARY_SENTINEL):
                        break
                    chunk = chunk.removeprefix(codecs.BOM_UTF8)
                if utf8:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        utf8 = False
                text, tail = tail + chunk, b""
                cut = text.rfind(b"\n") + 1  # a line cut by the chunk's end waits for the next chunk
                if len(values) < MAX_VALUES and not text[:cut].isascii():
                    values += [m.group().strip() for m in _HIGH_LINE.finditer(text, 0, cut)][:MAX_VALUES - len(values)]
                elif not utf8 and len(values) >= MAX_VALUES:
                    break  # enough to judge by, and the file is not UTF-8
                tail = text[cut:][-MAX_LINE:]  # a DXF value is at most a few kB: no line grows without end
            if utf8:
                decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        utf8 = False
    except OSError as exc:
        raise DataError(path, say(f"cannot read the file ({exc.strerror})", f"无法读取该文件（{exc.strerror}）")) from None
    if len(values) < MAX_VALUES:
        values += [m.group().strip() for m in _HIGH_LINE.finditer(tail)]
    head = head or b""
    version, codepage = _VERSION.search(head), _CODEPAGE.search(head)
    binary = head.startswith(BINARY_SENTINEL)
    return _Scan(version.group(1).decode() if version else None, codepage.group(1).decode() if codepage else None,
                 binary, utf8 and not binary, values)


def _failures(values: list[bytes], encoding: str) -> int:
    codec = _codec(encoding)[0]
    failed = 0
    for raw in values:
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            failed += 1
    return failed


def _lead_in(char: str, codec: str, low: int, high: int) -> bool:
    try:
        return low <= char.encode(codec)[0] <= high
    except UnicodeEncodeError:
        return False


def _plausible(values: list[bytes], encoding: str) -> float:
    """Share of the non-ASCII characters that are everyday ones in the reading:
    GB2312 level-1 hanzi (lead bytes B0–D7) for GB18030, Big5's 常用字 (A4–C6)
    for Big5. Western accented letters read as either give rare characters."""
    codec = _codec(encoding)[0]
    text = "".join(raw.decode(codec, "ignore") for raw in values)
    wide = [c for c in text if not c.isascii()]
    if not wide:
        return 0.0
    if encoding == "GB18030":
        return sum(_lead_in(c, "gb2312", 0xB0, 0xD7) for c in wide) / len(wide)
    if encoding == "Big5":
        return sum(_lead_in(c, "big5", 0xA4, 0xC6) for c in wide) / len(wide)
    # Windows-1252 reads any byte; what tells it from GBK read wrongly is that
    # accented letters stand alone between ASCII ones, not in runs of two and more.
    runs = re.findall(r"[^\x00-\x7f]+", text)
    single = sum(1 for run in runs if len(run) == 1 and run in _WESTERN)
    return single / len(runs) if runs else 0.0


def _guess(values: list[bytes]) -> str:
    scored = sorted((_failures(values, name), -_plausible(values, name), rank) for rank, name in enumerate(GUESSES))
    return GUESSES[scored[0][2]]


def judge(path: Path, chosen: str | None = None) -> TextEncoding:
    """The drawing's text encoding, or the planner's `chosen` one with a word if it does not fit."""
    if chosen:
        try:
            codecs.lookup(_codec(chosen)[0])
        except LookupError:  # a project file may name anything
            raise DataError(path, say(f"unknown text encoding '{chosen}' (choose UTF-8, GB18030, Big5 or CP1252)",
                                      f"未知的文字编码“{chosen}”（可选 UTF-8、GB18030、Big5 或 CP1252）")) from None
    scan = _scan(path)
    declared = declared_codepage(scan.codepage) if scan.codepage else None
    if chosen:
        failed = _failures(scan.values, chosen)
        notice = None
        if failed:
            notice = say(f"{failed} text value(s) of the drawing are not valid {chosen}: characters may be "
                         "missing or wrong; choose another encoding (right-click the layer → text encoding)",
                         f"图纸中有 {failed} 个文字值不是有效的 {chosen} 编码，可能缺字或乱码；"
                         "请右键图层 → 文字编码，换一种编码")
        return TextEncoding(chosen, True, notice, bool(scan.values))
    if not scan.values and not scan.binary:
        return TextEncoding("UTF-8", True, None, has_text=False)
    if scan.utf8:
        notice = None
        if declared and declared != "UTF-8" and (scan.version or "") < "AC1021":
            notice = say(f"the drawing's text is UTF-8 although its header declares {scan.codepage} "
                         "(as GDAL's DXF writer and some converters write): read as UTF-8",
                         f"图纸文字为 UTF-8 编码，但文件头声明为 {scan.codepage}（GDAL 等软件导出的 DXF 常见）：已按 UTF-8 读取")
        return TextEncoding("UTF-8", True, notice)
    if scan.binary:  # no lines to judge: the header's word, as AutoCAD reads it
        if (scan.version or "") >= "AC1021":
            return TextEncoding("UTF-8", True)
        if declared:
            return TextEncoding(declared, True)
        return TextEncoding("GB18030", False, say(
            "the binary drawing does not declare its code page ($DWGCODEPAGE); its text was read as GB18030, "
            "which is a guess: if names look wrong, choose another encoding (right-click the layer → text encoding)",
            "二进制图纸未声明代码页（$DWGCODEPAGE），文字按 GB18030 读取（推测）：如文字显示不正确，请右键图层 → 文字编码，换一种编码"))
    guess = _guess(scan.values)
    if declared and declared != "UTF-8" and _failures(scan.values, declared) == 0:
        # A single-byte code page reads any bytes: converters write ANSI_1252
        # over GBK text, so it is believed only if the text reads no better as Chinese.
        if declared in _MULTIBYTE or guess == declared or \
                _plausible(scan.values, guess) <= _plausible(scan.values, declared):
            return TextEncoding(declared, True)
        why_en = f"its header declares {scan.codepage}, but its text reads better as {guess}"
        why_zh = f"文件头声明为 {scan.codepage}，但其文字按 {guess} 读取更合理"
    elif scan.codepage:
        why_en = f"its text does not decode as the declared {scan.codepage}"
        why_zh = f"其文字不符合文件头声明的 {scan.codepage} 编码"
    else:
        why_en, why_zh = "the drawing does not declare its code page ($DWGCODEPAGE)", "图纸未声明代码页（$DWGCODEPAGE）"
    notice = say(f"{why_en}; its text was read as {guess}, which is a guess: if names look wrong, choose another "
                 "encoding (right-click the layer → text encoding)",
                 f"{why_zh}；文字按 {guess} 读取（推测）：如文字显示不正确，请右键图层 → 文字编码，换一种编码")
    return TextEncoding(guess, False, notice)


_UNICODE_ESCAPE = re.compile(r"\\U\+([0-9A-Fa-f]{4})")
_MBCS_ESCAPE = re.compile(r"\\M\+([1-5])([0-9A-Fa-f]{4})")
# AutoCAD's \M+nXXXX: a double-byte character of code page n (its MIF numbering).
_MIF_CODEPAGES = {"1": "cp932", "2": "cp950", "3": "cp949", "4": "johab", "5": "gb18030"}


def _mbcs(match: re.Match) -> str:
    try:
        return bytes.fromhex(match.group(2)).decode(_MIF_CODEPAGES[match.group(1)])
    except UnicodeDecodeError:
        return match.group(0)


def unescape(value):
    """A text value or layer name with AutoCAD's \\U+XXXX and \\M+nXXXX escapes
    decoded (GDAL decodes them in MTEXT only); anything else is returned as is."""
    if not isinstance(value, str) or "\\" not in value:
        return value
    text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    text = _MBCS_ESCAPE.sub(_mbcs, text)
    # Characters beyond U+FFFF come as two escapes (a surrogate pair): join them.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
