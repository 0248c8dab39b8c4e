"""Accuracy of a clustering against a known truth: pairwise and B-cubed precision, recall, F1."""

from collections import Counter, defaultdict
from collections.abc import Sequence


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def pairwise(predicted: Sequence, truth: Sequence) -> dict:
    """Precision, recall and F1 over record pairs placed in one cluster (clusters, not raw pair scores)."""
    together = Counter(zip(predicted, truth, strict=True))
    true_positive = sum(_pairs(n) for n in together.values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted).values())
    true_pairs = sum(_pairs(n) for n in Counter(truth).values())
    precision = true_positive / predicted_pairs if predicted_pairs else 1.0
    recall = true_positive / true_pairs if true_pairs else 1.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
        "true_pairs": true_pairs,
        "predicted_pairs": predicted_pairs,
        "true_positive_pairs": true_positive,
    }


def b_cubed(predicted: Sequence, truth: Sequence) -> dict:
    together = Counter(zip(predicted, truth, strict=True))
    predicted_size = Counter(predicted)
    true_size = Counter(truth)
    n = len(predicted)
    precision = sum(count * count / predicted_size[p] for (p, _), count in together.items()) / n
    recall = sum(count * count / true_size[t] for (_, t), count in together.items()) / n
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
    }


def per_tag(predicted: Sequence, truth: Sequence, tags: Sequence[set]) -> dict:
    """Pairwise precision/recall/F1 over the pairs with at least one record carrying each tag."""
    by_true: dict = defaultdict(list)
    by_predicted: dict = defaultdict(list)
    for index, (p, t) in enumerate(zip(predicted, truth, strict=True)):
        by_true[t].append(index)
        by_predicted[p].append(index)
    counts: dict[str, Counter] = defaultdict(Counter)

    def tally(groups, kind):
        for members in groups.values():
            if len(members) < 2:
                continue
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    for tag in tags[a] | tags[b]:
                        counts[tag][kind] += 1
                    if kind == "predicted" and truth[a] == truth[b]:
                        for tag in tags[a] | tags[b]:
                            counts[tag]["correct"] += 1

    tally(by_true, "true")
    tally(by_predicted, "predicted")
    result = {}
    for tag, count in sorted(counts.items()):
        precision = count["correct"] / count["predicted"] if count["predicted"] else 1.0
        recall = count["correct"] / count["true"] if count["true"] else 1.0
        result[tag] = {
            "true_pairs": count["true"],
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(_f1(precision, recall), 4),
        }
    return result
