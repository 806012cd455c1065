package io.netsec.api.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every setting of the API, under the {@code netsec.} prefix (environment: {@code NETSEC_...}).
 * Checked at start-up by {@link ConfigCheck}, so a bad value stops the server with a message instead
 * of failing later.
 */
@ConfigMapping(prefix = "netsec")
public interface NetsecConfig {

    /** The model bundle served; a training job replaces it once its new bundle is verified. */
    @WithDefault("final_model")
    Path modelDir();

    /**
     * A registered model to serve instead of what {@link #modelDir()} holds, e.g.
     * {@code models:/netsec-detector@champion}: pulled and verified into the model folder at start.
     */
    Optional<String> modelUri();

    /** The MLflow server of {@link #modelUri()}; by default {@code MLFLOW_TRACKING_URI}. */
    Optional<String> trackingUri();

    /**
     * The largest CSV or JSON body accepted. Keep {@code quarkus.http.limits.max-body-size} above
     * it, so that oversize bodies get a problem-details answer from the API, not a bare 413.
     */
    @WithDefault("50M")
    MemorySize uploadLimit();

    /** The key that training endpoints require in {@code X-API-Key}; unset disables training. */
    Optional<String> apiKey();

    /** Rows per page of the HTML result table, 1 to 1000. */
    @WithDefault("50")
    int pageSize();

    /** How many uploads' scored files are kept for paging and download (1 to 1000); the oldest go first. */
    @WithDefault("20")
    int keptResults();

    /** Per-request limits (each at least 1): every one is a 413 problem naming the limit when exceeded. */
    Limits limits();

    Training training();

    /** How training jobs are named in the MLflow record they leave in their run folder. */
    Mlflow mlflow();

    /** The live summary of what the served model scores, compared with its training data. */
    Drift drift();

    /**
     * The sliding window of scored rows ({@code /api/v1/drift}, {@code /q/health/group/drift}): the
     * last {@link #windowRows()} rows, or with {@link #windowDuration()} the rows of that span (at
     * most {@link #windowRows()} of them: a span's excess rows are counted as dropped, so memory
     * stays bounded whatever the traffic).
     */
    interface Drift {

        /** Rows the window holds, 100 to 10,000,000. */
        @WithDefault("10000")
        int windowRows();

        /** A time window instead of a row window, e.g. {@code 1h}; unset: the window is the last rows. */
        Optional<java.time.Duration> windowDuration();

        /** The window moves by one bucket at a time: 2 to 1000 buckets (each a point of the page's chart). */
        @WithDefault("20")
        int buckets();

        /** Scored requests waiting to be summarized (1 to 100,000); one arriving when it is full is dropped and counted. */
        @WithDefault("1024")
        int queue();

        /** The threat share of the window above which the drift health group is DOWN; unset: no limit. */
        OptionalDouble threatShareMax();
    }

    /** The MLflow record of a training job (sent to a server with {@code netsec runs sync}). */
    interface Mlflow {

        /**
         * Who trained, as the record's {@code mlflow.user} tag and the run's user; by default the
         * user the server runs as.
         */
        Optional<String> user();
    }

    /** Limits on one request, so no single caller can hold the server's memory or threads. */
    interface Limits {

        /** Data rows per CSV request ({@code /predict}, {@code /api/v1/predict/csv}, {@code /invocations}). */
        @WithDefault("1000000")
        long rows();

        /** Records per JSON request ({@code /api/v1/predict}, {@code /invocations}). */
        @WithDefault("100000")
        int records();

        /** Columns in a CSV header (a schema needs far fewer; extra columns are carried through). */
        @WithDefault("10000")
        int columns();

        /** Nesting depth of a JSON body (Jackson's {@code StreamReadConstraints.maxNestingDepth}), at least 4. */
        @WithDefault("32")
        int jsonDepth();
    }

    /** Where training jobs read their data and write their run folders. */
    interface Training {

        /** The server-side CSV (or ARFF) file a job trains on (unless a collection is set). */
        Optional<Path> data();

        /** A MongoDB collection a job trains on instead of the file ({@code netsec.training.mongodb.*}). */
        Mongodb mongodb();

        /** The schema to train with; by default the served model's own schema. */
        Optional<Path> schema();

        @WithDefault("runs")
        Path runsDir();
    }

    /** A training collection; the URI may also come from {@code MONGODB_URI}. */
    interface Mongodb {
        Optional<String> uri();

        Optional<String> database();

        /** Setting it makes jobs train on this collection. */
        Optional<String> collection();

        /** A JSON filter document, e.g. {@code {"_source": "..."}}. */
        Optional<String> query();

        @WithDefault("10")
        int timeoutSeconds();
    }
}
