"""Clustering that cannot collapse: constrained average-linkage inside small components.

Plain connected components over "probably the same" pairs chain unrelated
people: A~B and B~C put A with C even when A and C were compared and clearly
differ. Here:

1. records joined by pairs at or above a loose threshold form components
   (components too large are cut at rising thresholds until they are small);
2. inside a component, every pair is scored (pairs that blocking skipped too),
   so each merge sees all the evidence, including the contrary;
3. clusters merge greedily, strongest link first, when that link reaches the
   match threshold *and* the average probability over all their cross pairs
   reaches the coherence threshold (more likely the same person than not, by
   default), and never across a human
   "different persons" decision or two trusted codici fiscali that nothing
   explains (`tax_codes.explainable`); human "same person" decisions are merged
   first and never split.
"""

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .errors import LinkageInputError, translate
from .tax_codes import explainable

# Components up to this size get every pair scored; larger ones are cut first.
COMPLETE_COMPONENT_SIZE = 80


class _UnionFind:
    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            root = self.find(parent)
            self.parent[item] = root
            return root
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _components(nodes: Iterable[int], edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    union = _UnionFind()
    for node in nodes:
        union.find(node)
    for a, b in edges:
        union.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for node in union.parent:
        groups[union.find(node)].append(node)
    return list(groups.values())


@dataclass
class ClusteringResult:
    cluster_of: list[int]  # record position -> cluster label (smallest position in the cluster)
    blocked_merges: Counter = field(default_factory=Counter)  # why merges were refused

    def sizes(self) -> Counter:
        """Cluster size -> number of clusters of that size."""
        return Counter(Counter(self.cluster_of).values())


def _cut(component: list[int], scores: dict[tuple[int, int], float], start: float) -> list[list[int]]:
    """Split a component too large to score completely by raising the threshold."""
    if len(component) <= COMPLETE_COMPONENT_SIZE:
        return [component]
    members = set(component)
    threshold = start
    while threshold < 0.999:
        threshold = 1 - (1 - threshold) / 2
        edges = [
            pair
            for pair, value in scores.items()
            if value >= threshold and pair[0] in members and pair[1] in members
        ]
        pieces = _components(component, edges)
        if all(len(piece) <= COMPLETE_COMPONENT_SIZE for piece in pieces):
            return pieces
        if len(pieces) > 1:
            return [part for piece in pieces for part in _cut(piece, scores, threshold)]
    return [component]


def probability(weight: float) -> float:
    """Match probability from a match weight (log2 of the posterior odds)."""
    if weight > 60:
        return 1.0
    return 1.0 / (1.0 + math.pow(2.0, -weight))


def cluster(
    record_count: int,
    weights: dict[tuple[int, int], float],
    *,
    match_threshold: float,
    loose_threshold: float,
    coherence_threshold: float = 0.5,
    trusted_codes: dict[int, str] | None = None,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    score_missing: Callable[[list[tuple[int, int]]], dict[tuple[int, int], float]] | None = None,
    exclusive_source_of: dict[int, str] | None = None,
) -> ClusteringResult:
    """Cluster records 0..record_count-1 from pair match weights keyed (low, high).

    Weights (not probabilities, which saturate at 1.0) order the merges.
    `score_missing` returns the weights of pairs inside components that
    blocking did not compare (the engine's LinkageEngine.score_pairs); without
    it they count as unknown and are left out of the averages."""
    scores = {pair: probability(weight) for pair, weight in weights.items()}
    trusted_codes = trusted_codes or {}
    exclusive_source_of = exclusive_source_of or {}
    must_link = [tuple(sorted(pair)) for pair in must_link]
    cannot = {tuple(sorted(pair)) for pair in cannot_link}
    conflicting = [pair for pair in must_link if pair in cannot]
    if conflicting:
        raise LinkageInputError(
            translate(
                "decisioni in conflitto: i record %(pair)s sono segnati sia «stessa persona» "
                "sia «persone diverse»."
            )
            % {"pair": conflicting[0]},
            code="decisions_conflict",
        )
    loose_edges = [pair for pair, value in scores.items() if value >= loose_threshold]
    touched = {node for pair in loose_edges for node in pair} | {node for pair in must_link for node in pair}
    components = _components(touched, [*loose_edges, *must_link])
    pieces: list[list[int]] = []
    for component in components:
        pieces.extend(_cut(component, scores, loose_threshold))
    # Re-join must-linked records that cutting separated.
    if must_link:
        piece_of = {node: index for index, piece in enumerate(pieces) for node in piece}
        union = _UnionFind()
        for a, b in must_link:
            union.union(piece_of[a], piece_of[b])
        joined: dict[int, list[int]] = defaultdict(list)
        for index, piece in enumerate(pieces):
            joined[union.find(index)].extend(piece)
        pieces = list(joined.values())

    if score_missing is not None:
        missing = [
            (a, b)
            for piece in pieces
            if 2 < len(piece) <= COMPLETE_COMPONENT_SIZE * 2
            for index, a in enumerate(sorted(piece))
            for b in sorted(piece)[index + 1 :]
            if (a, b) not in scores
        ]
        if missing:
            completed = score_missing(missing)
            for pair in missing:
                weights[pair] = completed.get(pair, -60.0)
                scores[pair] = probability(weights[pair])

    cluster_of = list(range(record_count))
    refused: Counter = Counter()
    for piece in pieces:
        if len(piece) < 2:
            continue
        for members in _agglomerate(
            piece,
            scores,
            weights,
            match_threshold,
            coherence_threshold,
            trusted_codes,
            must_link,
            cannot,
            refused,
            exclusive_source_of,
        ):
            label = min(members)
            for member in members:
                cluster_of[member] = label
    return ClusteringResult(cluster_of=cluster_of, blocked_merges=refused)


def _refuse(refused: Counter, seen: set, key: tuple[int, int], reason: str) -> None:
    """Count each refused pair of clusters once, however often it comes back up the heap."""
    if (key, reason) not in seen:
        seen.add((key, reason))
        refused[reason] += 1


def _agglomerate(
    piece,
    scores,
    weights,
    threshold,
    coherence,
    trusted_codes,
    must_link,
    cannot,
    refused,
    exclusive_source_of,
) -> list[list[int]]:
    members_of: dict[int, list[int]] = {}
    union = _UnionFind()
    inside = set(piece)
    for node in piece:
        union.find(node)
    for a, b in must_link:
        if a in inside and b in inside:
            union.union(a, b)
    for node in piece:
        members_of.setdefault(union.find(node), []).append(node)
    codes_of = {
        root: {trusted_codes[m] for m in members if m in trusted_codes}
        for root, members in members_of.items()
    }
    sources_of = {
        root: {exclusive_source_of[m] for m in members if m in exclusive_source_of}
        for root, members in members_of.items()
    }

    # Cross-pair sums and counts between current clusters.
    total: dict[tuple[int, int], float] = defaultdict(float)
    count: dict[tuple[int, int], int] = defaultdict(int)
    best: dict[tuple[int, int], float] = defaultdict(lambda: -math.inf)  # strongest weight
    ordered = sorted(piece)
    for index, a in enumerate(ordered):
        for b in ordered[index + 1 :]:
            value = scores.get((a, b))
            if value is None:
                continue
            root_a, root_b = union.find(a), union.find(b)
            if root_a == root_b:
                continue
            key = (min(root_a, root_b), max(root_a, root_b))
            total[key] += value
            count[key] += 1
            best[key] = max(best[key], weights[(a, b)])

    def average(key):
        # Unscored pairs (only in components too large to complete) are left out.
        return total[key] / count[key]

    # Strongest link first; ties broken by the average.
    def priority(key):
        return (-best[key], -average(key))

    seen_refusals: set = set()
    heap = [(priority(key), key) for key in total]
    heapq.heapify(heap)
    alive = set(members_of)
    while heap:
        rank, (a, b) = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        key = (a, b)
        if rank != priority(key):
            continue  # stale entry
        if probability(best[key]) < threshold:
            break
        if average(key) < coherence:
            _refuse(refused, seen_refusals, key, "incoherent")
            continue
        if any((min(x, y), max(x, y)) in cannot for x in members_of[a] for y in members_of[b]):
            _refuse(refused, seen_refusals, key, "cannot_link")
            continue
        if any(not explainable(x, y) for x in codes_of[a] for y in codes_of[b]):
            _refuse(refused, seen_refusals, key, "tax_code_conflict")
            continue
        if sources_of[a] & sources_of[b]:
            _refuse(refused, seen_refusals, key, "same_unique_source")
            continue
        # Merge b into a.
        members_of[a].extend(members_of.pop(b))
        codes_of[a] |= codes_of.pop(b)
        sources_of[a] |= sources_of.pop(b)
        alive.discard(b)
        for other in list(alive):
            if other == a:
                continue
            key_b = (min(b, other), max(b, other))
            if key_b not in count:
                continue
            key_a = (min(a, other), max(a, other))
            total[key_a] += total.pop(key_b)
            count[key_a] += count.pop(key_b)
            best[key_a] = max(best[key_a], best.pop(key_b))
            heapq.heappush(heap, (priority(key_a), key_a))
    return list(members_of.values())
