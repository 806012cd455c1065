# syntax=docker/dockerfile:1
# NetSec Detector API, JVM build. Build from the repository root:
#
#   docker build -f docker/api.Dockerfile -t netsec-api .
#   docker run --rm -p 127.0.0.1:8080:8080 -v "$PWD/final_model:/models/current:ro" netsec-api
#
# Stage "build" compiles the API with the Maven wrapper (needs Maven Central); the final stage is
# a JRE image with the Quarkus fast-jar only. Target "prebuilt" copies an app built on the host
# (netsec-api/target/quarkus-app/) instead, for machines where a build cannot reach Maven Central
# (docker/build-and-test.sh falls back to it). Configuration is by environment variables only;
# see docker/README.md.
ARG BUILDER_IMAGE=docker.io/library/eclipse-temurin:21-jdk
ARG RUNTIME_IMAGE=docker.io/library/eclipse-temurin:21-jre

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY netsec-core/pom.xml netsec-core/
COPY netsec-ingestion/pom.xml netsec-ingestion/
COPY netsec-experiment/pom.xml netsec-experiment/
COPY netsec-training/pom.xml netsec-training/
COPY netsec-cli/pom.xml netsec-cli/
COPY netsec-api/pom.xml netsec-api/
COPY netsec-core/src/main/ netsec-core/src/main/
COPY netsec-ingestion/src/main/ netsec-ingestion/src/main/
COPY netsec-experiment/src/main/ netsec-experiment/src/main/
COPY netsec-training/src/main/ netsec-training/src/main/
COPY netsec-api/src/main/ netsec-api/src/main/
# The cache mount keeps ~/.m2 (and the wrapper's Maven) between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl netsec-api -am package -DskipTests -Dmaven.source.skip=true -Dmaven.javadoc.skip=true

FROM ${RUNTIME_IMAGE} AS runtime-base
# libgomp1: XGBoost4J's native library (training jobs); installed only when the base lacks it.
RUN set -eu; \
    if ! ldconfig -p | grep -q 'libgomp\.so\.1'; then \
      apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 netsec; \
    useradd --system --uid 10001 --gid netsec --home-dir /var/lib/netsec --shell /usr/sbin/nologin netsec; \
    mkdir -p /app /models /var/lib/netsec/runs; \
    chown -R netsec:netsec /models /var/lib/netsec
COPY docker/healthcheck.sh /usr/local/bin/netsec-healthcheck
# The JVM options every launch of the API uses (also the README's and scripts/bench.sh's).
COPY netsec-api/src/main/jvm/jvm.options /app/jvm.options
# Every setting is an environment variable (netsec.x-y is NETSEC_X_Y); these are the image's
# defaults. The served bundle is a subfolder of the volume: a new bundle is written beside it and
# renamed into place, which a mount point cannot be.
ENV NETSEC_MODEL_DIR=/models/current \
    NETSEC_TRAINING_RUNS_DIR=/var/lib/netsec/runs \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"
VOLUME ["/models"]
EXPOSE 8080
WORKDIR /var/lib/netsec
USER 10001:10001
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/netsec-healthcheck"]
ENTRYPOINT ["/bin/sh", "-c", "exec java @/app/jvm.options $JAVA_OPTS -jar /app/quarkus-run.jar \"$@\"", "netsec-api"]

# The app built on the host: docker build --target prebuilt ... after ./mvnw -pl netsec-api -am package
FROM runtime-base AS prebuilt
COPY netsec-api/target/quarkus-app/lib/ /app/lib/
COPY netsec-api/target/quarkus-app/*.jar /app/
COPY netsec-api/target/quarkus-app/app/ /app/app/
COPY netsec-api/target/quarkus-app/quarkus/ /app/quarkus/

# Default target: the app built in stage "build". Four layers, dependencies first.
FROM runtime-base AS runtime
COPY --from=build /src/netsec-api/target/quarkus-app/lib/ /app/lib/
COPY --from=build /src/netsec-api/target/quarkus-app/*.jar /app/
COPY --from=build /src/netsec-api/target/quarkus-app/app/ /app/app/
COPY --from=build /src/netsec-api/target/quarkus-app/quarkus/ /app/quarkus/
