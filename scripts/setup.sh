#!/usr/bin/env bash
# Installs the system libraries the build links against, only when missing.
# Quiet and fast (one dpkg-query) when everything is present; runs `apt-get update`
# only when something has to be installed; uses sudo only when not root.
set -euo pipefail

packages=(libedit-dev libsqlite3-dev libopenblas-dev)
missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
