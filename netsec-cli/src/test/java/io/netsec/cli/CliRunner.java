package io.netsec.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in-process, as a user would from a shell, and keeps what it printed. */
final class CliRunner {

    static final Path REPO = Path.of(System.getProperty("netsec.repo.dir", ".."));
    static final Path PHISHING_SCHEMA = REPO.resolve("data_schema/phishing.yaml");
    static final Path TRAFFIC_SCHEMA = REPO.resolve("data_schema/network_traffic.yaml");
    static final Path PHISHING_DATA =
            Path.of(System.getProperty("netsec.data.dir", "../../shared/data")).resolve("phisingData.csv");

    private CliRunner() {
    }

    /** The exit code and what the command printed on stdout and stderr. */
    record Run(int exitCode, String out, String err) {
    }

    /**
     * The command line as a process of its own (this JVM, this class path), in {@code workingDir}:
     * for what only a separate process shows, such as signals, the current directory, and what
     * the JVM prints as it exits.
     */
    static ProcessBuilder separateJvm(Path workingDir, String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", // as the launcher: Weka's native loader warns otherwise
                "-cp", System.getProperty("java.class.path"), NetsecCommand.class.getName()));
        // as the launcher: the commands that write ONNX allow protobuf-java's Unsafe use (JDK 24+ warns otherwise)
        if (args.length > 0 && java.util.List.of("export", "train", "quickstart").contains(args[0])
                && Runtime.version().feature() >= 24) {
            command.add(1, "--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).directory(workingDir.toFile());
    }

    static Run netsec(String... args) {
        CommandLine commandLine = NetsecCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
