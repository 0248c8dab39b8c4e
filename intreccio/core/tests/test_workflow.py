import pytest

from intreccio.core.exceptions import InvalidTransition
from intreccio.core.workflow import TransitionTable

TABLE = TransitionTable(
    {"active": {"suspended", "closed"}, "suspended": {"active", "closed"}, "closed": {"active"}}
)
LABELS = {"active": "attiva", "suspended": "sospesa", "closed": "chiusa"}


def test_allowed_moves_pass_and_the_table_lists_them():
    TABLE.check("active", "closed")
    assert TABLE.pairs() == [
        ("active", "closed"),
        ("active", "suspended"),
        ("closed", "active"),
        ("suspended", "active"),
        ("suspended", "closed"),
    ]
    assert TABLE.states() == {"active", "suspended", "closed"}


def test_a_forbidden_move_names_both_states_and_the_possible_ones():
    with pytest.raises(InvalidTransition) as raised:
        TABLE.check("closed", "suspended", labels=LABELS)
    assert raised.value.message == "Non si può passare da «chiusa» a «sospesa». Passaggi possibili: attiva."
    assert raised.value.details == {"from": "closed", "to": "suspended"}
    assert raised.value.status == 409


def test_an_unknown_source_state_allows_nothing():
    assert TABLE.allows("archived", "active") is False
    with pytest.raises(InvalidTransition, match="Passaggi possibili: nessuno"):
        TABLE.check("archived", "active")
