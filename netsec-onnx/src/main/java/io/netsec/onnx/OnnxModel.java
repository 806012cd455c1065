package io.netsec.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * An exported ONNX model: its bytes (an ONNX {@code ModelProto}), its named inputs and outputs,
 * and the metadata written into it. The same bundle always gives the same bytes. Immutable.
 */
public final class OnnxModel {

    private final byte[] bytes;
    private final List<Tensor> inputs;
    private final List<Tensor> outputs;
    private final Map<String, String> metadata;

    OnnxModel(byte[] bytes, List<Tensor> inputs, List<Tensor> outputs, Map<String, String> metadata) {
        this.bytes = bytes.clone();
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    /** The ONNX file's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the ONNX file's bytes to {@code out} (the stream is left open). */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** One input per feature column of the schema, in schema order, named as the column. */
    public List<Tensor> inputs() {
        return inputs;
    }

    /**
     * {@value OnnxExport#THREAT_PROBABILITY}, {@value OnnxExport#LABEL},
     * {@value OnnxExport#PROBABILITY_BENIGN} and {@value OnnxExport#PROBABILITY_THREAT}.
     */
    public List<Tensor> outputs() {
        return outputs;
    }

    /** The model's {@code metadata_props}, in the order written: versions, schema, threshold, missing values. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * A named input or output: a one-dimensional tensor of {@code N} values, one per record.
     *
     * @param name the column's name (inputs) or the output's
     * @param type its element type
     */
    public record Tensor(String name, Type type) {
    }

    /** The element types an exported model uses. */
    public enum Type {
        /** int64: the schema's integer columns (missing: {@link OnnxExport#INT64_MISSING}) */
        INT64,
        /** double: number columns (missing: NaN) and the probabilities */
        DOUBLE,
        /** text: categorical columns (missing: one of the schema's missing-value texts, "" among them) and the label */
        STRING
    }
}
