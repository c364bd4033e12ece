# A service on the JVM (Temurin 25), for any of the four services:
#   docker build -f deploy/docker/jvm.Dockerfile --build-arg SERVICE=content-service --build-arg PORT=8082 \
#     -t frontdoor/content-service:jvm .
# image-service also needs --build-arg APT_PACKAGES="libvips42t64 fonts-dejavu-core" (libvips is called in-process).
FROM eclipse-temurin:25-jdk-noble AS build
ARG SERVICE
WORKDIR /build
COPY . .
RUN ./mvnw -B -q package -DskipTests -pl ${SERVICE} -am

FROM eclipse-temurin:25-jre-noble
ARG SERVICE
ARG PORT=8080
ARG HEALTH_PORT=${PORT}
ARG APT_PACKAGES=""
RUN if [ -n "$APT_PACKAGES" ]; then apt-get update && apt-get install -y --no-install-recommends $APT_PACKAGES \
      && rm -rf /var/lib/apt/lists/*; fi \
    && useradd --system --uid 10001 --no-create-home frontdoor \
    && mkdir /app && chown 10001:10001 /app
WORKDIR /app
COPY --from=build --chown=10001:10001 /build/${SERVICE}/target/quarkus-app/ /app/
# The service's own JVM options (heap and young generation sized to its measured live set, serial GC, compact object
# headers), the same file bin/up and the tests use; Kubernetes' memory limits are sized from the same measurements.
COPY --from=build --chown=10001:10001 /build/${SERVICE}/src/main/jvm/jvm.options /app/jvm.options
COPY --chown=10001:10001 deploy/docker/train-aot.sh /app/train-aot.sh
USER 10001
# The JDK's AOT cache (app.aot), recorded here with the runtime's own JDK, user and paths (a cache only works with
# those); it is trained on the service's start-up, as no datastores run during a build.
RUN cd /app && sh train-aot.sh && rm train-aot.sh
ENV HEALTH_PORT=${HEALTH_PORT} \
    JAVA_OPTS=""
EXPOSE ${PORT}
# No curl in the image: bash asks the readiness endpoint over /dev/tcp.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$HEALTH_PORT && printf 'GET /q/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
STOPSIGNAL SIGTERM
# JAVA_OPTS adds to (and may override) jvm.options.
ENTRYPOINT ["sh", "-c", "cd /app && exec java @jvm.options -XX:AOTCache=app.aot $JAVA_OPTS -jar quarkus-run.jar"]
