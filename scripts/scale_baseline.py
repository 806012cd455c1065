#!/usr/bin/env python3
"""The anchors of `netsec train` on large data, on exactly the split it made (`--split-out`):

1. XGBoost (`hist`) with the boosting settings the bundle's search found best (the xgboost
   candidate with the highest mean cross-validation score in its manifest), fitted on every
   training row and scored on the test rows: the quality the budgeted search must keep.
2. scikit-learn's HistGradientBoostingClassifier with its defaults: one fit on the training rows
   (scored on the test rows) and a 5-fold cross-validation on them, each timed: the time anchor.

    ./netsec train --data big.csv --model-dir final_model --split-out split.csv
    scripts/scale_baseline.py --schema data_schema/phishing.yaml --data big.csv --split split.csv \
        --bundle final_model [--threads 2] [--json]

Reads the data as scripts/family_baseline.py does (the schema's columns, missing values,
categorical columns, label). Needs pandas, scikit-learn, PyYAML and xgboost:
`python3 -m venv ~/.cache/netsec/baseline-venv && ~/.cache/netsec/baseline-venv/bin/pip install
scikit-learn pandas pyyaml xgboost`.
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import pandas as pd
import xgboost
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from family_baseline import load  # noqa: E402  (one reading of a schema's data for every baseline)


def best_boosting(bundle):
    """The xgboost candidate with the highest mean CV score in the bundle's manifest, and that score."""
    manifest = json.load(open(os.path.join(bundle, "manifest.json")))
    candidates = [c for c in manifest["training"]["search"]["candidates"] if c["family"] == "xgboost"]
    if not candidates:
        sys.exit(f"{bundle}: the search compared no xgboost candidate")
    best = max(candidates, key=lambda c: c["mean_roc_auc"])
    return best["parameters"], manifest


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--split", required=True, help="row,part CSV from netsec train --split-out")
    parser.add_argument("--bundle", required=True, help="the bundle netsec train wrote (its manifest's search)")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    (x, threat, _, _), read_seconds = timed(lambda: load(args.schema, args.data))
    split = pd.read_csv(args.split)
    if len(split) != len(x) or not (split["row"].to_numpy() == np.arange(len(x))).all():
        sys.exit(f"{args.split} has {len(split)} rows for {len(x)} data rows: not the split of this file")
    test = split["part"].to_numpy() == "test"
    parameters, manifest = best_boosting(args.bundle)

    booster_settings = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": parameters["max_depth"],
                        "eta": parameters["eta"], "subsample": parameters["subsample"],
                        "colsample_bytree": parameters["colsample_bytree"], "nthread": args.threads, "seed": 42}
    train_matrix = xgboost.DMatrix(x[~test].to_numpy(dtype=np.float32), label=threat[~test])
    booster, xgb_seconds = timed(lambda: xgboost.train(booster_settings, train_matrix, parameters["rounds"]))
    xgb_auc = roc_auc_score(threat[test], booster.predict(xgboost.DMatrix(x[test].to_numpy(dtype=np.float32))))

    hgb, hgb_fit_seconds = timed(lambda: HistGradientBoostingClassifier(random_state=0).fit(x[~test], threat[~test]))
    hgb_auc = roc_auc_score(threat[test], hgb.predict_proba(x[test])[:, 1])
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    cv, hgb_cv_seconds = timed(lambda: cross_val_score(HistGradientBoostingClassifier(random_state=0), x[~test],
                                                       threat[~test], cv=folds, scoring="roc_auc"))
    report = {
        "rows": int(len(x)), "train_rows": int((~test).sum()), "test_rows": int(test.sum()),
        "read_seconds": read_seconds,
        "netsec": {"selected": manifest["model"]["family"], "parameters": manifest["model"]["parameters"],
                   "test_roc_auc": manifest["metrics"]["test"]["roc_auc"]},
        "xgboost_all_train_rows": {"parameters": parameters, "threads": args.threads, "fit_seconds": xgb_seconds,
                                   "test_roc_auc": xgb_auc, "version": xgboost.__version__},
        "hgb": {"fit_seconds": hgb_fit_seconds, "test_roc_auc": hgb_auc, "cv5_seconds": hgb_cv_seconds,
                "cv5_roc_auc_mean": float(np.mean(cv)), "fit_plus_cv5_seconds": hgb_fit_seconds + hgb_cv_seconds},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    report["netsec"]["minus_xgboost_all_rows"] = report["netsec"]["test_roc_auc"] - xgb_auc
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['rows']:,} rows ({report['train_rows']:,} training, {report['test_rows']:,} test), read in"
          f" {read_seconds:.1f} s")
    print(f"  netsec train: {report['netsec']['selected']} {report['netsec']['parameters']},"
          f" test ROC AUC {report['netsec']['test_roc_auc']:.5f}")
    print(f"  XGBoost hist {parameters} on all training rows ({args.threads} threads): fit {xgb_seconds:.1f} s,"
          f" test ROC AUC {xgb_auc:.5f} (netsec minus this: {report['netsec']['minus_xgboost_all_rows']:+.5f})")
    print(f"  HistGradientBoostingClassifier (defaults): fit {hgb_fit_seconds:.1f} s, test ROC AUC {hgb_auc:.5f};"
          f" 5-fold CV {hgb_cv_seconds:.1f} s (mean ROC AUC {np.mean(cv):.5f}); fit + CV"
          f" {hgb_fit_seconds + hgb_cv_seconds:.1f} s")
    print(f"  peak RSS {report['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
