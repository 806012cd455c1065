package io.netsec.experiment.tracking;

/**
 * How a training run is named and registered in MLflow.
 *
 * @param experiment      the experiment (default {@value #DEFAULT_EXPERIMENT})
 * @param registeredModel the registered model name (default {@value #DEFAULT_REGISTERED_MODEL})
 * @param projectVersion  netsec's version, tagged on the run
 * @param gitCommit       the source commit, tagged when known (null otherwise)
 * @param user            who trained, tagged {@value RunRecord#USER_TAG} (default: the operating system's user)
 */
public record TrackingSettings(String experiment, String registeredModel, String projectVersion, String gitCommit,
                               String user) {

    public static final String DEFAULT_EXPERIMENT = "netsec";
    public static final String DEFAULT_REGISTERED_MODEL = "netsec-detector";

    public TrackingSettings {
        experiment = experiment == null || experiment.isBlank() ? DEFAULT_EXPERIMENT : experiment;
        registeredModel = registeredModel == null || registeredModel.isBlank() ? DEFAULT_REGISTERED_MODEL : registeredModel;
        projectVersion = projectVersion == null ? "unknown" : projectVersion;
        user = user == null || user.isBlank() ? osUser() : user.strip();
    }

    /** The settings with the operating system's user. */
    public TrackingSettings(String experiment, String registeredModel, String projectVersion, String gitCommit) {
        this(experiment, registeredModel, projectVersion, gitCommit, null);
    }

    /** The user the JVM runs as, as MLflow's own clients take it ({@code getpass.getuser()}); "unknown" when unset. */
    public static String osUser() {
        String name = System.getProperty("user.name");
        return name == null || name.isBlank() ? "unknown" : name;
    }

    /** The defaults, with the version and commit given. */
    public static TrackingSettings defaults(String projectVersion, String gitCommit) {
        return new TrackingSettings(DEFAULT_EXPERIMENT, DEFAULT_REGISTERED_MODEL, projectVersion, gitCommit);
    }
}
