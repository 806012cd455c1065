package io.netsec.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (the Maven project version). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = NetsecCommand.class.getPackage().getImplementationVersion();
        return new String[] {"netsec " + (version == null ? "development build" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
    }
}
