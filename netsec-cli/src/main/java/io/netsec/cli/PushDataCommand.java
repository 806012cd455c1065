package io.netsec.cli;

import io.netsec.ingestion.mongo.MongoPush;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netsec push-data}: a validated data file into a MongoDB collection, idempotently. */
@Command(name = "push-data", mixinStandardHelpOptions = true,
        description = {
                "Validates a data file against its schema, then writes every row into a MongoDB collection.",
                "Nothing is written when the file breaks the schema. Each document's _id is the file's SHA-256 and",
                "its row number, so pushing the same file again writes no second copy, and an interrupted push is",
                "completed by running it again. Values are typed by the schema; a missing value is stored as null.",
        },
        footerHeading = "%nExample:%n",
        footer = {
                "  export MONGODB_URI='mongodb://user:secret@127.0.0.1:27017/'",
                "  netsec push-data --data ../shared/data/phisingData.csv --database netsec --collection phishing",
        })
public final class PushDataCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The data file (CSV, or ARFF by extension).")
    Path data;

    @Option(names = "--schema", paramLabel = "FILE", description = "The schema file (default: " + SchemaFiles.DEFAULT + ").")
    Path schema;

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "The target collection:%n")
    CollectionOptions target;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + MongoPush.DEFAULT_BATCH_SIZE,
            description = "Rows per bulk write (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        common.verbose();
        if (batchSize < 1) {
            throw new UserFacingException(ExitCodes.USAGE, "--batch-size must be at least 1");
        }
        InputFiles.requireFile(data);
        var request = new MongoPush.Request(data, SchemaFiles.load(schema).schema(), target.connection(), batchSize);
        MongoPush.Result result = MongoPush.run(request, line -> common.progress(spec.commandLine().getErr(), "%s", line));
        var out = spec.commandLine().getOut();
        out.printf("Pushed %,d rows to %s (%,d new documents, %,d already there)%n",
                result.rows(), result.collection(), result.inserted(), result.existing());
        out.flush();
        return ExitCodes.OK;
    }
}
