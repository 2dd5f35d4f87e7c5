"""Paper sizes and pixel sizes for print exports."""
from __future__ import annotations

PAPER_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
MM_PER_INCH = 25.4


def paper_mm(paper: str, landscape: bool) -> tuple[float, float]:
    width, height = PAPER_MM[paper.upper()]
    return (height, width) if landscape else (width, height)


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm / MM_PER_INCH * dpi)


def paper_px(paper: str, landscape: bool, dpi: int) -> tuple[int, int]:
    width, height = paper_mm(paper, landscape)
    return mm_to_px(width, dpi), mm_to_px(height, dpi)


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"size must look like 1600x1000, got '{text}'") from None
    if not (16 <= width <= 16000 and 16 <= height <= 16000):
        raise ValueError(f"size {width}x{height} is outside 16…16000 pixels")
    return width, height
