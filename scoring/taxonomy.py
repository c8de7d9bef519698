"""The signal taxonomy: the one place that says what each signal means and weighs.

Every other module (corpus checks, classifier heads, index weights, exports) reads the
signal names, order and codes from here, so adding or re-weighting a signal is a
one-file change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Direction = Literal["escalation", "de-escalation"]


@dataclass(frozen=True)
class Signal:
    """One kind of interstate event the classifier looks for."""

    name: str
    direction: Direction
    severity: float
    """Tension points for one certain, implemented, direct event (Goldstein-informed, 0-10).

    De-escalation signals carry a positive severity here; their direction makes them subtract.
    """
    cameo: str
    plover: str
    definition: str

    @property
    def sign(self) -> int:
        """+1 for escalation, -1 for de-escalation."""
        return 1 if self.direction == "escalation" else -1


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "summons",
        "escalation",
        3.0,
        "114",
        "ACCUSE",
        "A government summons or calls in another state's ambassador or diplomat, "
        "or lodges a formal diplomatic protest note.",
    ),
    Signal(
        "expulsion",
        "escalation",
        5.0,
        "16x;174",
        "SANCTION",
        "Expels diplomats, declares persona non grata, recalls its own ambassador, "
        "closes an embassy or consulate, downgrades or severs relations.",
    ),
    Signal(
        "sanctions",
        "escalation",
        5.0,
        "163;162x",
        "SANCTION",
        "Imposes or tightens sanctions, embargoes, export controls, asset freezes, "
        "entry bans, or punitive tariffs used politically.",
    ),
    Signal(
        "defence_pact",
        "escalation",
        4.0,
        "062;057",
        "COOPERATE",
        "Signs, concludes or ratifies a defence pact, mutual-defence clause, military "
        "alliance, military(-technical) cooperation or visiting-forces agreement.",
    ),
    Signal(
        "arms_policy",
        "escalation",
        4.0,
        "072;0332;1622",
        "AID",
        "A change in arms-transfer policy: lifting or reconsidering a ban on weapons "
        "deliveries, approving or halting a major arms transfer, loosening or tightening "
        "arms-export rules.",
    ),
    Signal(
        "threat",
        "escalation",
        6.0,
        "13x",
        "THREATEN",
        "An explicit warning of consequences, threat of force or retaliation, or "
        "ultimatum by one state to another.",
    ),
    Signal(
        "military_posture",
        "escalation",
        5.0,
        "15x",
        "MOBILIZE",
        "Exercises, deployments, mobilisation, build-ups, airspace or maritime "
        "incursions, shows of force.",
    ),
    Signal(
        "weapons_test",
        "escalation",
        6.0,
        "15x;1384",
        "MOBILIZE",
        "Missile launches, nuclear or other weapons tests.",
    ),
    Signal(
        "armed_clash",
        "escalation",
        9.0,
        "18x;19x;20x",
        "ASSAULT",
        "Attacks, strikes, border clashes, shoot-downs, seizures by force between states.",
    ),
    Signal(
        "accusation",
        "escalation",
        2.0,
        "111;112",
        "ACCUSE",
        "Official criticism, condemnation or accusation of another state, when the same "
        "actor does nothing stronger to the same target in the passage.",
    ),
    Signal(
        "talks",
        "de-escalation",
        3.0,
        "036;04x",
        "CONSULT",
        "Negotiations, summits, official visits, leaders' calls, mediation.",
    ),
    Signal(
        "cooperation",
        "de-escalation",
        4.0,
        "05x;06x;08x",
        "COOPERATE",
        "Non-military agreements, ceasefires, normalisation or restored relations, lifted "
        "sanctions, prisoner exchanges.",
    ),
)

SIGNAL_NAMES: tuple[str, ...] = tuple(s.name for s in SIGNALS)
BY_NAME: dict[str, Signal] = {s.name: s for s in SIGNALS}

MODALITIES: tuple[str, ...] = ("considered", "announced", "implemented", "denied", "reversed")
"""How real a reported signal is, from weakest to a reversal.

considered: weighed, threatened to do, "will reconsider"; announced: decided or promised
but not yet done; implemented: done or happening; denied: officially denied or ruled
out; reversed: an earlier such step is undone (e.g. an expulsion revoked).
"""


def signal(name: str) -> Signal:
    """Look a signal up by name, with a clear error for unknown names."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown signal {name!r}; known: {', '.join(SIGNAL_NAMES)}") from None
