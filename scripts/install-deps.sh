#!/usr/bin/env bash
# Installs every Debian package vcc needs on a fresh machine. Idempotent and
# quiet: prints nothing when everything is already there, the apt log on failure.
set -euo pipefail

packages=(
  cmake ninja-build git python3
  clang-19 lld-19 llvm-19-dev libclang-19-dev libc++-19-dev libc++abi-19-dev
  libclang-rt-19-dev
  libcli11-dev libgtest-dev libbenchmark-dev nlohmann-json3-dev libssl-dev
  picolibc-riscv64-unknown-elf gcc-riscv64-unknown-elf
  qemu-user
)

# npm packages of the JavaScript peer tests, each folder from its lock file.
npm_dirs=(tests/js tests/driver/contract/js tests/stdlib/abi/js tests/contracts/js samples/explorer/js)
install_npm() {
  local root dir log
  root="$(cd "$(dirname "$0")/.." && pwd)"
  for dir in "${npm_dirs[@]}"; do
    [ -d "$root/$dir" ] || continue
    [ -f "$root/$dir/node_modules/.package-lock.json" ] && continue
    command -v npm >/dev/null || { echo "install-deps: npm not found" >&2; return 1; }
    log=$(mktemp)
    if ! (cd "$root/$dir" && npm ci --prefer-offline --no-audit --no-fund --silent) >"$log" 2>&1; then
      echo "install-deps: npm ci failed in $dir" >&2
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
    rm -f "$log"
  done
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  install_npm
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
log=$(mktemp)
export DEBIAN_FRONTEND=noninteractive
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  echo "install-deps: apt-get failed for: ${missing[*]}" >&2
  cat "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
install_npm
