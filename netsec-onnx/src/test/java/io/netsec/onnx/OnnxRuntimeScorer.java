package io.netsec.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.netsec.onnx.proto.OnnxMl.ModelProto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exported model in ONNX Runtime's Java API, as a user would run it: one intra-op thread (so
 * that trees are summed in order), the inputs by name as one-dimensional tensors.
 */
final class OnnxRuntimeScorer implements AutoCloseable {

    static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final OrtSession session;

    OnnxRuntimeScorer(OnnxModel model) throws OrtException {
        this(model.bytes());
    }

    private OnnxRuntimeScorer(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = ENVIRONMENT.createSession(model, options);
        }
    }

    /**
     * The model with one of its inner values, {@code [N]} of element type {@code type} (an ONNX
     * TensorProto data type), as one more output, to look inside the graph (a margin before the
     * sigmoid).
     */
    static OnnxRuntimeScorer showing(OnnxModel model, String value, int type) throws OrtException {
        try {
            ModelProto proto = ModelProto.parseFrom(model.bytes());
            ModelProto shown = proto.toBuilder().setGraph(proto.getGraph().toBuilder()
                    .addOutput(GraphBuilder.vector(value, type))).build();
            return new OnnxRuntimeScorer(shown.toByteArray());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The output {@code name} for the rows given as in {@link #score}. */
    Object output(Map<String, Object> columns, String name) throws OrtException {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Object> column : columns.entrySet()) {
                feed.put(column.getKey(), tensor(column.getKey(), column.getValue()));
            }
            try (OrtSession.Result result = session.run(feed, java.util.Set.of(name))) {
                return result.get(name).orElseThrow().getValue();
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor tensor(String name, Object values) throws OrtException {
        return switch (values) {
            case long[] longs -> OnnxTensor.createTensor(ENVIRONMENT, longs);
            case double[] doubles -> OnnxTensor.createTensor(ENVIRONMENT, doubles);
            case String[] texts -> OnnxTensor.createTensor(ENVIRONMENT, texts);
            default -> throw new IllegalArgumentException("column " + name + ": " + values);
        };
    }

    /** What the model answers for each row. */
    record Scores(double[] threatProbability, String[] label, double[] benignProbability, double[] threatProbabilityAgain) {
    }

    /**
     * Scores {@code rows} records given column by column: a {@code long[]}, {@code double[]} or
     * {@code String[]} per input name.
     */
    Scores score(Map<String, Object> columns) throws OrtException {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Object> column : columns.entrySet()) {
                feed.put(column.getKey(), tensor(column.getKey(), column.getValue()));
            }
            try (OrtSession.Result result = session.run(feed)) {
                return new Scores((double[]) result.get(OnnxExport.THREAT_PROBABILITY).orElseThrow().getValue(),
                        (String[]) result.get(OnnxExport.LABEL).orElseThrow().getValue(),
                        (double[]) result.get(OnnxExport.PROBABILITY_BENIGN).orElseThrow().getValue(),
                        (double[]) result.get(OnnxExport.PROBABILITY_THREAT).orElseThrow().getValue());
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** The input names and types ONNX Runtime reads from the model. */
    Map<String, String> inputTypes() throws OrtException {
        Map<String, String> types = new LinkedHashMap<>();
        for (var input : session.getInputInfo().entrySet()) {
            types.put(input.getKey(), input.getValue().getInfo().toString());
        }
        return types;
    }

    List<String> outputNames() throws OrtException {
        return List.copyOf(session.getOutputNames());
    }

    Map<String, String> metadata() throws OrtException {
        return session.getMetadata().getCustomMetadata();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
