"""Validation figures: 7-class accuracy, macro F1, and the SMS operating point (dissatisfied = angry + disgust)."""
import numpy as np

DISSATISFIED = (0, 1)


def softmax(logits):
    z = logits - logits.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def recall_at_precision(scores, positive, min_precision=0.9):
    """Best recall over thresholds whose precision >= min_precision (0 when none reaches it)."""
    order = np.argsort(-scores, kind="stable")
    pos = positive[order].astype(np.float64)
    tp = np.cumsum(pos)
    fp = np.cumsum(1 - pos)
    total = pos.sum()
    if total == 0:
        return 0.0, None
    # only cut where the score changes, so ties are never split
    cut = np.r_[scores[order][1:] != scores[order][:-1], True]
    precision = tp / np.maximum(tp + fp, 1)
    ok = cut & (precision >= min_precision)
    if not ok.any():
        return 0.0, None
    i = np.argmax(np.where(ok, tp, -1))
    return float(tp[i] / total), float(scores[order][i])


def auc(scores, positive):
    pos = scores[positive]
    neg = scores[~positive]
    if len(pos) == 0 or len(neg) == 0:
        return None
    ranks = np.argsort(np.argsort(np.r_[pos, neg], kind="stable"), kind="stable") + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def evaluate(logits, truth):
    probs = softmax(logits)
    pred = probs.argmax(1)
    f1s = []
    for c in range(probs.shape[1]):
        tp = ((pred == c) & (truth == c)).sum()
        p = tp / max((pred == c).sum(), 1)
        r = tp / max((truth == c).sum(), 1)
        f1s.append(0 if p + r == 0 else 2 * p * r / (p + r))
    dis_score = probs[:, list(DISSATISFIED)].sum(1)
    positive = np.isin(truth, DISSATISFIED)
    recall90, threshold90 = recall_at_precision(dis_score, positive)
    return {
        "n": int(len(truth)),
        "accuracy": float((pred == truth).mean()),
        "macroF1": float(np.mean(f1s)),
        "dissatisfiedAuc": auc(dis_score, positive),
        "dissatisfiedRecallAtP90": recall90,
        "thresholdAtP90": threshold90,
    }
