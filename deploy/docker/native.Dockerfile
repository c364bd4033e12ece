# A service as a native executable (Mandrel builder → Debian slim runtime), for any of the four services:
#   docker build -f deploy/docker/native.Dockerfile --build-arg SERVICE=edge-gateway --build-arg PORT=8080 \
#     --build-arg HEALTH_PORT=9000 -t frontdoor/edge-gateway:native .
# image-service also needs --build-arg APT_PACKAGES="libvips42 fonts-dejavu-core": libvips is loaded at run time
# through FFM (its downcalls are registered at build time by VipsNativeFeature).
FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS build
ARG SERVICE
USER root
WORKDIR /build
COPY . .
RUN chown -R quarkus /build
USER quarkus
RUN ./mvnw -B -q package -Dnative -DskipTests -pl ${SERVICE} -am && cp ${SERVICE}/target/*-runner /build/application

FROM debian:12.8-slim
ARG PORT=8080
ARG HEALTH_PORT=${PORT}
ARG APT_PACKAGES=""
RUN if [ -n "$APT_PACKAGES" ]; then apt-get update && apt-get install -y --no-install-recommends $APT_PACKAGES \
      && rm -rf /var/lib/apt/lists/*; fi \
    && useradd --system --uid 10001 --no-create-home frontdoor
WORKDIR /app
COPY --from=build --chown=10001:10001 /build/application /app/application
USER 10001
ENV HEALTH_PORT=${HEALTH_PORT}
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$HEALTH_PORT && printf 'GET /q/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/application", "-Dquarkus.http.host=0.0.0.0"]
