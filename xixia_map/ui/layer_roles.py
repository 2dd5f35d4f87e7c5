"""The window's layer roles (data/analysis/role_choices.py): the open polygon
layers as candidates, every role's layer now, and the roles as the project file
keeps them (by the layers' tokens in Project.order)."""
from __future__ import annotations

from pathlib import Path

from ..data.analysis.role_choices import Candidate, RoleChoice, RoleChoices


def choices_of(window) -> RoleChoices:
    choices = getattr(window, "layer_roles", None)
    if choices is None:
        choices = window.layer_roles = RoleChoices()
    return choices


def polygon_layers(window) -> list:
    return [layer for layer in window.layers if not getattr(layer, "is_raster", False)
            and layer.spec.geometry == "Polygon" and layer.spec.category not in ("boundary", "register")]


def candidates(window) -> list[Candidate]:
    out = []
    for layer in polygon_layers(window):
        inner = getattr(getattr(layer, "origin", None), "layer", "") or ""
        names = f"{layer.spec.title('zh')} {Path(str(layer.spec.path)).stem} {inner}"
        out.append(Candidate(layer.id, names, tuple(str(c) for c in layer.frame.columns)))
    return out


def current_roles(window) -> dict[str, RoleChoice]:
    return choices_of(window).resolve(candidates(window))


def roles_for_project(window, tokens: dict[str, str]) -> dict[str, dict]:
    """role -> {"layer": its token (tokens: layer id -> token), "confirmed": …};
    a role whose layer has no token (not saved with the project) is left out."""
    saved: dict[str, dict] = {}
    for role, choice in current_roles(window).items():
        if choice.layer_id is None:
            if role in choices_of(window).chosen:  # the planner chose none: kept
                saved[role] = {"layer": None, "confirmed": True}
        elif choice.layer_id in tokens:
            saved[role] = {"layer": tokens[choice.layer_id], "confirmed": choice.confirmed}
    return saved


def restore_roles(window, saved: dict[str, dict], opened: dict[str, str]) -> None:
    """The project's roles, its tokens read through `opened` (token -> layer id
    now); a role whose layer did not open is guessed again."""
    choices = RoleChoices()
    for role, value in saved.items():
        token = value["layer"]
        if token is None:
            choices.choose(role, None, value["confirmed"])
            continue
        layer_id = opened.get(token, token)
        if layer_id in window.layers:
            choices.choose(role, layer_id, value["confirmed"])
    window.layer_roles = choices
    dock = getattr(window, "landtake", None)
    if dock is not None:
        dock.refresh_layers()
