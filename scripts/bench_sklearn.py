"""The Python alternative for scripts/bench.sh: a pandas + scikit-learn pipeline that trains on
the phishing data and scores a CSV end to end (read, score, write), timed like `netsec predict`.

    python bench_sklearn.py TRAIN.csv INPUT.csv OUTPUT.csv   # prints one JSON line

The model mirrors what `netsec train` selects on the phishing data (gradient-boosted trees, 200
rounds, depth 4, learning rate 0.3) behind the original Python project's KNN imputer.
"""
import json
import sys
import time

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import KNNImputer
from sklearn.pipeline import Pipeline

LABEL = "Result"
THREAT = -1  # phishing, as data_schema/phishing.yaml says


def main(train_csv, input_csv, output_csv):
    train = pd.read_csv(train_csv)
    x, y = train.drop(columns=[LABEL]), (train[LABEL] == THREAT).astype(int)
    pipeline = Pipeline([
        ("impute", KNNImputer(n_neighbors=3)),
        ("model", GradientBoostingClassifier(n_estimators=200, max_depth=4, learning_rate=0.3, random_state=1)),
    ])
    started = time.perf_counter()
    pipeline.fit(x, y)
    train_seconds = time.perf_counter() - started

    started = time.perf_counter()
    frame = pd.read_csv(input_csv)
    features = frame[x.columns]
    probability = pipeline.predict_proba(features)[:, 1]
    frame["prediction"] = (probability >= 0.5).astype(int) * -2 + 1  # -1 phishing, 1 legitimate
    frame["probability"] = probability
    frame.to_csv(output_csv, index=False)
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": len(frame), "seconds": round(seconds, 3),
                      "rows_per_second": round(len(frame) / seconds), "train_seconds": round(train_seconds, 3)}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
