"""Does a change of MediaPipe's blendshapes from the same person's neutral face separate dissatisfied faces
(angry, disgust) from the rest where the expression models' probability does not?

Input: JSON lines from scripts/eval/dump-blendshapes.ts (one file per set). For every face, the person's
baseline is the median blendshape vector of their other neutral faces (the opening of a visit, as the agent's
per-visit baseline takes it); a person without another neutral face is left out. Detectors compared, by
dissatisfied ROC AUC and recall at precision >= 0.90 (the SMS operating point):

  models      the download default's P(dissatisfied), as the agent scores a face today (its lift over the
              person's neutral P is measured by scripts/eval/measure-baseline-stills.ts, with the agent's code)
  au-rule     a fixed action-unit rule on the change (no fitting): brow lowered + lids tightened + nose/upper
              lip raised + lips pressed, minus brows raised and eyes widened (anger/disgust vs fear/surprise)
  lr-*        logistic regressions on [logit P, change of the 52 blendshapes] (or the change alone), fitted on
              taiwan-dev's performers: cross-validated by performer on taiwan-dev (5 folds), and fitted on all
              of taiwan-dev for JAFFE and CK+ (never fitted on them)
  p+a*delta   logit P plus a times the change-only regression fitted on the 9 Taiwanese performers the lab
              network trained on; measured on the 10 held-out performers, JAFFE and CK+ for a grid of a
              (taiwan-dev's P is inflated on the 9 training performers, so P is not fitted beside the change)

A measurement script (research data stays outside the repo): /usr/bin/python3 with numpy and scikit-learn.

  /usr/bin/python3 scripts/eval/blendshape-baseline.py --taiwan t.jsonl --jaffe j.jsonl --ckplus c.jsonl
"""

import argparse
import json
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "model-lab"))
from metrics import recall_at_precision  # noqa: E402  (the model lab's: ties are never split)

DISSATISFIED = {"angry", "disgust"}
LAB_TRAINING_PERFORMERS = ["03", "07", "10", "12", "15", "17", "21", "23", "29"]
AU_RULE = {
    "browDownLeft": 1, "browDownRight": 1, "eyeSquintLeft": 0.5, "eyeSquintRight": 0.5,
    "noseSneerLeft": 1, "noseSneerRight": 1, "mouthUpperUpLeft": 0.5, "mouthUpperUpRight": 0.5,
    "mouthPressLeft": 0.5, "mouthPressRight": 0.5,
    "browInnerUp": -1, "browOuterUpLeft": -0.5, "browOuterUpRight": -0.5, "eyeWideLeft": -1, "eyeWideRight": -1,
    "mouthSmileLeft": -1, "mouthSmileRight": -1,
}


def load(path):
    rows = [json.loads(line) for line in open(path)]
    rows = [r for r in rows if r.get("face")]
    names = list(rows[0]["blendshapes"].keys())
    blend = np.array([[r["blendshapes"][n] for n in names] for r in rows])
    kept, deltas = [], []
    for i, r in enumerate(rows):
        neutral = [j for j, o in enumerate(rows) if o["person"] == r["person"] and o["label"] == "neutral" and j != i]
        if not neutral:
            continue
        kept.append(r)
        deltas.append(blend[i] - np.median(blend[neutral], axis=0))
    p = np.clip(np.array([r["dissatisfied"] for r in kept]), 1e-6, 1 - 1e-6)
    return {
        "names": names,
        "person": np.array([r["person"] for r in kept]),
        "positive": np.array([r["label"] in DISSATISFIED for r in kept]),
        "p": p,
        "delta": np.array(deltas),
    }


def au_rule(d):
    weights = np.array([AU_RULE.get(n, 0.0) for n in d["names"]])
    return d["delta"] @ weights


def logit(d):
    return np.log(d["p"] / (1 - d["p"]))


def features(d, with_p):
    return np.hstack([logit(d)[:, None], d["delta"]]) if with_p else d["delta"]


def fit(x, y, c):
    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)


def figures(scores, d):
    """ROC AUC / dissatisfied recall at precision >= 0.90."""
    return f"{roc_auc_score(d['positive'], scores):.3f} / {recall_at_precision(scores, d['positive'])[0]:.3f}"


def report(name, scores, d):
    print(f"  {name:28s} AUC / recall@P>=0.90 {figures(scores, d)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--taiwan", required=True)
    parser.add_argument("--jaffe")
    parser.add_argument("--ckplus")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation of the regressions")
    args = parser.parse_args()
    taiwan = load(args.taiwan)
    performers = sorted(set(taiwan["person"]))
    fold_of = {p: k % 5 for k, p in enumerate(performers)}
    folds = np.array([fold_of[p] for p in taiwan["person"]])

    print(f"taiwan-dev: {len(taiwan['p'])} faces, {taiwan['positive'].sum()} dissatisfied, 5 folds by performer")
    report("models", taiwan["p"], taiwan)
    report("au-rule", au_rule(taiwan), taiwan)
    for with_p in (False, True):
        x = features(taiwan, with_p)
        cv = np.zeros(len(x))
        for k in range(5):
            model = fit(x[folds != k], taiwan["positive"][folds != k], args.c)
            cv[folds == k] = model.decision_function(x[folds == k])
        report(f"lr-{'p+' if with_p else ''}delta (CV by performer)", cv, taiwan)

    others = [(name, load(path)) for name, path in (("JAFFE-dev", args.jaffe), ("CK+", args.ckplus)) if path]
    on_taiwan = {with_p: fit(features(taiwan, with_p), taiwan["positive"], args.c) for with_p in (False, True)}
    for name, d in others:
        print(f"{name}: {len(d['p'])} faces, {d['positive'].sum()} dissatisfied (regressions fitted on taiwan-dev)")
        report("models", d["p"], d)
        report("au-rule", au_rule(d), d)
        for with_p, model in on_taiwan.items():
            report(f"lr-{'p+' if with_p else ''}delta", model.decision_function(features(d, with_p)), d)

    trained = np.isin(taiwan["person"], LAB_TRAINING_PERFORMERS)
    held_out = {k: v[~trained] for k, v in taiwan.items() if k != "names"} | {"names": taiwan["names"]}
    change = fit(taiwan["delta"][trained], taiwan["positive"][trained], args.c)
    sets = [("taiwan held-out 10", held_out), *others]
    print("logit P + a * change regression (fitted on the lab's 9 Taiwanese training performers), AUC / recall@P>=0.90")
    for a in (0, 0.25, 0.5, 1.0, 1.5, 2.0):
        cells = [f"{name} {figures(logit(d) + a * change.decision_function(d['delta']), d)}" for name, d in sets]
        print(f"  a={a:<4} " + " | ".join(cells))


if __name__ == "__main__":
    main()
