package io.netsec.core;

import java.util.Locale;

/**
 * How much the core reads from the files it is given: a model bundle's files and schema files
 * (whether named on the command line, found inside a bundle or configured in the API). Each limit
 * lies far above any real file (the largest bundle measured, a 50-tree random forest on the
 * phishing data, has a 3.1 MB model file; a schema is a few kilobytes) and is there so that a
 * hostile or mistaken file is refused with one line instead of exhausting memory or time.
 *
 * <p>Each is a system property or, when that is not set, the environment variable of the same
 * name in capitals with {@code _} for {@code .} and {@code -} ({@code netsec.limits.model-file}
 * is {@code NETSEC_LIMITS_MODEL_FILE}); sizes take a suffix {@code K}, {@code M} or {@code G}
 * (powers of 1024). They are read at each use, so a test or a long-running server sees a change.
 */
public final class ReadLimits {

    /** Largest model file of a bundle (also the largest other file its checksums list). */
    public static final String MODEL_FILE = "netsec.limits.model-file";
    /** Largest {@code manifest.json} of a bundle. */
    public static final String MANIFEST_FILE = "netsec.limits.manifest-file";
    /** Largest schema file. */
    public static final String SCHEMA_FILE = "netsec.limits.schema-file";
    /** Most columns a schema may declare. */
    public static final String SCHEMA_COLUMNS = "netsec.limits.schema-columns";
    /** Most entries in one list of a schema (allowed values, aliases, missing values, label values). */
    public static final String SCHEMA_LIST = "netsec.limits.schema-list";

    /** Longest line of a schema file; fixed (a longer line can always be broken, see {@code SchemaLoader}). */
    public static final int SCHEMA_LINE_BYTES = 64 * 1024;
    /** Largest {@code checksums.sha256}: one line per file, so a few hundred bytes in a real bundle. */
    public static final int CHECKSUMS_FILE_BYTES = 64 * 1024;

    private ReadLimits() {
    }

    public static long modelFileBytes() {
        return size(MODEL_FILE, 256L << 20);
    }

    public static long manifestFileBytes() {
        return size(MANIFEST_FILE, 64L << 20);
    }

    public static long schemaFileBytes() {
        return size(SCHEMA_FILE, 4L << 20);
    }

    public static int schemaColumns() {
        return (int) Math.min(Integer.MAX_VALUE, size(SCHEMA_COLUMNS, 10_000));
    }

    public static int schemaListEntries() {
        return (int) Math.min(Integer.MAX_VALUE, size(SCHEMA_LIST, 100_000));
    }

    /** The setting {@code name} as a count or size, or {@code fallback} when it is not set. */
    private static long size(String name, long fallback) {
        String text = System.getProperty(name);
        if (text == null) {
            text = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String value = text.strip();
        long unit = switch (Character.toUpperCase(value.charAt(value.length() - 1))) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? value : value.substring(0, value.length() - 1);
        if (!digits.matches("[0-9]{1,12}") || Long.parseLong(digits) == 0) {
            throw new IllegalArgumentException(name + " is '" + text + "', not a positive whole number"
                    + " (a size may end in K, M or G)");
        }
        return Long.parseLong(digits) * unit;
    }

    /** {@code bytes} as people read it: "256 MiB", "3,145,728 bytes". */
    public static String describe(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}
