# Sourced by bin/up and bin/test: makes sure the Debian packages Frontdoor needs are present, in one apt-get run.
#   frontdoor_require "<what for>" <need>…   needs: libvips fonts nginx openssl kubectl docker-compose chromium node curl
# As root it installs whatever is missing; otherwise it prints the one `sudo apt-get install` line with every
# missing package and stops, before anything is built.
#   libvips, fonts     image-service calls libvips in-process and draws Open Graph cards with DejaVu
#   nginx, openssl     the TLS ingress of the production-like topology (bin/up --prod-like, the *FaultIT tests)
#                      and its self-signed certificate
#   kubectl,
#   docker-compose     the deployment checks render the Kubernetes overlays and validate the compose files
#                      (no cluster, no Docker engine)
#   chromium           the browser journeys drive Debian's chromium through chromium-driver (headless)
#   curl               bin/libvips-prebuilt.sh downloads sharp's prebuilt libvips (image-service's tests run on it too)
#   node               Node.js 20+ and npm build a copy of the Next.js reference app for the image-loader test
#                      (NextjsImageLoaderIT); Debian 12's nodejs is 18, too old for Next.js 16, so it is not installed
#                      here: the machine must have it (these machines do: /usr/bin/node 20)
frontdoor_require() {
  local purpose=$1; shift
  local missing="" need
  for need in "$@"; do
    case $need in
      libvips) ldconfig -p 2>/dev/null | grep -q 'libvips.so.42 ' || missing="$missing libvips42" ;;
      fonts) [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || missing="$missing fonts-dejavu-core" ;;
      nginx) [ -x /usr/sbin/nginx ] || missing="$missing nginx" ;;
      openssl) command -v openssl >/dev/null || missing="$missing openssl" ;;
      kubectl) command -v kubectl >/dev/null || missing="$missing $(frontdoor_kubectl_package)" ;;
      docker-compose) command -v docker-compose >/dev/null || missing="$missing docker-compose" ;;
      chromium) { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || missing="$missing chromium chromium-driver" ;;
      curl) command -v curl >/dev/null || missing="$missing curl" ;;
      node) frontdoor_node_20 || { echo "Frontdoor needs Node.js 20 or later with npm for $purpose (Next.js 16)." >&2; exit 1; } ;;
      *) echo "bin/prerequisites.sh: unknown need '$need'" >&2; return 2 ;;
    esac
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing$missing (for $purpose)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Frontdoor needs these Debian packages for $purpose; install them and run again:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
  fi
}

# Debian 12 ships kubectl as kubernetes-client; a machine with Kubernetes' own package repository has `kubectl`.
frontdoor_kubectl_package() {
  if apt-cache show kubectl >/dev/null 2>&1; then echo kubectl; else echo kubernetes-client; fi
}

# Node.js 20 or later, and npm, on the PATH.
frontdoor_node_20() {
  command -v npm >/dev/null && command -v node >/dev/null \
    && node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'
}
