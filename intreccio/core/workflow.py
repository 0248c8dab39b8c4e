"""Status workflows as data: a transition table next to each model.

    TRANSITIONS = TransitionTable({
        "active": {"suspended", "closed"},
        "suspended": {"active", "closed"},
        "closed": {"active"},
    })

One action per workflow calls `TRANSITIONS.check(old, new, labels=...)`
before it changes anything; tests enumerate `TRANSITIONS.pairs()`.
"""

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from .exceptions import InvalidTransition


class TransitionTable:
    def __init__(self, transitions: Mapping[str, Iterable[str]]):
        self._allowed = {source: frozenset(targets) for source, targets in transitions.items()}

    def allows(self, source: str, target: str) -> bool:
        return target in self._allowed.get(source, frozenset())

    def targets(self, source: str) -> frozenset[str]:
        return self._allowed.get(source, frozenset())

    def pairs(self) -> list[tuple[str, str]]:
        return sorted((source, target) for source, targets in self._allowed.items() for target in targets)

    def states(self) -> set[str]:
        return set(self._allowed) | {target for targets in self._allowed.values() for target in targets}

    def check(self, source: str, target: str, *, labels: Mapping[str, str] | None = None) -> None:
        """Raise InvalidTransition naming both states when the move is not allowed."""
        if self.allows(source, target):
            return
        labels = labels or {}
        allowed = sorted(str(labels.get(state, state)) for state in self.targets(source))
        raise InvalidTransition(
            _("Non si può passare da «%(source)s» a «%(target)s». Passaggi possibili: %(allowed)s.")
            % {
                "source": labels.get(source, source),
                "target": labels.get(target, target),
                "allowed": ", ".join(allowed) or _("nessuno"),
            },
            details={"from": source, "to": target},
        )
