package io.netsec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.NetsecCommand;
import io.netsec.core.bundle.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Spark scoring of a bundle that tells attack families apart (the core's fixture
 * {@code v4-j48-families}): a {@code family} column after {@code probability}, each row's as
 * {@code netsec predict} writes it (the same file, line for line, on several partitions); a
 * binary bundle's output has no family column.
 */
class SparkFamilyScoringTest {

    private static final Path BUNDLES = Path.of(System.getProperty("netsec.repo.dir", ".."))
            .resolve("netsec-core/src/test/resources/bundles");

    @TempDir
    static Path work;
    static SparkSession spark;
    static Path families;
    static Path binary;
    static Path data;

    @BeforeAll
    static void copyTheBundlesWriteTheDataAndStartSpark() throws IOException {
        families = work.resolve("families");
        ModelBundle.load(BUNDLES.resolve("v4-j48-families")).writeTo(families);
        binary = work.resolve("binary");
        ModelBundle.load(BUNDLES.resolve("v2-j48")).writeTo(binary);
        SplittableRandom random = new SplittableRandom(25);
        String[] protocols = {"tcp", "udp", "icmp"};
        String[] flags = {"SF", "S0", "REJ", "RSTR", "SH"};
        List<String> lines = new ArrayList<>(List.of("id,duration,protocol_type,service,src_bytes,dst_bytes,flag,srv_error_rate"));
        for (int i = 1; i <= 5_000; i++) {
            lines.add(i + "," + String.format(Locale.ROOT, "%.4f", random.nextDouble() * 3600) + ","
                    + protocols[random.nextInt(3)] + ",service_" + random.nextInt(12) + "," + random.nextInt(1_000_000) + ","
                    + random.nextInt(1_000_000) + "," + flags[random.nextInt(5)] + ","
                    + String.format(Locale.ROOT, "%.4f", random.nextDouble()));
        }
        data = Files.write(work.resolve("traffic.csv"), lines);
        spark = SparkSession.builder().master("local[2]").appName("netsec-spark families")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.files.maxPartitionBytes", "100000") // several partitions of the 300 kB file
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static List<String> netsecPredict(Path model) throws IOException {
        Path output = work.resolve("cli-" + model.getFileName() + ".csv");
        StringWriter err = new StringWriter();
        CommandLine commandLine = NetsecCommand.newCommandLine();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        int code = commandLine.execute("predict", "--quiet", "--model-dir", model.toString(), "--input", data.toString(),
                "--output", output.toString());
        assertEquals(0, code, err::toString);
        return Files.readAllLines(output, StandardCharsets.UTF_8);
    }

    private static List<String> sparkScored(Path model, String name) throws IOException {
        SparkScorer scorer = SparkScorer.load(spark, model.toString());
        Dataset<Row> input = SparkTables.read(spark, data.toString(), SparkTables.Format.CSV);
        assertTrue(input.rdd().getNumPartitions() >= 2, "the input should span several partitions");
        Path output = work.resolve(name);
        SparkTables.write(scorer.score(input), output.toString(), SparkTables.Format.CSV);
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                List<String> partLines = Files.readAllLines(part, StandardCharsets.UTF_8);
                lines.addAll(lines.isEmpty() ? partLines : partLines.subList(1, partLines.size()));
            }
        }
        return lines;
    }

    @Test
    void aFamilyBundleAddsTheFamilyNetsecPredictWrites() throws IOException {
        List<String> cli = netsecPredict(families);
        List<String> scored = sparkScored(families, "spark-families");
        assertTrue(scored.get(0).endsWith(",prediction,probability,family"), scored.get(0));
        assertEquals(5_001, scored.size());
        assertEquals(cli, scored);
        assertTrue(scored.stream().anyMatch(line -> line.endsWith(",dos")) && scored.stream().anyMatch(line -> line.endsWith(",normal")),
                "threats and benign rows");
    }

    @Test
    void aBinaryBundleHasNoFamilyColumn() throws IOException {
        List<String> scored = sparkScored(binary, "spark-binary");
        assertTrue(scored.get(0).endsWith(",srv_error_rate,prediction,probability"), scored.get(0));
        assertFalse(String.join("\n", scored).contains("family"));
        assertEquals(netsecPredict(binary), scored);
    }

    @Test
    void anInputWithAFamilyColumnIsRefusedForAFamilyBundle() {
        Dataset<Row> input = SparkTables.read(spark, data.toString(), SparkTables.Format.CSV)
                .withColumn("Family", org.apache.spark.sql.functions.lit("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScorer.load(spark, families.toString()).score(input));
        assertTrue(e.getMessage().contains("the input already has a column 'Family'"), e.getMessage());
    }
}
