package io.netsec.experiment.tracking;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netsec.core.CredentialMask;
import java.util.List;

/**
 * Where a run folder's record stands, kept beside it as {@code mlflow-status.json}.
 *
 * @param state          {@code local} (no server was named), {@code pending} (a server failed; sync replays it)
 *                       or {@code synced}
 * @param server         the server it was last sent to, or null
 * @param lastError      why the last attempt failed, or null
 * @param abandonedRunIds runs a failed attempt left on the server (marked failed when reachable)
 * @param published      the server's record once synced, or null
 */
public record TrackingStatus(State state, String server, @JsonProperty("last_error") String lastError,
                             @JsonProperty("abandoned_run_ids") List<String> abandonedRunIds, PublishedRun published) {

    /** The states of a record. */
    public enum State {
        @JsonProperty("local") LOCAL,
        @JsonProperty("pending") PENDING,
        @JsonProperty("synced") SYNCED
    }

    public TrackingStatus {
        // Written to the run folder: no secret of a server's address may reach it.
        server = CredentialMask.uri(server);
        lastError = CredentialMask.text(lastError, List.of());
        abandonedRunIds = abandonedRunIds == null ? List.of() : List.copyOf(abandonedRunIds);
    }

    static TrackingStatus local() {
        return new TrackingStatus(State.LOCAL, null, null, List.of(), null);
    }
}
