"""Which open layer plays each role (roles.py): the planner's choices, kept with
the project, and for a role not chosen the layer its names point to. A guess
from fields alone (RoleGuess.sure False) stays marked as a guess until the
planner confirms it, in the window and in the project file."""
from __future__ import annotations

from dataclasses import dataclass

from .roles import ROLES, guess_role


@dataclass(frozen=True)
class RoleChoice:
    layer_id: str | None  # None: the planner chose no layer for the role
    confirmed: bool  # chosen (or accepted) by the planner, or named by a standard code; False: a guess to confirm


@dataclass(frozen=True)
class Candidate:
    """An open polygon layer as a role's candidate: its id, the names it goes by
    (title, file stem, layer in its file) and its fields."""
    layer_id: str
    names: str
    columns: tuple[str, ...]


class RoleChoices:
    def __init__(self) -> None:
        self.chosen: dict[str, RoleChoice] = {}

    def choose(self, role: str, layer_id: str | None, confirmed: bool = True) -> None:
        if role not in ROLES:
            raise ValueError(f"unknown role {role}")
        self.chosen[role] = RoleChoice(layer_id, confirmed)

    def resolve(self, candidates: list[Candidate]) -> dict[str, RoleChoice]:
        """Every role's layer now: the choice kept for it while its layer is open
        (or the choice of none), else the first candidate its names point to,
        else none."""
        open_ids = {c.layer_id for c in candidates}
        guesses: dict[str, RoleChoice] = {}
        for candidate in candidates:
            guess = guess_role(candidate.names, candidate.columns)
            if guess is None:
                continue
            earlier = guesses.get(guess.role)
            if earlier is None or (guess.sure and not earlier.confirmed):  # a layer named so beats fields alone
                guesses[guess.role] = RoleChoice(candidate.layer_id, guess.sure)
        out = {}
        for role in ROLES:
            kept = self.chosen.get(role)
            if kept is not None and (kept.layer_id is None or kept.layer_id in open_ids):
                out[role] = kept
            else:
                out[role] = guesses.get(role, RoleChoice(None, True))
        return out
