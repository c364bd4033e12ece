# Sourced by .ci/run and bin/up: image-service calls libvips (Debian libvips42) in-process, so the shared library
# must be present, and draws Open Graph cards with the DejaVu fonts. Installs both with apt-get when running as
# root; otherwise says what to install.
missing=""
ldconfig -p 2>/dev/null | grep -q 'libvips.so.42 ' || missing="$missing libvips42"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || missing="$missing fonts-dejavu-core"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing$missing (needed by image-service)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "image-service needs libvips 8.14+ and the DejaVu fonts: sudo apt-get install$missing" >&2
    exit 1
  fi
fi
