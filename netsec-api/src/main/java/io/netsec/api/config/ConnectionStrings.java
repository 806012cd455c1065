package io.netsec.api.config;

import io.netsec.core.CredentialMask;
import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.ingestion.mongo.MongoConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection strings the server is configured with (MongoDB's for training, MLflow's for the
 * registry), set or from the environment: whatever the API answers or logs, their secrets are
 * masked ({@link CredentialMask}).
 */
public final class ConnectionStrings {

    private ConnectionStrings() {
    }

    /** Every configured connection string, set or taken from the environment. */
    public static List<String> of(NetsecConfig config) {
        List<String> uris = new ArrayList<>();
        config.training().mongodb().uri().ifPresent(uris::add);
        config.trackingUri().ifPresent(uris::add);
        for (String variable : List.of(MongoConnection.URI_VARIABLE, MlflowConnection.URI_VARIABLE)) {
            String value = System.getenv(variable);
            if (value != null) {
                uris.add(value);
            }
        }
        return uris;
    }

    /** {@code text} with the secrets of every configured connection string masked. */
    public static String mask(NetsecConfig config, String text) {
        return CredentialMask.text(text, of(config));
    }

    /** The stack trace of {@code failure}, causes included, with those secrets masked, for the log. */
    public static String maskedStackTrace(NetsecConfig config, Throwable failure) {
        return CredentialMask.stackTrace(failure, of(config));
    }
}
