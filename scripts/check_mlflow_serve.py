"""Checks that `mlflow models serve` answers /invocations as netsec does, for a registered model.

    python scripts/check_mlflow_serve.py MODEL_URI DATA.csv SCORED.csv [ROWS]

Starts `mlflow models serve -m MODEL_URI --env-manager local` on a free port of 127.0.0.1 (the
tracking server from MLFLOW_TRACKING_URI), waits for /ping (at most 240 s: it takes about a
minute on 2 cores), posts the first ROWS rows of DATA.csv (default 200) as `dataframe_split`,
and requires every label and threat probability to be those `netsec predict` wrote to SCORED.csv
for the same rows (the probabilities within 4 ulp, as scripts/check_mlflow_model.py). The server
is stopped with its process group whatever happens. Run by scripts/test.sh with the MLflow venv.
"""
import json
import math
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pandas as pd

ULPS = 4
START_SECONDS = 240


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(model_uri, data_csv, scored_csv, rows="200"):
    rows = int(rows)
    port = free_port()
    venv_bin = os.path.dirname(sys.executable)
    env = dict(os.environ, PATH=venv_bin + os.pathsep + os.environ.get("PATH", ""))  # serve runs uvicorn from PATH
    server = subprocess.Popen([os.path.join(venv_bin, "mlflow"), "models", "serve", "-m", model_uri, "--env-manager", "local",
                               "--host", "127.0.0.1", "--port", str(port)], env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_SECONDS
        while True:
            if server.poll() is not None:
                return fail(f"mlflow models serve exited with {server.returncode}: {server.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(base + "/ping", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                return fail(f"mlflow models serve did not answer /ping within {START_SECONDS} s")
            time.sleep(1)
        frame = pd.read_csv(data_csv).head(rows)
        features = [c for c in frame.columns if c != "Result"]
        body = {"dataframe_split": {"columns": features, "data": frame[features].values.tolist()}}
        request = urllib.request.Request(base + "/invocations", data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            predictions = json.load(answer)["predictions"]
        scored = pd.read_csv(scored_csv, dtype=str, keep_default_na=False).head(rows)
        if len(predictions) != len(scored):
            return fail(f"serve answered {len(predictions)} predictions for {len(scored)} rows")
        for row, (prediction, label, probability) in enumerate(
                zip(predictions, scored["prediction"], scored["probability"]), start=2):
            expected = float(probability)
            if prediction["label"] != label:
                return fail(f"row {row}: label {prediction['label']!r}, netsec {label!r}")
            if abs(prediction["threat_probability"] - expected) > ULPS * math.ulp(expected):
                return fail(f"row {row}: threat probability {prediction['threat_probability']!r}, netsec {expected!r}")
        print(f"check_mlflow_serve: mlflow models serve -m {model_uri}: /invocations answered {len(predictions)} rows"
              f" with netsec predict's labels and probabilities")
        return 0
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def fail(message):
    print(f"check_mlflow_serve: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(main(*sys.argv[1:]))
