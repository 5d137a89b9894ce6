# syntax=docker/dockerfile:1
#
# firebreak.jar in a container: `docker build -t firebreak .` then
#   docker run -e KAFKA_BOOTSTRAP_SERVERS=... -e SCHEMA_REGISTRY_URL=... -e FIREBREAK_INGEST_TOKEN=... firebreak
# runs `server /etc/firebreak/firebreak.yml` (a copy of examples/firebreak.yml). Mount your own config over
# that path, or pass another: `docker run ... firebreak server /config/firebreak.yml`.
#
# The machine this was written on has no Docker engine, so this file has not been built there; it keeps to
# the conventional multi-stage shape so any `docker build` / `docker compose build` can.

# ---- build: the shaded jar, app/target/firebreak.jar ------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# the Maven repository is a BuildKit cache mount: rebuilds after a source edit do not download again
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests package -pl app -am \
 && cp app/target/firebreak.jar /firebreak.jar

# ---- runtime -------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="firebreak" \
      org.opencontainers.image.description="Event-driven incident pipeline on Kafka" \
      org.opencontainers.image.licenses="Apache-2.0"

# curl only for the HEALTHCHECK below
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

# a fixed non-root uid/gid so Kubernetes' runAsUser/fsGroup (helm/firebreak) and volume ownership agree
RUN groupadd --system --gid 10001 firebreak \
 && useradd --system --uid 10001 --gid firebreak --home-dir /var/lib/firebreak --shell /usr/sbin/nologin firebreak \
 && mkdir -p /opt/firebreak /etc/firebreak /var/lib/firebreak/streams \
 && chown -R firebreak:firebreak /var/lib/firebreak

COPY --from=build /firebreak.jar /opt/firebreak/firebreak.jar
# example config, SLOs (/etc/firebreak/slos, the path examples/firebreak.yml names) and demo scenarios
COPY examples/ /etc/firebreak/

# Kafka Streams' RocksDB state (kafka.stateDir) lives here: mount a volume so a restart does not replay changelogs
VOLUME ["/var/lib/firebreak"]
WORKDIR /var/lib/firebreak
USER 10001:10001

# container-aware heap; an OutOfMemoryError ends the process so the orchestrator restarts it cleanly
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# 8080: ingest, API, /metrics, dashboard · 8081: admin (/healthcheck, /ping)
EXPOSE 8080 8081

# /healthcheck is red while Kafka or the Schema Registry is unreachable: "unhealthy", not a reason to kill
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=4 \
  CMD curl -fsS http://localhost:8081/healthcheck > /dev/null || exit 1

ENTRYPOINT ["java", "-jar", "/opt/firebreak/firebreak.jar"]
CMD ["server", "/etc/firebreak/firebreak.yml"]
