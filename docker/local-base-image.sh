#!/usr/bin/env bash
# Builds local stand-ins for the public base images when no container registry is reachable:
# a minimal Debian root file system (debootstrap, from the Debian mirror apt already uses) with a
# Java runtime under /opt/java/openjdk, the same place the eclipse-temurin images use, imported
# with `podman import`. Prints the two image names:
#
#   localhost/netsec-base/jdk:<tag>   a full JDK (the Dockerfiles' build stage: ./mvnw)
#   localhost/netsec-base/jre:<tag>   a jlink runtime (the Dockerfiles' runtime stage)
#
# The JDK is copied from this machine (JAVA_HOME, a JDK >= 21, selected by scripts/java-env.sh):
# Debian 12 packages only OpenJDK 17, and the project needs 21 or newer.
# Needs root, podman and debootstrap. The root file system is cached in
# ${XDG_CACHE_HOME:-~/.cache}/netsec/debian-rootfs-<suite>; images are rebuilt only when missing.
#
#   docker/local-base-image.sh            # prints JDK_IMAGE=... and JRE_IMAGE=...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/java-env.sh
. "$root/scripts/java-env.sh"
netsec_select_jdk

suite="${NETSEC_DEBIAN_SUITE:-bookworm}"
mirror="${NETSEC_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/netsec"
rootfs="$cache/debian-rootfs-$suite"
java_major="$(netsec_java_major "$JAVA_HOME/bin/java")"
tag="$suite-java$java_major"
jdk_image="localhost/netsec-base/jdk:$tag"
jre_image="localhost/netsec-base/jre:$tag"
log() { echo "local-base-image: $*" >&2; }

have_image() { podman image exists "$1"; }

# Debian's packaging of a JDK links lib/security/cacerts to /etc/ssl/certs/java/cacerts, which the
# image does not have (no ca-certificates-java): put the trust store itself there.
real_cacerts() {
  local store="$1/lib/security/cacerts"
  if [ -L "$store" ] || [ ! -s "$store" ]; then
    rm -f "$store"
    cp -L "$JAVA_HOME/lib/security/cacerts" "$store"
  fi
}

if ! have_image "$jdk_image" || ! have_image "$jre_image"; then
  command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install -y debootstrap)"; exit 1; }
  if [ ! -f "$rootfs/.netsec-complete" ]; then
    log "debootstrap $suite (minbase) into $rootfs (first run only, a minute or two)"
    rm -rf "$rootfs"
    mkdir -p "$rootfs"
    # ca-certificates: Maven Central over HTTPS in the build stage; libgomp1: XGBoost4J's native
    # library (training); fontconfig/libfreetype6: JFreeChart's run pictures.
    debootstrap --variant=minbase --include=ca-certificates,libgomp1,fontconfig,libfreetype6 \
      "$suite" "$rootfs" "$mirror" >"$cache/debootstrap-$suite.log" 2>&1 \
      || { log "debootstrap failed; see $cache/debootstrap-$suite.log"; tail -n 20 "$cache/debootstrap-$suite.log" >&2; exit 1; }
    chroot "$rootfs" apt-get clean
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
    touch "$rootfs/.netsec-complete"
  fi
  work="$(mktemp -d "${TMPDIR:-/tmp}/netsec-base.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  changes=(--change "ENV JAVA_HOME=/opt/java/openjdk"
           --change "ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
           --change "ENV LANG=C.UTF-8"
           --change "CMD [\"/bin/bash\"]")
  if ! have_image "$jdk_image"; then
    log "importing $jdk_image (Debian $suite + the JDK at $JAVA_HOME)"
    mkdir -p "$work/jdk/opt/java"
    cp -a "$JAVA_HOME" "$work/jdk/opt/java/openjdk"
    real_cacerts "$work/jdk/opt/java/openjdk"
    # One stream: the cached root file system, then the JDK (GNU tar concatenates with -C).
    tar --exclude=./.netsec-complete -C "$rootfs" -cf - . -C "$work/jdk" ./opt/java \
      | podman import --quiet "${changes[@]}" - "$jdk_image" >/dev/null
  fi
  if ! have_image "$jre_image"; then
    log "importing $jre_image (Debian $suite + a jlink runtime from $JAVA_HOME)"
    mkdir -p "$work/jre/opt/java"
    # Every module of the JDK but the linker tools (a JDK without jmods, JEP 493, cannot link
    # jdk.jlink itself; the app's jars are not modular, so jdeps cannot narrow the list down
    # reliably); without debug symbols, man pages and headers.
    modules="$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -vx 'jdk.jlink\|jdk.jpackage\|jdk.incubator.vector' | paste -sd, -)"
    "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages \
      --no-header-files --output "$work/jre/opt/java/openjdk"
    real_cacerts "$work/jre/opt/java/openjdk"
    tar --exclude=./.netsec-complete -C "$rootfs" -cf - . -C "$work/jre" ./opt/java \
      | podman import --quiet "${changes[@]}" - "$jre_image" >/dev/null
  fi
fi
echo "JDK_IMAGE=$jdk_image"
echo "JRE_IMAGE=$jre_image"
