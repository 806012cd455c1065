package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.netsec.core.Detector;
import io.netsec.core.bundle.ModelBundle;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link KnownModelTest} puts TestModel's bundle back: the first test leaves another model served
 * from a rewritten served folder, as a training job does, and the second finds the known one again.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnownModelRestoredTest extends KnownModelTest {

    @Test
    @Order(1)
    void aTestLeavesAnotherModelServed() throws IOException {
        Path folder = config.modelDir();
        TestModel.otherBundle().writeTo(folder);
        models.replace(Detector.load(folder), folder);
        assertNotEquals(TestModel.bundle().manifest().files(), models.require().detector().bundle().manifest().files());
    }

    @Test
    @Order(2)
    void theNextTestStartsFromTheKnownModel() throws IOException {
        assertEquals(TestModel.bundle().manifest().createdAt(), servedCreatedAt());
        assertEquals(TestModel.bundle().manifest().files(), models.require().detector().bundle().manifest().files());
        assertArrayEquals(Files.readAllBytes(TestModel.TRAINED.resolve(ModelBundle.CHECKSUMS)),
                Files.readAllBytes(config.modelDir().resolve(ModelBundle.CHECKSUMS)), "the served folder holds it too");
    }

    private static String servedCreatedAt() {
        return given().get("/api/v1/model").then().statusCode(200).extract().path("created_at");
    }
}
