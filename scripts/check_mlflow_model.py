"""Checks that a bundle folder is an MLflow Model that answers as netsec does.

    python scripts/check_mlflow_model.py MODEL_DIR DATA.csv SCORED.csv

MODEL_DIR is a bundle `netsec train` wrote, DATA.csv the data `netsec predict` scored into
SCORED.csv (its `prediction` and `probability` columns). Loads MODEL_DIR with
`mlflow.pyfunc.load_model`, predicts a pandas frame of DATA.csv, and requires the same label on
every row and the same threat probability within 4 units in the last place (ONNX Runtime's exp
may differ from Java's Math.exp by 2 ulp: logistic and AdaBoost models; trees are exact), with
probability_benign = 1 - p. Run by scripts/test.sh with the MLflow venv of
scripts/mlflow-server.sh (mlflow 3.17.2, onnx 1.23.2, onnxruntime 1.32.0).
"""
import math
import sys

import mlflow.pyfunc
import pandas as pd

ULPS = 4


def main(model_dir, data_csv, scored_csv):
    model = mlflow.pyfunc.load_model(model_dir)
    features = model.metadata.get_input_schema().input_names()
    frame = pd.read_csv(data_csv)[features]
    predicted = model.predict(frame)
    scored = pd.read_csv(scored_csv, dtype=str, keep_default_na=False)
    if len(predicted) != len(scored):
        return fail(f"pyfunc answered {len(predicted)} rows, netsec predict {len(scored)}")
    labels = predicted["label"].astype(str).tolist()
    probabilities = predicted["threat_probability"].tolist()
    benign = predicted["probability_benign"].tolist()
    label_differ = exact = 0
    worst = 0.0
    for row, (label, p, q, netsec_label, netsec_p) in enumerate(
            zip(labels, probabilities, benign, scored["prediction"], scored["probability"]), start=2):
        expected = float(netsec_p)
        if label != netsec_label:
            label_differ += 1
            if label_differ <= 3:
                print(f"row {row}: label {label!r}, netsec {netsec_label!r}", file=sys.stderr)
        if p == expected:
            exact += 1
        elif abs(p - expected) > ULPS * math.ulp(expected):
            return fail(f"row {row}: threat probability {p!r}, netsec {expected!r}: more than {ULPS} ulp apart")
        worst = max(worst, abs(p - expected))
        if q != 1 - p:
            return fail(f"row {row}: probability_benign {q!r} is not 1 - {p!r}")
    if label_differ:
        return fail(f"{label_differ} of {len(labels)} labels differ from netsec predict")
    print(f"check_mlflow_model: mlflow.pyfunc.load_model({model_dir}).predict: {len(labels)} rows, every label as"
          f" netsec predict's, {exact} probabilities equal and the rest within {worst:.3g} (<= {ULPS} ulp)")
    return 0


def fail(message):
    print(f"check_mlflow_model: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(main(*sys.argv[1:]))
