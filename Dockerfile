# syntax=docker/dockerfile:1.7
#
# One image per service, all from the same build stage:
#   docker build --build-arg MODULE=command-side      -t tandem/command-side .
#   docker build --build-arg MODULE=query-side        -t tandem/query-side .
#   docker build --build-arg MODULE=saga-orchestrator -t tandem/saga-orchestrator .
# The build stage does not depend on MODULE, so BuildKit builds it once and
# reuses it for all three images.

FROM eclipse-temurin:17.0.20_8-jdk-noble AS build
WORKDIR /workspace

# .dockerignore keeps target/, .git and the ops files out of the context.
COPY . .

# ~/.m2 is a cache mount: the Maven distribution fetched by the wrapper and
# the dependencies survive between builds without ending up in a layer.
# "locked": parallel builds (compose builds the three images at once) take
# turns instead of writing to the same local repository together.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    sh ./mvnw -B -ntp -DskipTests package \
 && mkdir -p /out \
 && for m in command-side query-side saga-orchestrator; do \
      cp "$m"/target/"$m"-*-exec.jar "/out/$m.jar"; \
    done


FROM eclipse-temurin:17.0.20_8-jre-noble AS runtime

# curl is what the compose healthchecks call. The Temurin image ships it
# today, but only "for historical reasons", so install it explicitly.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 tandem \
 && useradd --system --uid 10001 --gid tandem --home-dir /app --no-create-home \
            --shell /usr/sbin/nologin tandem

# Declared after the steps above so their cache is shared by all modules.
ARG MODULE
RUN case "$MODULE" in \
      command-side|query-side|saga-orchestrator) ;; \
      *) echo "build arg MODULE must be command-side, query-side or saga-orchestrator (got '$MODULE')" >&2; exit 1 ;; \
    esac

LABEL org.opencontainers.image.title="tandem-${MODULE}" \
      org.opencontainers.image.description="Tandem ${MODULE}"

WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /out/${MODULE}.jar /app/app.jar

# Heap is sized from the container memory limit; on OOM the JVM exits so the
# container restarts instead of limping on. Override JAVA_OPTS to tune.
# The "services" profile (platform/src/main/resources/application-services.yml)
# makes the three sides share the command side's personal-data key table and
# keep files in S3.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC" \
    SPRING_PROFILES_ACTIVE=services

USER 10001:10001

# exec: java becomes PID 1 and receives SIGTERM for Spring's graceful shutdown.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "--"]
