package io.netsec.onnx;

import com.google.protobuf.ByteString;
import io.netsec.onnx.proto.OnnxMl.AttributeProto;
import io.netsec.onnx.proto.OnnxMl.GraphProto;
import io.netsec.onnx.proto.OnnxMl.NodeProto;
import io.netsec.onnx.proto.OnnxMl.TensorProto;
import io.netsec.onnx.proto.OnnxMl.TensorShapeProto;
import io.netsec.onnx.proto.OnnxMl.TypeProto;
import io.netsec.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One ONNX graph under construction: its nodes, its constants (initializers) and the names of
 * its values. Every value gets a name of its own, so a schema column named like an internal
 * value cannot be mistaken for it. Constants are written little-endian as ONNX's
 * {@code raw_data} requires.
 */
final class GraphBuilder {

    /** The domain of the classical machine-learning operators (TreeEnsemble, LabelEncoder). */
    static final String ML = "ai.onnx.ml";
    /** The name of the batch dimension of every input and output. */
    static final String BATCH = "N";

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** A graph whose inputs and outputs are named {@code reserved}: no internal value takes those names. */
    GraphBuilder(Collection<String> reserved) {
        names.addAll(reserved);
    }

    /** A new value name: {@code base}, or {@code base_2}, {@code base_3}, ... when taken. */
    String fresh(String base) {
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** A node of the default domain with one output, named after {@code output}; returns the output's name. */
    String op(String type, String output, List<String> inputs, AttributeProto... attributes) {
        return node(type, "", output, inputs, attributes);
    }

    /** As {@link #op} in domain {@code domain} ({@link #ML} or "" for the default). */
    String node(String type, String domain, String output, List<String> inputs, AttributeProto... attributes) {
        String name = fresh(output);
        add(type, domain, List.of(name), inputs, attributes);
        return name;
    }

    /** A node whose outputs are already named (graph outputs, or several outputs of one node). */
    void add(String type, String domain, List<String> outputs, List<String> inputs, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(type).setName(outputs.get(0))
                .addAllInput(inputs).addAllOutput(outputs);
        if (!domain.isEmpty()) {
            node.setDomain(domain);
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        nodes.add(node.build());
    }

    /** A double constant of shape {@code dims}; returns its name. */
    String doubles(String base, long[] dims, double... values) {
        return constant(doubleTensor(fresh(base), dims, values));
    }

    String floats(String base, long[] dims, float... values) {
        return constant(floatTensor(fresh(base), dims, values));
    }

    String int64s(String base, long[] dims, long... values) {
        return constant(int64Tensor(fresh(base), dims, values));
    }

    String strings(String base, long[] dims, String... values) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(fresh(base))
                .setDataType(TensorProto.DataType.STRING_VALUE).addAllDims(boxed(dims));
        for (String value : values) {
            tensor.addStringData(ByteString.copyFromUtf8(value));
        }
        return constant(tensor.build());
    }

    private String constant(TensorProto tensor) {
        initializers.add(tensor);
        return tensor.getName();
    }

    static TensorProto doubleTensor(String name, long[] dims, double... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            bytes.putDouble(value);
        }
        return raw(name, TensorProto.DataType.DOUBLE_VALUE, dims, bytes.array());
    }

    static TensorProto floatTensor(String name, long[] dims, float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return raw(name, TensorProto.DataType.FLOAT_VALUE, dims, bytes.array());
    }

    static TensorProto int64Tensor(String name, long[] dims, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            bytes.putLong(value);
        }
        return raw(name, TensorProto.DataType.INT64_VALUE, dims, bytes.array());
    }

    static TensorProto uint8Tensor(String name, byte... values) {
        return raw(name, TensorProto.DataType.UINT8_VALUE, new long[] {values.length}, values);
    }

    private static TensorProto raw(String name, int type, long[] dims, byte[] bytes) {
        return TensorProto.newBuilder().setName(name).setDataType(type).addAllDims(boxed(dims))
                .setRawData(ByteString.copyFrom(bytes)).build();
    }

    private static List<Long> boxed(long[] dims) {
        return java.util.Arrays.stream(dims).boxed().toList();
    }

    static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attribute(String name, long[] values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    static AttributeProto attribute(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value).build();
    }

    static AttributeProto attribute(String name, List<String> values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.STRINGS);
        for (String value : values) {
            attribute.addStrings(ByteString.copyFromUtf8(value));
        }
        return attribute.build();
    }

    /** A tensor value of element type {@code type} and shape {@code [N]}, for the graph's inputs and outputs. */
    static ValueInfoProto vector(String name, int type) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }

    GraphProto build(String name, List<ValueInfoProto> inputs, List<ValueInfoProto> outputs) {
        return GraphProto.newBuilder().setName(name).addAllInput(inputs).addAllOutput(outputs)
                .addAllInitializer(initializers).addAllNode(nodes).build();
    }
}
