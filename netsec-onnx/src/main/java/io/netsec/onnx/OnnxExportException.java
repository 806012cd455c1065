package io.netsec.onnx;

/**
 * A bundle that cannot be exported to ONNX exactly, with the reason in one line: a
 * transformation ONNX's operators cannot reproduce (k-nearest-neighbour imputation), or a
 * bundle whose parts do not fit together.
 */
public final class OnnxExportException extends RuntimeException {

    public OnnxExportException(String message) {
        super(message);
    }
}
