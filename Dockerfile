# hixai2api container image: builds the jar with the project's own Maven wrapper, runs it on a JRE.
#
#   docker build -t hixai2api .
#   docker run -d -p 7011:7011 -v hixai2api-data:/app/data hixai2api
#
# Every setting of the README's table can be passed with -e (PORT, BACKEND_SECRET, MYSQL_DSN, ...).
# docker-compose.yml beside this file does the same with a named volume and an optional MySQL.

# ---------------------------------------------------------------------------------------------------------
# Build stage: a full JDK (the wrapper needs javac only if it has to download Maven without curl/wget).
# Tagged by major version, never :latest (DL3006/DL3007); the project compiles with --release 17.
FROM eclipse-temurin:25-jdk AS build

# Absolute WORKDIR (DL3000).
WORKDIR /build

# The wrapper and the POM first: the dependency layer below is rebuilt only when they change, not on every
# source edit. COPY, never ADD (DL3020). mvnw is committed with its executable bit, which COPY keeps.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/

# Fetches Maven itself and the project's dependencies and plugins into /root/.m2 (this layer is the cache).
# go-offline does not resolve everything `package` needs (a few POMs and plugin dependencies): the package
# step below fetches those, so the build still needs Maven Central.
RUN ./mvnw -B -q dependency:go-offline

COPY src/ src/

# The same wrapper command as CI and the README, without the tests (CI runs them: .ci/run is ./mvnw -B verify).
RUN ./mvnw -B -q -DskipTests package

# ---------------------------------------------------------------------------------------------------------
# Runtime stage: the JRE alone, no compiler, no Maven, no sources.
FROM eclipse-temurin:25-jre

# One layer for the system changes (DL3059):
# - curl, for the HEALTHCHECK only: the Temurin 25 images no longer ship curl or wget.
#   --no-install-recommends and the apt lists removed in the same layer (DL3015, DL3009). Not pinned (DL3008
#   ignored): the version is whatever the base image's Ubuntu release serves, which moves with its security
#   updates; a pin would break the build at each of them.
# - a fixed, non-root system user (uid/gid 10001, clear of the image's own users), no login shell, no home of
#   its own; --no-log-init keeps a high uid from bloating /var/log/faillog (DL3046).
# - /app/data owned by that user, so a new named volume mounted on it starts with that owner.
#   (A bind mount keeps the host folder's owner: make it writable by uid 10001.)
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 hixai2api \
    && useradd --system --no-log-init --uid 10001 --gid hixai2api --no-create-home --home-dir /app \
       --shell /usr/sbin/nologin hixai2api \
    && mkdir -p /app/data \
    && chown hixai2api:hixai2api /app/data

# Absolute WORKDIR (DL3000), the folder the routes are read from.
WORKDIR /app

# The jar and the YAML routes stay owned by root: the service reads them and cannot change them.
# The routes are loaded from ./routes relative to the working directory (ROUTES_DIR says so explicitly here);
# mount another folder over /app/routes, or point ROUTES_DIR elsewhere, to change them without a rebuild.
# The model table is packaged in the jar; a models.yaml mounted at /app/models.yaml (beside the routes folder) or
# named by MODELS_FILE adds, replaces or removes models (README, "Models").
# Spring Boot's extracted layout (the application jar beside lib/) is what the AOT cache below can map.
COPY --from=build /build/target/hixai2api.jar /tmp/hixai2api.jar
COPY routes/ /app/routes/

# DATA_DIR holds the embedded H2 database and the generated backend secret (DATA_DIR/backend-secret).
# MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED turns on Spring Boot's /actuator/health/liveness group, which
# Spring enables by itself only on Kubernetes. application.yml sets it too; it is repeated here because the
# HEALTHCHECK below depends on it.
ENV DATA_DIR=/app/data \
    PORT=7011 \
    ROUTES_DIR=/app/routes \
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true

# The production JVM options (src/main/docker/jvm.options: serial GC, heap share, C1 only, exit on
# OutOfMemoryError), read by the ENTRYPOINT as an argument file.
COPY src/main/docker/jvm.options /app/jvm.options

# JDK 25 ahead-of-time cache (JEP 483/514/515): aot-training.sh starts the gateway for real with the same
# options, sends a few requests to each kind of route and stops it; the cache then holds the classes loaded
# and linked and the method profiles of Spring's, Tomcat's and Camel's start, which every real start skips
# (docs/startup.md). Same java, jar path and options as the ENTRYPOINT, or the JVM ignores the cache. The
# training uses a throw-away data folder and a closed local port as HixAI; the cache is read-only for the
# service user.
COPY src/main/docker/aot-training.sh /tmp/aot-training.sh
RUN java -Djarmode=tools -jar /tmp/hixai2api.jar extract --destination /app/application \
    && rm /tmp/hixai2api.jar \
    && /tmp/aot-training.sh /app/hixai2api.aot /app/application/hixai2api.jar @/app/jvm.options \
    && rm /tmp/aot-training.sh

# The database lives outside the container's writable layer.
VOLUME ["/app/data"]

EXPOSE 7011

# The last USER is not root (DL3002).
USER hixai2api

# The Actuator's liveness, on the port the gateway really listens on (${PORT}, hence the shell form).
# Not readiness: it includes the cookie pool, so a fresh gateway with no usable cookie is OUT_OF_SERVICE.
# Start-up takes about 3 s on two cores with the AOT cache (more on a busy host), hence a generous start period.
# `|| exit 1`: Docker reads exit code 1 as unhealthy; curl's own codes (7, 22, 28...) are folded into it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null --max-time 4 "http://127.0.0.1:${PORT}/actuator/health/liveness" || exit 1

# Exec form (DL3025): java is PID 1 and gets SIGTERM itself, so Spring's graceful shutdown runs.
# It replaces the base image's CA-certificate entrypoint (USE_SYSTEM_CA_CERTS), which this image does not use.
# The options (serial GC, heap share of the container's memory limit, exit on OutOfMemoryError, C1) are in
# jvm.options.
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:AOTCache=/app/hixai2api.aot", "-jar", "/app/application/hixai2api.jar"]
