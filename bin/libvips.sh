# Sourced by .ci/run and bin/up: image-service calls libvips (Debian libvips42) in-process, so the shared library
# must be present. Installs it with apt-get when running as root; otherwise says what to install.
if ! ldconfig -p 2>/dev/null | grep -q 'libvips.so.42 '; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing libvips42 (needed by image-service)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libvips42 >/dev/null
  else
    echo "image-service needs libvips 8.14+: sudo apt-get install libvips42" >&2
    exit 1
  fi
fi
