package io.netsec.cli;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.ingestion.file.OutputFile;
import io.netsec.onnx.OnnxExport;
import io.netsec.onnx.OnnxExportException;
import io.netsec.onnx.OnnxModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netsec export}: a model bundle as one ONNX model, for ONNX Runtime outside netsec. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
                "Writes a model bundle as one ONNX model that ONNX Runtime (Python, C++, C#, JavaScript, Java) scores as"
                        + " netsec does: the schema's feature columns are its inputs, by name (integer columns int64, number"
                        + " columns double, categorical columns text); it imputes, encodes and scales them as the bundle"
                        + " does, runs the model, and answers threat_probability, label (at the bundle's threshold),"
                        + " probability_benign and probability_threat; a bundle of attack families also family and"
                        + " probability_<class> for each class.",
                "A missing value is NaN (numbers), -9223372036854775808 (integers) or a missing-value text of the schema"
                        + " (categories). Run the model with intra_op_num_threads=1: ONNX Runtime then adds the trees in"
                        + " netsec's order.",
                "A bundle with k-nearest-neighbour imputation is refused: ONNX cannot reproduce it exactly.",
        },
        footerHeading = "%nExample:%n",
        footer = "  netsec export --model-dir final_model --format onnx --output model.onnx")
public final class ExportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--model-dir", defaultValue = "final_model", description = "The model bundle (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Option(names = "--format", defaultValue = "onnx", description = "The format to write: onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", required = true, description = "Where the model goes ('-' for standard output). A file there"
            + " is replaced once the model is written; a file inside the bundle, a folder or a link is refused.")
    Path output;

    @Override
    public Integer call() throws Exception {
        common.verbose();
        if (!"onnx".equals(format.toLowerCase(Locale.ROOT))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format " + format + ": the one format netsec exports to is onnx");
        }
        InputFiles.requireFolderIfPresent(modelDir);
        List<Path> reads = List.of(modelDir);
        OutputFile.Kind kind = OutputFile.check(output, reads); // before the bundle is read: nothing read is written over
        ModelBundle bundle = ModelBundle.load(modelDir);
        OnnxModel onnx;
        try {
            onnx = OnnxExport.of(bundle);
        } catch (OnnxExportException e) {
            throw new UserFacingException(ExitCodes.IO, modelDir + ": " + e.getMessage(), e);
        }
        try (OutputFile out = OutputFile.open(output, reads)) {
            onnx.writeTo(out.stream());
            out.commit();
        }
        // with the model on standard output, the summary goes to stderr
        var summary = kind == OutputFile.Kind.STDOUT ? spec.commandLine().getErr() : spec.commandLine().getOut();
        summary.println("Exported " + modelDir + " (" + bundle.manifest().model().family() + ", schema "
                + bundle.manifest().schemaName() + ") as ONNX (IR " + OnnxExport.IR_VERSION + ", opset " + OnnxExport.OPSET
                + ", ai.onnx.ml " + OnnxExport.ML_OPSET + "; " + onnx.inputs().size() + " inputs, " + onnx.bytes().length
                + " bytes): " + output);
        summary.flush();
        return ExitCodes.OK;
    }
}
