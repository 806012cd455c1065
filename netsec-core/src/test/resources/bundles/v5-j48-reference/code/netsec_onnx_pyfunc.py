"""MLflow pyfunc loader of a NetSec Detector bundle's model.onnx (written by netsec into code/).

MLflow's own ONNX loader feeds a pandas column's values as they are; under pandas 3 a text
column is an extension array that ONNX Runtime refuses, and an integer column with a missing
value is a float column. This loader gives each ONNX input a one-dimensional array of its own
type: texts (a missing value becomes "", one of netsec's missing markers), int64 (a missing
value becomes the smallest int64, the graph's missing marker) and double (NaN). It runs ONNX
Runtime with one intra-op thread, so tree sums come in netsec's order and the probabilities are
netsec's (README, "Using a model outside netsec").
"""
import math

import numpy as np
import onnxruntime
import pandas as pd

INT64_MISSING = np.iinfo(np.int64).min


def _missing(value):
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _integer(name, value):
    if _missing(value):
        return INT64_MISSING
    if isinstance(value, str) or value != int(value):
        raise ValueError(f"column '{name}' is an integer column; {value!r} is not an integer")
    return int(value)


def _tensor(name, kind, values):
    if kind == "tensor(string)":
        return np.array(["" if _missing(v) else str(v) for v in values], dtype=object)
    if kind == "tensor(int64)":
        return np.array([_integer(name, v) for v in values], dtype=np.int64)
    return np.array([math.nan if _missing(v) else float(v) for v in values], dtype=np.float64)


class NetsecOnnxModel:
    """Scores a pandas DataFrame whose columns are the schema's features (an absent one: all missing)."""

    def __init__(self, path):
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        self.inputs = [(i.name, i.type) for i in self.session.get_inputs()]
        self.outputs = [o.name for o in self.session.get_outputs()]

    def predict(self, data, params=None):
        if not isinstance(data, pd.DataFrame):
            data = pd.DataFrame(data)
        rows = len(data)
        feeds = {}
        for name, kind in self.inputs:
            values = data[name].tolist() if name in data.columns else [None] * rows
            feeds[name] = _tensor(name, kind, values)
        results = self.session.run(self.outputs, feeds)
        return pd.DataFrame({name: np.asarray(v).reshape(-1) for name, v in zip(self.outputs, results)},
                            index=data.index)


def _load_pyfunc(path):
    return NetsecOnnxModel(path)
