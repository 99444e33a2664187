#!/usr/bin/env bash
# Replaces the committed chart library with another version from npm, verified:
#   scripts/update-echarts.sh 6.1.0
# The app serves src/InvestTrack/wwwroot/lib/echarts/echarts.min.js as committed, so building and running need
# neither Node.js nor a network. This script is the only thing that changes that file, and only when someone
# chooses to run it (it needs npm, node and the npm registry). It writes, beside the library:
#   LICENSE, NOTICE      ECharts' own (Apache-2.0), from the same tarball
#   LICENSE-zrender      zrender's BSD-3-Clause licence: echarts.min.js bundles zrender, its renderer
#   echarts.min.js.sha256  `sha256sum -c` format; the build (InvestTrack.csproj) and a unit test check it
#   SOURCE               the version and the npm integrity of the tarballs the files came from
# Each tarball's sha512 is checked against the integrity the registry publishes before anything is replaced.
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]]; then
  echo "usage: $0 VERSION   (an exact version such as 6.1.0)" >&2
  exit 2
fi
version="$1"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo/src/InvestTrack/wwwroot/lib/echarts"
for tool in npm node tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "[update-echarts] $tool is needed to update ECharts" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/update-echarts.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log() { printf '[update-echarts] %s\n' "$*"; }

# fetch NAME VERSION: downloads the tarball into $work/NAME, checks it, unpacks it; prints the integrity.
fetch() {
  local name="$1" ver="$2" dir="$work/$1" published tarball file actual
  mkdir -p "$dir"
  published="$(npm view "$name@$ver" dist.integrity)"
  tarball="$(npm view "$name@$ver" dist.tarball)"
  [[ $published == sha512-* ]] || { echo "[update-echarts] $name@$ver: no sha512 integrity published (got '$published')" >&2; exit 1; }
  log "$name@$ver: $tarball" >&2
  (cd "$dir" && npm pack "$name@$ver" --ignore-scripts --silent >/dev/null)
  file="$(find "$dir" -maxdepth 1 -name '*.tgz' -print -quit)"
  [[ -n $file ]] || { echo "[update-echarts] npm pack gave no tarball for $name@$ver" >&2; exit 1; }
  # Our own check of the bytes we are about to commit, independent of npm's cache.
  actual="sha512-$(node -e 'process.stdout.write(require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$file")"
  if [[ $actual != "$published" ]]; then
    echo "[update-echarts] $name@$ver: tarball integrity $actual does not match the published $published" >&2
    exit 1
  fi
  tar -xzf "$file" -C "$dir"
  local packed
  packed="$(node -e 'process.stdout.write(require(process.argv[1]).version)' "$dir/package/package.json")"
  [[ $packed == "$ver" ]] || { echo "[update-echarts] $name tarball holds version $packed, not $ver" >&2; exit 1; }
  printf '%s' "$published"
}

echarts_integrity="$(fetch echarts "$version")"
src="$work/echarts/package"
for f in dist/echarts.min.js LICENSE NOTICE; do
  [[ -s $src/$f ]] || { echo "[update-echarts] echarts@$version has no $f" >&2; exit 1; }
done
zrender_version="$(node -e 'process.stdout.write(require(process.argv[1]).dependencies.zrender)' "$src/package.json")"
[[ $zrender_version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "[update-echarts] echarts@$version pins zrender loosely ($zrender_version)" >&2; exit 1; }
zrender_integrity="$(fetch zrender "$zrender_version")"
[[ -s $work/zrender/package/LICENSE ]] || { echo "[update-echarts] zrender@$zrender_version has no LICENSE" >&2; exit 1; }

old_version="$(sed -n 's/^version: //p' "$dest/SOURCE" 2>/dev/null || true)"
old_sha="$(cut -d' ' -f1 "$dest/echarts.min.js.sha256" 2>/dev/null || true)"
new_sha="$(sha256sum "$src/dist/echarts.min.js" | cut -d' ' -f1)"

staged="$work/staged"
mkdir -p "$staged"
cp "$src/dist/echarts.min.js" "$src/LICENSE" "$src/NOTICE" "$staged/"
cp "$work/zrender/package/LICENSE" "$staged/LICENSE-zrender"
printf '%s  echarts.min.js\n' "$new_sha" >"$staged/echarts.min.js.sha256"
cat >"$staged/SOURCE" <<EOF
package: echarts
version: $version
integrity: $echarts_integrity
files: package/dist/echarts.min.js, package/LICENSE, package/NOTICE
bundled: zrender $zrender_version ($zrender_integrity), licence in LICENSE-zrender
written by: scripts/update-echarts.sh $version
EOF

mkdir -p "$dest"
changed=0
for f in echarts.min.js LICENSE NOTICE LICENSE-zrender echarts.min.js.sha256 SOURCE; do
  if [[ ! -f $dest/$f ]]; then log "added    $f"; changed=1
  elif ! cmp -s "$staged/$f" "$dest/$f"; then log "changed  $f"; changed=1
  else log "same     $f"; fi
  cp "$staged/$f" "$dest/$f"
done
log "version  ${old_version:-none} -> $version"
log "sha256   ${old_sha:-none} -> $new_sha"
if [[ $changed -eq 0 ]]; then
  log "nothing changed"
else
  log "now build and run the tests (the dashboard's browser tests draw charts), then commit $dest"
fi
