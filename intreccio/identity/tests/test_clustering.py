"""Clustering that cannot collapse: chains, human decisions, codici fiscali."""

from collections import Counter

import pytest

from intreccio.identity.linkage import clustering
from intreccio.identity.linkage.errors import LinkageInputError

STRONG = 12.0  # match weight: probability 0.9998
CLEARLY_DIFFERENT = -20.0


def groups(result) -> list[list[int]]:
    members: dict[int, list[int]] = {}
    for record, label in enumerate(result.cluster_of):
        members.setdefault(label, []).append(record)
    return sorted(members.values())


def cluster(count, weights, **options):
    options.setdefault("match_threshold", 0.8)
    options.setdefault("loose_threshold", 0.5)
    return clustering.cluster(count, dict(weights), **options)


def test_strong_pairs_cluster_and_the_rest_stay_singletons():
    result = cluster(5, {(0, 1): STRONG, (1, 2): STRONG, (0, 2): STRONG, (3, 4): -3.0})
    assert groups(result) == [[0, 1, 2], [3], [4]]
    assert result.sizes() == Counter({3: 1, 1: 2})


def test_an_adversarial_chain_does_not_collapse():
    # Each record looks like its neighbour, and every other pair was compared
    # and clearly differs: connected components would make one cluster of 20.
    count = 20
    weights = {(a, b): CLEARLY_DIFFERENT for a in range(count) for b in range(a + 1, count)}
    weights.update({(a, a + 1): STRONG for a in range(count - 1)})

    result = cluster(count, weights)

    assert max(result.sizes()) == 2
    assert result.blocked_merges["incoherent"] > 0


def test_a_chain_through_unscored_pairs_is_scored_before_merging():
    # Blocking compared only neighbours; the clustering asks for the other pairs.
    count = 6
    weights = {(a, a + 1): STRONG for a in range(count - 1)}
    asked = []

    def score_missing(pairs):
        asked.extend(pairs)
        return dict.fromkeys(pairs, CLEARLY_DIFFERENT)

    result = cluster(count, weights, score_missing=score_missing)

    assert (0, 5) in asked
    assert (0, 2) in asked
    assert max(result.sizes()) == 2


def test_a_cannot_link_decision_is_never_overridden():
    weights = {(0, 1): STRONG, (1, 2): STRONG, (0, 2): STRONG}
    result = cluster(3, weights, cannot_link=[(2, 0)])
    assert result.cluster_of[0] != result.cluster_of[2]
    assert result.blocked_merges["cannot_link"] >= 1


def test_a_must_link_decision_merges_whatever_the_scores():
    result = cluster(4, {(0, 1): CLEARLY_DIFFERENT}, must_link=[(0, 1), (2, 3)])
    assert groups(result) == [[0, 1], [2, 3]]


def test_conflicting_decisions_raise():
    with pytest.raises(LinkageInputError) as error:
        cluster(2, {}, must_link=[(0, 1)], cannot_link=[(1, 0)])
    assert error.value.code == "decisions_conflict"


def test_two_different_valid_codes_are_not_merged_unless_explained():
    weights = {(0, 1): STRONG, (2, 3): STRONG}
    codes = {
        0: "RSSMRA80B03E507",
        1: "RSSMRA62L09F205",  # another person
        2: "LMRFTM75T71Z330",
        3: "MRNFTM75T71Z330",  # recomputed from "Amrani": explained
    }
    result = cluster(4, weights, trusted_codes=codes)
    assert groups(result) == [[0], [1], [2, 3]]
    assert result.blocked_merges["tax_code_conflict"] == 1


def test_code_conflicts_are_checked_cluster_wide():
    # 1 has no code and links to both 0 and 2, whose codes differ: only one side wins.
    weights = {(0, 1): STRONG + 2, (1, 2): STRONG, (0, 2): 0.0}
    result = cluster(3, weights, trusted_codes={0: "RSSMRA80B03E507", 2: "RSSMRA62L09F205"})
    assert groups(result) == [[0, 1], [2]]


def test_large_components_are_cut_at_rising_thresholds():
    # A hub record weakly linked (p ~ 0.6) to 300 records, each in a strong pair.
    count = 601
    weights = {(0, b): 0.6 for b in range(1, count)}
    weights.update({(b, b + 300): STRONG for b in range(1, 301)})

    result = cluster(count, weights)

    assert max(result.sizes()) == 2
    assert result.sizes()[2] == 300


def test_a_source_with_one_record_per_person_never_shares_a_cluster():
    # 0 and 1 come from the population register, 2 from a shelter: 2 links to both.
    weights = {(0, 2): STRONG + 1, (1, 2): STRONG, (0, 1): STRONG}
    result = cluster(3, weights, exclusive_source_of={0: "anagrafe", 1: "anagrafe"})
    assert groups(result) == [[0, 2], [1]]
    assert result.blocked_merges["same_unique_source"] == 1
