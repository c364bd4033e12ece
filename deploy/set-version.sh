#!/usr/bin/env bash
# The project's version lives in pom.xml only. This writes it into the image tags of the compose files and the
# Kubernetes kustomizations (run it after changing the version; DeploymentFilesTest fails until they agree).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n '/<artifactId>frontdoor-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)
[ -n "$version" ] || { echo "no version found in pom.xml" >&2; exit 1; }
sed -i -E "s/(frontdoor\/[a-z-]+:\\\$\{FRONTDOOR_VERSION:-)[^}]+\}/\1$version}/" deploy/docker-compose.yml deploy/docker-compose.jvm.yml
sed -i -E "s/(name: frontdoor\/[a-z-]+, newTag: )[^}]+\}/\1$version}/" k8s/base/kustomization.yaml
sed -i -E "s/(name: frontdoor\/[a-z-]+, newTag: )[^}]+\}/\1$version-jvm}/" k8s/components/jvm/kustomization.yaml
echo "image tags set to $version"
