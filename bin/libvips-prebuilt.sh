#!/usr/bin/env bash
# Fetches the prebuilt libvips that sharp (and so Next.js's image optimizer) runs on, and prints its path:
#   FRONTDOOR_IMAGE_LIBVIPS=$(bin/libvips-prebuilt.sh) bin/up
# It is the npm package @img/sharp-libvips-linux-x64 (LGPL-3.0, built by sharp's maintainers): libvips 8.18 with
# libwebp 1.6, mozjpeg, highway, aom, librsvg and GLib in one self-contained library, where Debian 12 has libvips
# 8.14 with libwebp 1.2. Pinned to one version and checked against its published sha512 before use; kept in
# .frontdoor/libvips/. x86_64 Linux (glibc) only. image-service uses the system's libvips unless told otherwise.
set -euo pipefail
version=1.3.4
file=libvips-cpp.so.8.18.7
integrity=sha512-GJ//SSXbnwSDes02umB3nDJLFcQzw8a18V8fyhqr6tV515tOEMdImjjxj1AoafMRz56F3PHgftnj1QEKSU1zkw==
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.frontdoor/libvips/sharp-libvips-linux-x64-$version"

[ "$(uname -m)" = x86_64 ] || { echo "bin/libvips-prebuilt.sh: only x86_64 is pinned here, not $(uname -m)" >&2; exit 1; }
if [ ! -f "$dir/$file" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  curl -fsSL --retry 3 -o "$tmp/package.tgz" \
    "https://registry.npmjs.org/@img/sharp-libvips-linux-x64/-/sharp-libvips-linux-x64-$version.tgz"
  expected=$(printf %s "${integrity#sha512-}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
  actual=$(sha512sum "$tmp/package.tgz" | cut -d' ' -f1)
  [ "$expected" = "$actual" ] || { echo "bin/libvips-prebuilt.sh: the download does not match $integrity" >&2; exit 1; }
  tar -xzf "$tmp/package.tgz" -C "$tmp" "package/lib/$file" package/versions.json package/README.md
  mkdir -p "$dir"
  cp "$tmp/package/versions.json" "$tmp/package/README.md" "$dir/"
  cp "$tmp/package/lib/$file" "$dir/$file.partial" && mv "$dir/$file.partial" "$dir/$file"
fi
echo "$dir/$file"
