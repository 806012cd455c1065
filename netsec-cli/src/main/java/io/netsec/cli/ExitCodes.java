package io.netsec.cli;

/** The documented exit codes (see {@code netsec --help}). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int INVALID_DATA = 2;
    public static final int IO = 3;
    public static final int UNREACHABLE = 4;
    public static final int USAGE = 64;

    private ExitCodes() {
    }
}
