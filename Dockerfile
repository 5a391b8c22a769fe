# BizMaster's image: the jar the build makes (mvn -DskipTests package -> target/bizmaster.jar) and the folders it reads
# beside it (its home: artemis/, commands/, converters/, routes/, connectors/). Build from the project folder:
#   mvn -B -DskipTests package && docker build -t bizmaster .
# docker-compose.yml runs two of these against the Artemis pair, PostgreSQL, MariaDB and Redis.
FROM eclipse-temurin:17-jre

# curl for the health check only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 bizmaster \
    && useradd --system --uid 10001 --gid bizmaster --home-dir /app --no-create-home --shell /usr/sbin/nologin bizmaster

WORKDIR /app
COPY target/bizmaster.jar /app/bizmaster.jar
COPY artemis/ /app/artemis/
COPY commands/ /app/commands/
COPY converters/ /app/converters/
COPY routes/ /app/routes/
COPY domains/ /app/domains/
COPY examples/bff/ /app/examples/bff/
COPY connectors/ /app/connectors/
# data/: the H2 files, the embedded journal and the generated credentials when those are used; owned by the user that
# runs BizMaster, and a volume so that a new container keeps them.
RUN mkdir -p /app/data && chown bizmaster:bizmaster /app/data

USER bizmaster
# The home (relative paths resolve from it), and the HTTP port on every interface of the container (the default,
# 127.0.0.1, is for a developer's machine).
ENV BIZMASTER_HOME=/app \
    SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080
VOLUME /app/data
EXPOSE 8080

# Liveness: the process works (answers anonymously, SecurityConfiguration); a database or broker that is away makes it
# unready (/actuator/health/readiness), not a candidate for a restart.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/bizmaster.jar", "run"]
