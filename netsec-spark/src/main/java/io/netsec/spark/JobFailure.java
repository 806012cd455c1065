package io.netsec.spark;

import io.netsec.core.bundle.BundleException;
import io.netsec.core.data.DataException;
import io.netsec.core.schema.SchemaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkThrowable;

/**
 * Why the job failed, as the command line says it: one line and the command line's exit code. A
 * failure on an executor reaches the driver wrapped in Spark's exceptions ({@code SparkException}:
 * job aborted, stage failure, task failed while writing), with the executor's exception as the
 * innermost cause; the line is that exception's message, not Spark's wrapping of it.
 *
 * @param exitCode {@link NetsecSparkJob#INVALID_DATA}, {@link NetsecSparkJob#UNREADABLE} or {@link NetsecSparkJob#INTERNAL}
 * @param message  one line naming what is wrong and where
 */
record JobFailure(int exitCode, String message) {

    /** The class name Spark's messages quote when it could not bring the exception itself back. */
    private static final String BAD_ROW = BadRowException.class.getName() + ": ";

    static JobFailure of(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable cause : chain) {
            if (cause instanceof BadRowException) {
                return new JobFailure(NetsecSparkJob.INVALID_DATA, firstLine(cause.getMessage()));
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof DataException || cause instanceof SchemaException) {
                return new JobFailure(NetsecSparkJob.INVALID_DATA, firstLine(cause.getMessage()));
            }
            if (cause instanceof BundleException) {
                return new JobFailure(NetsecSparkJob.UNREADABLE, firstLine(cause.getMessage()));
            }
        }
        for (Throwable cause : chain) {
            // An executor's exception the driver could not deserialize is only quoted in the message.
            String message = String.valueOf(cause.getMessage());
            int quoted = message.indexOf(BAD_ROW);
            if (quoted >= 0) {
                return new JobFailure(NetsecSparkJob.INVALID_DATA, firstLine(message.substring(quoted + BAD_ROW.length())));
            }
        }
        for (Throwable cause : chain) {
            String condition = cause instanceof SparkThrowable spark ? String.valueOf(spark.getCondition()) : "";
            if (condition.startsWith("MALFORMED_RECORD") || condition.startsWith("MALFORMED_CSV")) {
                return new JobFailure(NetsecSparkJob.INVALID_DATA, firstLine(cause.getMessage()));
            }
            if (condition.startsWith("PATH_NOT_FOUND") || cause instanceof IOException
                    || cause instanceof UncheckedIOException) {
                return new JobFailure(NetsecSparkJob.UNREADABLE, firstLine(cause.getMessage()));
            }
        }
        return new JobFailure(NetsecSparkJob.INTERNAL,
                "internal error: " + firstLine(failure.toString()) + " (run again with --verbose for the stack trace)");
    }

    /** {@code failure} and its causes, outermost first (a cycle is followed once). */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
