"""Find features by name: hanzi, full pinyin, or pinyin initials (`huiche`, `hcz` → 回车镇),
and then by the words of their text (山茱萸 finds 米坪镇, whose seed sentence names it)."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from .layers import LayerList


@dataclass(frozen=True)
class SearchEntry:
    layer_id: str
    feature_id: str
    name: str
    layer_titles: tuple[str, str]  # zh, en
    keys: tuple[str, ...]
    text: str = ""  # the feature's other words (its seed sentence, role, kind …), lower case
    text_pinyin: str = ""  # those words in pinyin, run together (duanmian finds the 断面)

    def label(self, lang: str = "zh") -> str:
        return f"{self.name}  ·  {self.layer_titles[0 if lang == 'zh' else 1]}"


TEXT_FIELDS = ("note", "seed_role", "kind", "status_zh", "town_zh", "via", "flows", "position")


def _keys(name: str, english: str) -> tuple[str, ...]:
    # Imported here: pypinyin's phrase dictionary takes ~0.35 s to load, which
    # start-up should not wait for (see SearchIndex.build_in_background).
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, errors="ignore")
    initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return (name.lower(), "".join(syllables).lower(), "".join(initials).lower(),
            " ".join(syllables).lower(), english.lower())


def _text_pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text, errors="ignore")).lower() if text else ""


# Pinyin costs ~0.5 ms a name; bigger layers are searched through their table filter.
MAX_INDEXED_FEATURES = 5000


class SearchIndex:
    """Built on first use, or ahead of it by build_in_background()."""

    def __init__(self, layers: LayerList):
        self.layers = layers
        self._entries: list[SearchEntry] | None = None
        self._lock = threading.Lock()
        for signal in (layers.events.inserted, layers.events.removed, layers.events.data):
            signal.connect(self._forget)

    def _forget(self) -> None:
        """Names were added, removed or replaced: built again on next use."""
        with self._lock:
            self._entries = None

    @property
    def entries(self) -> list[SearchEntry]:
        with self._lock:
            if self._entries is None:
                self._entries = self._build()
            return self._entries

    def build_in_background(self) -> threading.Thread:
        """Build on a worker thread now, so the first keystroke finds it ready."""
        thread = threading.Thread(target=lambda: self.entries, name="xixia-search-index", daemon=True)
        thread.start()
        return thread

    def _build(self) -> list[SearchEntry]:
        entries = []
        for layer in list(self.layers):
            frame = layer.frame
            field = "name_zh" if "name_zh" in frame.columns else layer.spec.label_field
            if field not in frame.columns or len(frame) > MAX_INDEXED_FEATURES:
                continue
            english = frame["name_en"] if "name_en" in frame.columns else [""] * len(frame)
            words = [c for c in TEXT_FIELDS if c in frame.columns]
            texts = (frame[words].astype(str).where(frame[words].notna(), "").agg(" ".join, axis=1).str.lower()
                     if words else [""] * len(frame))
            for fid, name, name_en, text in zip(frame["id"], frame[field].astype(str), english, texts):
                titles = (layer.spec.title_zh, layer.spec.title_en)
                entries.append(SearchEntry(layer.id, str(fid), str(name), titles,
                                           _keys(str(name), str(name_en or "")), text, _text_pinyin(text)))
        return entries

    def search(self, text: str, limit: int = 20) -> list[SearchEntry]:
        query = text.strip().lower().replace(" ", "")
        if not query:
            return []
        scored = []
        for entry in self.entries:
            compact = [k.replace(" ", "") for k in entry.keys]
            if any(k.startswith(query) for k in compact):
                scored.append((0, len(entry.name), entry))
            elif any(query in k for k in compact):
                scored.append((1, len(entry.name), entry))
            elif len(query) >= 2 and query in entry.text:  # named in its text, after every name match
                scored.append((2, len(entry.name), entry))
            elif len(query) >= 4 and query.isascii() and query.isalpha() and query in entry.text_pinyin:
                scored.append((3, len(entry.name), entry))  # the text's words in pinyin, last
        scored.sort(key=lambda item: (item[0], item[1], item[2].name))
        return [entry for _, _, entry in scored[:limit]]
