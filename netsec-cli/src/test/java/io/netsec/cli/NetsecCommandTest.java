package io.netsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the subcommand it names; help, a mistyped name or none get them all. */
class NetsecCommandTest {

    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        assertEquals(Set.of("predict"), NetsecCommand.newCommandLine(new String[] {"predict", "--help"}).getSubcommands().keySet());
        assertEquals(Set.of("data"), NetsecCommand.newCommandLine(new String[] {"data", "generate"}).getSubcommands().keySet());
        List<String> all = List.copyOf(NetsecCommand.subcommands().keySet());
        for (String[] args : new String[][] {{}, {"help", "predict"}, {"predcit"}, {"--version"}}) {
            assertEquals(all, List.copyOf(NetsecCommand.newCommandLine(args).getSubcommands().keySet()), String.join(" ", args));
        }
        assertEquals(List.of("quickstart", "validate", "train", "evaluate", "predict", "data", "push-data", "runs", "model",
                "export", "help"), all);
        NetsecCommand.subcommands().forEach((name, command) -> assertEquals(name,
                command.getAnnotation(CommandLine.Command.class).name(), "the name its @Command gives " + command));
    }

    @Test
    void theReadAheadFailsWhereLoadingWouldAndOnlyForItsFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path missing = dir.resolve("no-bundle");
        // named another way, the same folder: the read-ahead's message shows the name it was given
        String roundabout = dir.resolve("sub").resolve("..").resolve("no-bundle").toString();
        BundleReadAhead.start(new String[] {"predict", "--input", "x.csv", "--model-dir", roundabout});
        var direct = org.junit.jupiter.api.Assertions.assertThrows(io.netsec.core.bundle.BundleException.class,
                () -> io.netsec.core.Detector.load(java.nio.file.Path.of(roundabout)));
        var ahead = org.junit.jupiter.api.Assertions.assertThrows(io.netsec.core.bundle.BundleException.class,
                () -> BundleReadAhead.load(missing));
        assertEquals(direct.getMessage(), ahead.getMessage(), "the read-ahead's failure, thrown where loading fails");
        assertTrue(ahead.getMessage().contains(".."), ahead.getMessage());
        var again = org.junit.jupiter.api.Assertions.assertThrows(io.netsec.core.bundle.BundleException.class,
                () -> BundleReadAhead.load(missing));
        assertTrue(!again.getMessage().contains(".."), "taken once; then loaded directly: " + again.getMessage());

        BundleReadAhead.start(new String[] {"predict", "--model-dir=" + missing});
        java.nio.file.Path other = dir.resolve("other");
        var elsewhere = org.junit.jupiter.api.Assertions.assertThrows(io.netsec.core.bundle.BundleException.class,
                () -> BundleReadAhead.load(other));
        assertTrue(elsewhere.getMessage().contains("other"), "another folder is loaded, not the read-ahead's: "
                + elsewhere.getMessage());
    }

    @Test
    void theOneSubcommandBehavesAsAmongAll() {
        String[] args = {"predict", "--help"};
        StringWriter out = new StringWriter();
        CommandLine alone = NetsecCommand.newCommandLine(args);
        alone.setOut(new PrintWriter(out));
        assertEquals(0, alone.execute(args));
        StringWriter full = new StringWriter();
        CommandLine among = NetsecCommand.newCommandLine();
        among.setOut(new PrintWriter(full));
        assertEquals(0, among.execute(args));
        assertTrue(out.toString().startsWith("Usage: netsec predict"), out.toString());
        assertEquals(full.toString(), out.toString());

        StringWriter err = new StringWriter();
        String[] wrong = {"predict", "--no-such-option"};
        CommandLine bad = NetsecCommand.newCommandLine(wrong);
        bad.setErr(new PrintWriter(err));
        assertEquals(64, bad.execute(wrong), "a usage error keeps its exit code when one subcommand is built");
        assertTrue(err.toString().contains("--no-such-option"), err.toString());
    }
}
