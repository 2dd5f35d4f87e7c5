"""One 符合性说明 sentence per control line, in the style of a 用地预审 or 选址
review (占用永久基本农田 0.52 公顷（7.80 亩）…), and the 地类 summary."""
from __future__ import annotations

from .areas import hectares, mu
from .overlay import SiteAnalysis
from .roles import DEV_BOUNDARY, ECO_REDLINE, FARMLAND


INSIDE, OUTSIDE, PARTLY = "inside", "outside", "partly"
EDGE_M2 = 0.005  # less than this outside the boundary is rounding: the site lies inside


def boundary_status(analysis: SiteAnalysis, result) -> str:
    """Whether the site lies inside the 城镇开发边界 (`result`: its ControlResult)."""
    outside = max(0.0, analysis.site_square_metres - result.square_metres)
    return INSIDE if outside <= EDGE_M2 else OUTSIDE if not result.touches else PARTLY


def _amount(square_metres: float, lang: str) -> str:
    if lang == "zh":
        return f"{hectares(square_metres):,.4f} 公顷（{mu(square_metres):,.2f} 亩）"
    return f"{hectares(square_metres):,.4f} ha ({mu(square_metres):,.2f} mu)"


def control_sentences(analysis: SiteAnalysis, lang: str = "zh") -> list[str]:
    out = []
    zh = lang == "zh"
    for result in analysis.controls:
        share = f"{result.share:.2%}"
        if result.role == FARMLAND:
            out.append(f"项目用地占用永久基本农田 {_amount(result.square_metres, lang)}，占项目用地的 {share}。"
                       if zh and result.touches else "项目用地不占用永久基本农田。" if zh else
                       f"The site takes {_amount(result.square_metres, lang)} of permanent basic farmland, "
                       f"{share} of the site." if result.touches else "The site takes no permanent basic farmland.")
        elif result.role == ECO_REDLINE:
            out.append(f"项目用地涉及生态保护红线 {_amount(result.square_metres, lang)}，占项目用地的 {share}。"
                       if zh and result.touches else "项目用地不涉及生态保护红线。" if zh else
                       f"The site lies {_amount(result.square_metres, lang)} inside the ecological protection red "
                       f"line, {share} of the site." if result.touches else
                       "The site does not touch the ecological protection red line.")
        elif result.role == DEV_BOUNDARY:
            outside = max(0.0, analysis.site_square_metres - result.square_metres)
            status = boundary_status(analysis, result)
            if zh:
                out.append("项目用地全部位于城镇开发边界内。" if status == INSIDE else
                           "项目用地全部位于城镇开发边界外。" if status == OUTSIDE else
                           f"项目用地位于城镇开发边界内 {_amount(result.square_metres, lang)}（{share}），"
                           f"边界外 {_amount(outside, lang)}。")
            else:
                out.append("The whole site lies inside the urban development boundary." if status == INSIDE else
                           "The whole site lies outside the urban development boundary." if status == OUTSIDE else
                           f"{_amount(result.square_metres, lang)} of the site ({share}) lies inside the urban "
                           f"development boundary, {_amount(outside, lang)} outside.")
    return out


def landuse_sentence(analysis: SiteAnalysis, lang: str = "zh") -> str:
    totals = analysis.by_main_class()
    if lang == "zh":
        parts = [f"{name} {_amount(area, lang)}" for name, area in totals.items() if area > 0]
        text = f"项目用地总面积 {_amount(analysis.site_square_metres, lang)}，其中" + "，".join(parts) if parts else \
            f"项目用地总面积 {_amount(analysis.site_square_metres, lang)}"
        cultivated = analysis.cultivated_square_metres
        text += f"；占用耕地 {_amount(cultivated, lang)}。" if cultivated > 0 else "；不占用耕地。"
        return text
    from .classes import MAIN_CLASS_EN

    parts = [f"{MAIN_CLASS_EN[name]} {_amount(area, lang)}" for name, area in totals.items() if area > 0]
    text = f"The site covers {_amount(analysis.site_square_metres, lang)}" + (": " + ", ".join(parts) if parts else "")
    cultivated = analysis.cultivated_square_metres
    return text + (f"; it takes {_amount(cultivated, lang)} of cultivated land." if cultivated > 0
                   else "; it takes no cultivated land.")
