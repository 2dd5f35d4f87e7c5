"""The layer tree's order as data: groups as blocks of the drawing order, and
what a drag and drop in the tree does to them (QGIS's layer tree rules: a
layer dropped in a group joins it; a group moves as a whole). No Qt here, so
the rules are tested without a widget."""
from __future__ import annotations

from .layers import USER_GROUP


def tree_runs(layers) -> list[tuple[str, list[str]]]:
    """The tree top first: (group id, its layer ids top first), one run per block."""
    runs: list[tuple[str, list[str]]] = []
    for layer in reversed(list(layers)):
        group = layer.spec.group or USER_GROUP
        if runs and runs[-1][0] == group:
            runs[-1][1].append(layer.id)
        else:
            runs.append((group, [layer.id]))
    return runs


def dropped(runs, kind: str, key: str, target_group: str | None, row: int):
    """The runs after a drop of a layer or a group (`kind`, `key`) into
    `target_group` at `row` (-1: on it), or at the top level at `row` (None).
    Returns None when nothing moves."""
    runs = [(g, list(ids)) for g, ids in runs]
    groups = [g for g, _ in runs]
    if kind == "group":
        if key not in groups:
            return None
        moving = runs.pop(groups.index(key))
        if target_group is not None and target_group != key:
            at = [g for g, _ in runs].index(target_group)  # dropped on or inside a group: above it
        elif target_group is None:
            at = len(runs) if row < 0 else min(row - (1 if row > groups.index(key) else 0), len(runs))
        else:
            return None
        runs.insert(at, moving)
        return runs
    source = next((g for g, ids in runs if key in ids), None)
    if source is None:
        return None
    source_ids = next(ids for g, ids in runs if g == source)
    old_row = source_ids.index(key)
    source_ids.remove(key)
    if target_group is None:  # between groups at the top level: the top of the group below
        if not runs:
            return None
        below = 0 <= row < len(groups)
        target_group, row = (groups[row], 0) if below else (groups[-1], -2)
    ids = next(ids for g, ids in runs if g == target_group)
    if row == -2:
        ids.append(key)
    else:
        if target_group == source and row > old_row:
            row -= 1
        ids.insert(max(0, row), key)
    return [(g, ids) for g, ids in runs if ids]
