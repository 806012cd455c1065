# syntax=docker/dockerfile:1
# NetSec Detector command line tool (the shaded netsec-cli.jar) with the schemas, used by the
# compose file's one-shot "trainer" job. Build from the repository root:
#
#   docker build -f docker/cli.Dockerfile -t netsec-cli .
#   docker run --rm netsec-cli --help
#
# Target "prebuilt" copies netsec-cli/target/netsec-cli.jar built on the host instead of building.
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
COPY netsec-cli/src/main/ netsec-cli/src/main/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl netsec-cli -am package -DskipTests -Dmaven.source.skip=true -Dmaven.javadoc.skip=true

FROM ${RUNTIME_IMAGE} AS runtime-base
# libgomp1: XGBoost4J's native library; fontconfig: JFreeChart's run pictures.
RUN set -eu; \
    if ! ldconfig -p | grep -q 'libgomp\.so\.1' || ! ldconfig -p | grep -q 'libfontconfig\.so\.1'; then \
      apt-get update && apt-get install -y --no-install-recommends libgomp1 fontconfig && rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 netsec; \
    useradd --system --uid 10001 --gid netsec --home-dir /var/lib/netsec --shell /usr/sbin/nologin netsec; \
    mkdir -p /app /models /data /var/lib/netsec/runs; \
    chown -R netsec:netsec /models /data /var/lib/netsec
COPY data_schema/ /app/data_schema/
COPY docker/trainer.sh /app/trainer.sh
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 --enable-native-access=ALL-UNNAMED"
WORKDIR /var/lib/netsec
USER 10001:10001
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /app/netsec-cli.jar \"$@\"", "netsec"]
CMD ["--help"]

FROM runtime-base AS prebuilt
COPY netsec-cli/target/netsec-cli.jar /app/netsec-cli.jar

FROM runtime-base AS runtime
COPY --from=build /src/netsec-cli/target/netsec-cli.jar /app/netsec-cli.jar
