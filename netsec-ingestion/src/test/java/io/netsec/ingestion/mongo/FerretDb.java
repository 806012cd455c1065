package io.netsec.ingestion.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The FerretDB server scripts/test.sh starts for the integration tests. A test that needs it and
 * finds none fails (never skips), so CI cannot pass without having tested against a real server.
 */
final class FerretDb {

    static final String URI_VARIABLE = "NETSEC_TEST_MONGODB_URI";
    static final String DIR_VARIABLE = "NETSEC_FERRETDB_DIR";

    private FerretDb() {
    }

    /** The server's connection string. */
    static String uri() {
        String uri = System.getenv(URI_VARIABLE);
        if (uri == null || uri.isBlank()) {
            fail("no MongoDB server for the integration tests: run scripts/test.sh, which starts FerretDB, or "
                    + "export " + DIR_VARIABLE + "=/tmp/ferretdb " + URI_VARIABLE + "=$(scripts/ferretdb.sh start)");
        }
        return uri;
    }

    /** Stops the server (scripts/ferretdb.sh stop); its data stays for {@link #start()}. */
    static void stop() {
        script("stop");
    }

    /** Starts the server again on the same port with the same data. */
    static void start() {
        script("start");
    }

    private static void script(String action) {
        String dir = System.getenv(DIR_VARIABLE);
        if (dir == null || dir.isBlank()) {
            fail("this test stops and restarts FerretDB and needs " + DIR_VARIABLE + " (scripts/test.sh sets it)");
        }
        Path script = Path.of(System.getProperty("netsec.repo.dir", "..")).resolve("scripts/ferretdb.sh");
        try {
            Process process = new ProcessBuilder(script.toString(), action).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("scripts/ferretdb.sh " + action + " did not finish within 60 s");
            }
            assertEquals(0, process.exitValue(), "scripts/ferretdb.sh " + action);
        } catch (IOException e) {
            fail("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
