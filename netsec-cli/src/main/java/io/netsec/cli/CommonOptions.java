package io.netsec.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** Options every command has: how much it says on stderr. */
public final class CommonOptions {

    @Option(names = {"-q", "--quiet"}, description = "Print no progress, only results and errors.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors (for bug reports).")
    boolean verbose;

    static volatile boolean verboseErrors;

    /** Prints a progress line to stderr unless {@code --quiet}. */
    public void progress(PrintWriter err, String format, Object... args) {
        verboseErrors = verbose;
        if (!quiet) {
            err.printf(format + "%n", args);
            err.flush();
        }
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        verboseErrors = verbose;
        return verbose;
    }
}
