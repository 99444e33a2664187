#!/usr/bin/env bash
# Proves that the app builds on a machine with only the .NET SDK: a copy of the working tree is restored and built
# with Node.js, npm and friends absent from PATH, the build (after NuGet's restore) with no network at all where
# the kernel allows it (root).
# Then the same copy with one byte of the chart library changed must fail to build, naming the file.
#   scripts/check-build-without-node.sh
# NuGet packages come from the local package folder, so run it after one ordinary build (test.sh does).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[build-without-node] %s\n' "$*"; }
die() { printf '[build-without-node] FAILED: %s\n' "$*" >&2; exit 1; }

dotnet_path="$(command -v dotnet)" || die "dotnet not found"
dotnet_path="$(readlink -f "$dotnet_path")"
work="$(mktemp -d "${TMPDIR:-/tmp}/build-without-node.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The tree as git sees it (committed, changed and new files; nothing ignored: no bin, obj or node_modules).
mkdir -p "$work/repo"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [[ -e $f ]] && printf '%s\0' "$f"; done) \
  | (cd "$repo" && tar --null -T - -cf -) | tar -xf - -C "$work/repo"

# A PATH of every ordinary command but no JavaScript tooling. /bin is /usr/bin on Debian, so the
# directories cannot simply be left out: each command gets a link of its own.
mkdir -p "$work/bin"
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  [[ -d $dir ]] || continue
  for cmd in "$dir"/*; do
    name="${cmd##*/}"
    case "$name" in node | nodejs | npm | npx | corepack | yarn | yarnpkg | pnpm | pnpx | bun | deno) continue ;; esac
    [[ -e $work/bin/$name ]] || ln -s "$cmd" "$work/bin/$name"
  done
done
ln -sf "$dotnet_path" "$work/bin/dotnet"
export PATH="$work/bin" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$dotnet_path")}"
unset npm_config_prefix NODE_PATH
for tool in node npm npx; do
  ! command -v "$tool" >/dev/null 2>&1 || die "$tool is still on PATH"
done
log "PATH has dotnet and no node/npm"

offline=()
if unshare --net true 2>/dev/null; then
  offline=(unshare --net)
  log "building with no network (unshare --net)"
else
  log "unshare --net is not allowed here: building without node/npm on PATH, network present"
fi

cd "$work/repo"
# NuGet's restore is the SDK's own business (packages come from the local package folder; its vulnerability
# check may ask the feed): it runs first, without node/npm but with the network. The build itself runs offline.
if ! dotnet restore src/InvestTrack -nologo -v minimal >"$work/restore.log" 2>&1; then
  cat "$work/restore.log" >&2
  die "NuGet restore failed"
fi
if ! "${offline[@]}" dotnet build src/InvestTrack -c Release -nologo -v minimal --no-restore >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  die "the app does not build without node/npm"
fi
grep -q '"lib/echarts/echarts.min.js"' src/InvestTrack/bin/Release/net10.0/InvestTrack.staticwebassets.endpoints.json \
  || die "the build does not serve lib/echarts/echarts.min.js"
log "built; lib/echarts/echarts.min.js is among the static web assets"

# The build-time check: one changed byte must stop the build with a message that names the file.
printf '\n' >>src/InvestTrack/wwwroot/lib/echarts/echarts.min.js
if "${offline[@]}" dotnet build src/InvestTrack -c Release -nologo -v minimal --no-restore >"$work/tampered.log" 2>&1; then
  die "a changed echarts.min.js still builds"
fi
grep -q 'echarts.min.js was altered' "$work/tampered.log" || { cat "$work/tampered.log" >&2; die "the tampered build failed without naming the altered file"; }
log "a changed echarts.min.js stops the build: $(grep -o 'echarts.min.js was altered[^.]*' "$work/tampered.log" | head -n 1)"
log "OK"
