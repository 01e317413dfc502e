#!/usr/bin/env bash
# Installs the few system packages the tests need beyond Node and npm:
#   chromium          real-browser tests (popup, demo, Storybook) driven by playwright-core
#   python3-oauthlib  an independent OAuth 1.0a verifier for the signing tests
# Both come from Debian's archive. Needs root (or passwordless sudo); otherwise says what to run.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c "import oauthlib" 2>/dev/null || missing+=(python3-oauthlib)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}"
# apt may be busy (unattended upgrades, another install); wait for the lock rather than fail.
for attempt in 1 2 3 4 5 6; do
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; then
    exit 0
  fi
  echo "apt-get failed (attempt $attempt); retrying in 10 s" >&2
  sleep 10
done
exit 1
