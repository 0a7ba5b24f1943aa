#!/usr/bin/env bash
# How BENCHMARKS.md times the README's two commands on a bare machine (issue 24): a fresh
# Debian 12 root made with debootstrap from this machine's configured mirror, with only what a
# bare machine of this kind has (this machine's Node and npm, git, python3, ca-certificates and
# its CA files, its npm and apt settings), then a clone of this checkout's HEAD, then the two
# commands as root, timed. Needs root, debootstrap and the network this machine has.
#
#   sudo scripts/fresh-root-check.sh [ROOT_DIR]      # default /var/tmp/port-atlas-fresh-root
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
R=${1:-/var/tmp/port-atlas-fresh-root}
MIRROR=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
[ -n "$MIRROR" ] || MIRROR=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)

cleanup() { for m in dev/shm dev/pts dev sys proc; do umount -l "$R/$m" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
# Never delete through a mount that is still there (it would reach the host's /dev or /proc).
if grep -q " $R/" /proc/mounts; then echo "fresh-root: something is still mounted under $R; unmount it first" >&2; exit 1; fi
rm -rf "$R"
start=$(date +%s)
debootstrap bookworm "$R" "$MIRROR" >/dev/null
echo "fresh-root: debootstrap $(( $(date +%s) - start )) s"

# This machine's apt and npm settings, CA files and DNS; its Node 20 and npm.
rm -f "$R/etc/apt/sources.list"
cp /etc/apt/sources.list.d/*.sources "$R/etc/apt/sources.list.d/" 2>/dev/null || cp /etc/apt/sources.list "$R/etc/apt/"
for f in /etc/apt/apt.conf.d/99*; do [ -e "$f" ] && cp "$f" "$R/etc/apt/apt.conf.d/"; done
cp /etc/resolv.conf "$R/etc/resolv.conf"
mkdir -p "$R/usr/local/share/ca-certificates" && cp /usr/local/share/ca-certificates/*.crt "$R/usr/local/share/ca-certificates/" 2>/dev/null || true
for f in /etc/npmrc /root/.npmrc /usr/etc/npmrc; do [ -e "$f" ] && mkdir -p "$R$(dirname "$f")" && cp "$f" "$R$f"; done
NODE=$(command -v node); NPM_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
cp "$NODE" "$R/usr/bin/node"
mkdir -p "$R/usr/lib/node_modules" && cp -a "$NPM_DIR" "$R/usr/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/bin/npx"

mount --bind /proc "$R/proc"; mount --bind /sys "$R/sys"; mount --bind /dev "$R/dev"
mount --bind /dev/pts "$R/dev/pts"; mount -t tmpfs tmpfs "$R/dev/shm"
in_root() { chroot "$R" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
# What a bare machine of this kind has besides Node and npm.
in_root bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git python3 ca-certificates >/dev/null && update-ca-certificates >/dev/null'
git clone -q "$REPO" "$R/root/port-atlas"
git -C "$R/root/port-atlas" checkout -q "$(git -C "$REPO" rev-parse HEAD)"
echo "fresh-root: node $(in_root node -v), npm $(in_root npm -v), $(git -C "$REPO" log --oneline -1)"

t0=$(date +%s)
in_root bash -c 'cd /root/port-atlas && npm install && npm run build'
t1=$(date +%s)
echo "fresh-root: npm install && npm run build: $(( t1 - t0 )) s"
status=0
in_root bash -c 'cd /root/port-atlas && npm test' || status=$?
t2=$(date +%s)
echo "fresh-root: npm test: exit $status, $(( t2 - t1 )) s"
exit $status
