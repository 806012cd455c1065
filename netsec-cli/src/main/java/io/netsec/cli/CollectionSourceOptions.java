package io.netsec.cli;

import io.netsec.ingestion.DataInput;
import org.bson.Document;
import org.bson.json.JsonParseException;
import picocli.CommandLine.Option;

/** A collection to read from: {@link CollectionOptions} and an optional filter. */
class CollectionSourceOptions extends CollectionOptions {

    @Option(names = "--query", paramLabel = "JSON",
            description = "Read only the documents that match this MongoDB filter, e.g. '{\"Result\": -1}'.")
    String query;

    /** The input these options name. */
    DataInput.CollectionInput input() {
        Document filter = null;
        if (query != null) {
            try {
                filter = Document.parse(query);
            } catch (JsonParseException | IllegalArgumentException e) {
                throw new UserFacingException(ExitCodes.USAGE, "--query is not a JSON document: " + e.getMessage());
            }
        }
        return new DataInput.CollectionInput(connection(), filter);
    }
}
