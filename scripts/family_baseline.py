#!/usr/bin/env python3
"""scikit-learn's HistGradientBoostingClassifier, default settings, on exactly the outer folds
`netsec evaluate --folds-out` wrote: the baseline the README's per-family figures stand beside.

    scripts/family_baseline.py --schema data_schema/nslkdd.yaml \
        --data ../shared/data/nslkdd_train_head.txt --folds folds.csv [--json]

Reads the schema's columns (by position when it says `header: false`), its missing-value markers,
its categorical columns (as pandas categories, so that HGB's categorical_features="from_dtype"
treats them as categorical) and its label: threat is any value that is not benign, and with
`families` each threat value's family (a value in no family is `other`). For each fold it fits
one binary model (threat against benign) and one multi-class model (benign name, then the
families) on the other folds and scores the fold once. Prints the binary figures averaged over the
folds (ROC AUC, accuracy and F1 at 0.5) and the per-family figures pooled over the folds (each
row called by the multi-class model's most probable class), as netsec evaluate pools them.
Needs pandas, scikit-learn and PyYAML (the MLflow virtual environment of scripts/mlflow-server.sh
has them).
"""
import argparse
import json
import sys

import numpy as np
import pandas as pd
import yaml
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support, roc_auc_score


def load(schema_file, data_file):
    schema = yaml.safe_load(open(schema_file))
    columns = schema["columns"]
    names = [c["name"] for c in columns]
    missing = schema.get("missing_values", [""])
    header = schema.get("header", True)
    frame = pd.read_csv(data_file, header=0 if header else None, names=None if header else names,
                        na_values=missing, keep_default_na=False, dtype=str, skipinitialspace=True)
    label = schema["label"]
    features = [c for c in columns if c.get("role", "feature") == "feature"]
    x = pd.DataFrame(index=frame.index)
    for column in features:
        values = frame[column["name"]]
        if column["type"] in ("categorical", "string"):
            x[column["name"]] = values.astype("category")
        else:
            x[column["name"]] = pd.to_numeric(values)
    raw = frame[label["column"]].str.strip()
    benign = set(map(str, label.get("benign", [])))
    threat_values = set(map(str, label.get("threat", [])))
    is_threat = raw.map(lambda v: v in threat_values if threat_values else v not in benign).astype(int)
    benign_name = label.get("benign_name") or (next(iter(benign)) if len(benign) == 1 else "benign")
    families = label.get("families") or {}
    family_of = {str(value): name for name, values in families.items() for value in values}
    classes = [benign_name] + list(families) + (["other"] if "other" not in families else [])
    family = [benign_name if not t else family_of.get(v, "other") for v, t in zip(raw, is_threat)]
    return x, is_threat.to_numpy(), np.array(family), classes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--folds", required=True, help="row,fold CSV from netsec evaluate --folds-out")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--learning-rate", type=float, default=0.1,
                        help="HGB's learning_rate (default: scikit-learn's own, 0.1); the one setting changed, to show"
                             " a baseline whose multi-class fits diverge at the default")
    args = parser.parse_args()
    x, threat, family, classes = load(args.schema, args.data)
    folds = pd.read_csv(args.folds)
    if len(folds) != len(x) or not (folds["row"].to_numpy() == np.arange(len(x))).all():
        sys.exit(f"{args.folds} has {len(folds)} rows for {len(x)} data rows: not the folds of this file")
    fold_of = folds["fold"].to_numpy()
    binary = {"roc_auc": [], "accuracy": [], "f1": []}
    called = np.empty(len(x), dtype=object)
    for fold in sorted(set(fold_of)):
        test = fold_of == fold
        model = HistGradientBoostingClassifier(random_state=0, learning_rate=args.learning_rate).fit(
            x[~test], threat[~test])
        p = model.predict_proba(x[test])[:, 1]
        binary["roc_auc"].append(roc_auc_score(threat[test], p))
        binary["accuracy"].append(accuracy_score(threat[test], p >= 0.5))
        binary["f1"].append(f1_score(threat[test], p >= 0.5))
        families = HistGradientBoostingClassifier(random_state=0, learning_rate=args.learning_rate).fit(
            x[~test], family[~test])
        called[test] = families.predict(x[test])
    present = [c for c in classes if (family == c).any() or (called == c).any()]
    precision, recall, f1, support = precision_recall_fscore_support(family, called, labels=present, zero_division=0)
    report = {
        "folds": int(len(set(fold_of))),
        "learning_rate": args.learning_rate,
        "binary_mean": {k: float(np.mean(v)) for k, v in binary.items()},
        "binary_sd": {k: float(np.std(v, ddof=1)) for k, v in binary.items()},
        "families": {c: {"precision": float(pr), "recall": float(r), "f1": float(f), "support": int(s)}
                     for c, pr, r, f, s in zip(present, precision, recall, f1, support)},
        "macro_f1": float(f1_score(family, called, labels=present, average="macro", zero_division=0)),
        "weighted_f1": float(f1_score(family, called, labels=present, average="weighted", zero_division=0)),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"HistGradientBoostingClassifier (defaults, learning_rate {args.learning_rate}) on {report['folds']} folds"
          f" of {args.data}")
    for name, value in report["binary_mean"].items():
        print(f"  {name:10s} {value:.4f} ± {report['binary_sd'][name]:.4f}")
    for name, figures in report["families"].items():
        print(f"  {name:10s} precision {figures['precision']:.4f} recall {figures['recall']:.4f} "
              f"f1 {figures['f1']:.4f} support {figures['support']}")
    print(f"  macro F1 {report['macro_f1']:.4f}, weighted F1 {report['weighted_f1']:.4f}")


if __name__ == "__main__":
    main()
