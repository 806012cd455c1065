# syntax=docker/dockerfile:1
# NetSec Detector API as a native executable (GraalVM/Mandrel native-image), built with the usual
# Quarkus builder image; no JVM in the runtime image. From the repository root:
#
#   docker build -f docker/api-native.Dockerfile -t netsec-api-native .
#   docker run --rm -p 127.0.0.1:8080:8080 -v "$PWD/final_model:/models/current:ro" netsec-api-native
#
# NOT BUILT OR RUN ON THE PROJECT'S TEST MACHINE (no GraalVM and no registry there); see
# docker/README.md for what was checked. native-image needs about 6 GB of memory and several
# minutes. Same environment variables as docker/api.Dockerfile, apart from JAVA_OPTS.
ARG NATIVE_BUILDER_IMAGE=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25
ARG RUNTIME_IMAGE=registry.access.redhat.com/ubi9/ubi-minimal:9.6

FROM ${NATIVE_BUILDER_IMAGE} AS build
USER root
WORKDIR /code
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
RUN chown -R quarkus:quarkus /code
USER quarkus
# -Dnative activates the "native" profile of netsec-api/pom.xml; the builder image has native-image,
# so no container-in-container build is needed.
RUN --mount=type=cache,target=/home/quarkus/.m2,uid=1001 \
    ./mvnw -B -ntp -pl netsec-api -am package -Dnative -DskipTests \
      -Dmaven.source.skip=true -Dmaven.javadoc.skip=true

FROM ${RUNTIME_IMAGE}
# libgomp: XGBoost4J's native library, for training jobs.
RUN microdnf install -y libgomp shadow-utils && microdnf clean all \
 && groupadd --system --gid 10001 netsec \
 && useradd --system --uid 10001 --gid netsec --home-dir /var/lib/netsec --shell /sbin/nologin netsec \
 && mkdir -p /app /models /var/lib/netsec/runs \
 && chown -R netsec:netsec /models /var/lib/netsec
COPY --from=build /code/netsec-api/target/*-runner /app/netsec-api
COPY docker/healthcheck.sh /usr/local/bin/netsec-healthcheck
ENV NETSEC_MODEL_DIR=/models/current \
    NETSEC_TRAINING_RUNS_DIR=/var/lib/netsec/runs \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080
VOLUME ["/models"]
EXPOSE 8080
WORKDIR /var/lib/netsec
USER 10001:10001
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 CMD ["/usr/local/bin/netsec-healthcheck"]
ENTRYPOINT ["/app/netsec-api"]
