package io.netsec.experiment.tracking;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netsec.core.CredentialMask;
import java.util.List;

/**
 * What a record became on a server.
 *
 * @param server        the server's address (its secrets masked: the record is written to the run folder)
 * @param experimentId  the experiment
 * @param runId         the parent run
 * @param candidateRunIds the nested runs, one per candidate
 * @param artifacts     the artifact paths uploaded
 * @param decision      the registry decision
 * @param modelId       the MLflow 3 logged model the version points at, or null (an MLflow 2 server,
 *                      or a record published before logged models were used)
 */
public record PublishedRun(String server, @JsonProperty("experiment_id") String experimentId,
                           @JsonProperty("run_id") String runId,
                           @JsonProperty("candidate_run_ids") List<String> candidateRunIds,
                           List<String> artifacts, PromotionDecision decision,
                           @JsonProperty("model_id") String modelId) {

    public PublishedRun {
        server = CredentialMask.uri(server);
        candidateRunIds = List.copyOf(candidateRunIds);
        artifacts = List.copyOf(artifacts);
    }
}
