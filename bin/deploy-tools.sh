# Sourced by .ci/run: the deployment checks (e2e's DeploymentFilesTest) render the Kubernetes overlays with
# kubectl and validate the compose files with docker-compose; neither needs a cluster or a Docker engine.
missing=""
command -v docker-compose >/dev/null || missing="$missing docker-compose"
command -v kubectl >/dev/null || missing="$missing kubectl"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing$missing (needed by the deployment checks)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    [[ $missing == *docker-compose* ]] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
    if [[ $missing == *kubectl* ]]; then
      # Debian 12 ships kubectl in kubernetes-client; a machine with a kubectl package repository has `kubectl`.
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubectl >/dev/null 2>&1 \
        || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
    fi
  else
    echo "The deployment checks need:$missing (sudo apt-get install docker-compose kubernetes-client)" >&2
    exit 1
  fi
fi
