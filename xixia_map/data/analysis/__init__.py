"""占地分析 and 合规性审查: what a site takes of each land-use class and each
control line, with areas on the CGCS2000 ellipsoid (no Qt here)."""
