package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsec.core.Detector;
import io.netsec.core.Sha256;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.training.TrainingOptions;
import io.netsec.training.TrainingPipeline;
import io.netsec.training.model.J48Trainer;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model card of a model of attack families: a row per family, the averages, the confusion matrix and its picture. */
@QuarkusTest
class FamilyModelCardTest extends KnownModelTest {

    private static final Path DATA = TestModel.phishingCsv().resolveSibling("nslkdd_train_head.txt");

    /** J48 on NSL-KDD's first 2,000 rows (normal, dos, probe, r2l), trained once per build under target/. */
    private static ModelBundle familyBundle() throws Exception {
        Path folder = TestModel.TARGET.resolve("test-bundle-families");
        if (Files.isRegularFile(folder.resolve(ModelBundle.CHECKSUMS))) {
            return ModelBundle.load(folder);
        }
        Path head = Files.write(TestModel.TARGET.resolve("nslkdd-2000.txt"), Files.readAllLines(DATA).subList(0, 2_000));
        LoadedSchema schema = SchemaLoader.load(TestModel.repo().resolve("data_schema/nslkdd.yaml"));
        Dataset data;
        try (CsvRecordSource source = CsvRecordSource.open(head, schema.schema())) {
            data = DatasetReader.read(source, schema.schema(), Sha256.of(head), rows -> { });
        }
        TrainingOptions options = TrainingOptions.defaults().withCandidates(List.of(new J48Trainer(0.25, 2)))
                .withFolds(2).withBootstrapResamples(20);
        return TrainingPipeline.train(data, schema, options, line -> { }).bundle().writeTo(folder);
    }

    @Test
    void showsEachFamilyTheAveragesAndTheConfusionPicture() throws Exception {
        assumeTrue(Files.isRegularFile(DATA), "the NSL-KDD head is not at " + DATA);
        Path served = Files.createTempDirectory(TestModel.TARGET, "served-families-").resolve("model");
        familyBundle().writeTo(served);
        models.replace(Detector.load(served), served);

        String page = given().get("/model").then().statusCode(200).extract().asString();
        assertTrue(page.contains("<table id=\"families\">"), page);
        for (String family : List.of("normal", "dos", "probe", "r2l", "macro average", "weighted average")) {
            assertTrue(page.matches("(?s).*<tr><td>" + family + "</td><td>[01]\\.\\d{4}</td>.*"), family + " in " + page);
        }
        assertTrue(page.matches("(?s).*Macro ROC AUC \\(one-vs-rest\\): [01]\\.\\d{4} \\(95% interval .*"), page);
        assertTrue(page.contains("<table id=\"family-confusion\" class=\"confusion\">"), page);
        assertTrue(page.contains("<svg id=\"family-confusion-picture\""), page);
        assertTrue(page.matches("(?s).*<rect x=\"\\d+\" y=\"\\d+\" width=\"\\d+\" height=\"\\d+\" fill=\"#3a6ea5\" fill-opacity=\"[01]\\.\\d{3}\".*"),
                "cells shaded by presentation attributes (the page policy allows no inline style)");
        assertFalse(page.contains("style=\""), "no inline style: the page's policy would block it");
    }

    @Test
    void theCardOfAModelOfThreatOrBenignHasNoFamilyPart() {
        String page = given().get("/model").then().statusCode(200).extract().asString();
        assertTrue(page.contains("<table id=\"confusion\" class=\"confusion\">"), page);
        assertFalse(page.contains("id=\"families\""), page);
        assertFalse(page.contains("family-confusion"), page);
    }
}
