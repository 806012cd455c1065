package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.CliRunner.Run;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.ingestion.synthetic.SyntheticData;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.onnx.OnnxExport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netsec export} as a user runs it: the ONNX model of a bundle (the bytes of
 * {@link OnnxExport#of(ModelBundle)}; OnnxExactnessTest in netsec-onnx scores them), and one
 * line and the documented exit code for a bundle it refuses, a format it does not know and an
 * output it may not write.
 */
class ExportCommandTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path knnModel;

    @BeforeAll
    static void trainTwoSmallModels() throws Exception {
        Path traffic = dir.resolve("traffic.csv");
        SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 3).write(300, traffic);
        model = dir.resolve("model");
        knnModel = dir.resolve("knn-model");
        for (Path folder : new Path[] {model, knnModel}) {
            Run run = netsec("train", "--quiet", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                    "--model-dir", folder.toString(), "--runs-dir", dir.resolve("runs").toString(), "--models", "j48",
                    "--bootstrap", "20", "--imputation", folder == model ? "median" : "knn");
            assertEquals(0, run.exitCode(), run.err());
        }
    }

    @Test
    void writesTheBundlesOnnxModel() throws Exception {
        Path onnx = dir.resolve("model.onnx");
        Run run = netsec("export", "--model-dir", model.toString(), "--format", "onnx", "--output", onnx.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertArrayEquals(OnnxExport.of(ModelBundle.load(model)).bytes(), Files.readAllBytes(onnx));
        assertTrue(run.out().startsWith("Exported " + model + " (j48, schema network_traffic) as ONNX (IR 11, opset 23,"
                + " ai.onnx.ml 5; 7 inputs, "), run.out());
        assertTrue(run.out().strip().endsWith(onnx.toString()), run.out());
    }

    @Test
    void aBundleWithNearestNeighbourImputationIsRefusedInOneLineWithExitCode3() {
        Path onnx = dir.resolve("never.onnx");
        Run run = netsec("export", "--model-dir", knnModel.toString(), "--output", onnx.toString());
        assertEquals(ExitCodes.IO, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("netsec export: " + knnModel + ": the bundle imputes missing values from their"
                + " k nearest neighbours (--imputation knn), which ONNX cannot reproduce exactly"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(onnx));
    }

    @Test
    void anUnknownFormatIsWrongUsage() {
        Run run = netsec("export", "--model-dir", model.toString(), "--format", "pmml", "--output", dir.resolve("x.pmml").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--format pmml: the one format netsec exports to is onnx"), run.err());
    }

    @Test
    void aMissingBundleAndAnOutputInsideTheBundleAreRefusedAndTheBundleStaysAsItWas() throws Exception {
        Run missing = netsec("export", "--model-dir", dir.resolve("no-model").toString(), "--output", dir.resolve("m.onnx").toString());
        assertEquals(ExitCodes.IO, missing.exitCode(), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        byte[] manifest = Files.readAllBytes(model.resolve("manifest.json"));
        byte[] onnx = Files.readAllBytes(model.resolve("model.onnx")); // the bundle's own, an MLflow Model file
        for (String output : new String[] {model.resolve("model.onnx").toString(), model.resolve("manifest.json").toString()}) {
            Run inside = netsec("export", "--model-dir", model.toString(), "--output", output);
            assertEquals(ExitCodes.IO, inside.exitCode(), inside.err());
            assertTrue(inside.err().startsWith("netsec export: " + output + ": "), inside.err());
        }
        assertArrayEquals(onnx, Files.readAllBytes(model.resolve("model.onnx")));
        assertArrayEquals(manifest, Files.readAllBytes(model.resolve("manifest.json")));
    }
}
