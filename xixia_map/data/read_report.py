"""What reading a file changed or noticed, for the planner to see."""
from __future__ import annotations

from dataclasses import dataclass, field

from .messages import Text, say

SHOWN = 5  # names listed in a one-line summary before "…"


@dataclass
class ReadReport:
    repaired: list[str] = field(default_factory=list)  # features whose geometry was repaired
    skipped: list[tuple[str, Text]] = field(default_factory=list)  # (feature, why) left out
    warnings: list[Text] = field(default_factory=list)  # loaded, but the planner should know
    assumed_crs: str | None = None
    source_crs: str | None = None
    encoding: str | None = None
    encoding_certain: bool = True
    swapped_axes: bool = False

    def skip(self, feature, why: Text) -> None:
        self.skipped.append((str(feature), why))

    def notices(self) -> list[Text]:
        """What the planner must be told (not only in the status bar): warnings,
        skipped and repaired features, an encoding that is a guess."""
        return self._lines(everything=False)

    def lines(self) -> list[Text]:
        """Each notice on its own, most important first, then what was assumed."""
        return self._lines(everything=True)

    def _lines(self, everything: bool) -> list[Text]:
        out = list(self.warnings)
        if self.skipped:
            shown = "; ".join(f"{name}: {why.en}" for name, why in self.skipped[:SHOWN])
            shown_zh = "；".join(f"{name}：{why.zh}" for name, why in self.skipped[:SHOWN])
            more = " …" if len(self.skipped) > SHOWN else ""
            out.append(say(f"{len(self.skipped)} feature(s) skipped ({shown}{more})",
                           f"已跳过 {len(self.skipped)} 个要素（{shown_zh}{more}）"))
        if self.repaired:
            names = ", ".join(self.repaired[:SHOWN]) + (" …" if len(self.repaired) > SHOWN else "")
            out.append(say(f"{len(self.repaired)} invalid geometries repaired ({names})",
                           f"已修复 {len(self.repaired)} 个无效几何（{names}）"))
        if self.encoding and (everything or not self.encoding_certain):
            if self.encoding_certain:
                out.append(say(f"attribute text decoded as {self.encoding}", f"属性文字按 {self.encoding} 解码"))
            else:
                out.append(say(f"attribute text decoded as {self.encoding}, which is a guess: if names look "
                               "wrong, choose another encoding (right-click the layer → text encoding)",
                               f"属性文字按 {self.encoding} 解码（推测）：如文字显示不正确，请右键图层 → 文字编码，换一种编码"))
        if not everything:
            return out
        if self.swapped_axes:
            out.append(say("X and Y were swapped, as confirmed", "已按确认交换 X/Y 坐标"))
        if self.assumed_crs:
            out.append(say(f"no CRS in file, assumed {self.assumed_crs}", f"文件没有坐标系，按 {self.assumed_crs} 读取"))
        if self.source_crs:
            out.append(say(f"CRS {self.source_crs}", f"坐标系 {self.source_crs}"))
        return out

    def summary(self, lang: str = "en") -> str:
        sep = "；" if lang == "zh" else "; "
        return sep.join(line.in_lang(lang) for line in self.lines())

