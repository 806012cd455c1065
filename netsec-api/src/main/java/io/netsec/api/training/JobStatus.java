package io.netsec.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A training job as {@code GET /api/v1/jobs/{id}} reports it: an immutable snapshot.
 *
 * @param id         the job id
 * @param state      queued, running, succeeded or failed
 * @param createdAt  when it was requested (ISO-8601)
 * @param finishedAt when it ended, or null
 * @param progress   the newest progress lines, oldest first
 * @param result     what it produced, once succeeded
 * @param error      why it failed, once failed
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatus(String id, JobState state, String createdAt, String finishedAt, List<String> progress,
                        JobResult result, String error) {

    /**
     * @param runId    the run folder's id
     * @param family   the model family selected
     * @param served   whether the new model is now served
     * @param metrics  the bundle's metrics (held-out test figures and intervals)
     */
    @RegisterForReflection
    public record JobResult(String runId, String family, boolean served,
                            @Schema(type = SchemaType.OBJECT, implementation = java.util.Map.class, description = "the bundle's metrics, as in its manifest.json")
                            JsonNode metrics) {
    }
}
