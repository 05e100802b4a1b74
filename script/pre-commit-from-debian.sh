#!/usr/bin/env bash
# Prints the path of a pre-commit command that meets .pre-commit-hooks.yaml's minimum_pre_commit_version, for
# __tests__/hooks/pre-commit-framework.test.ts (OKD_PRE_COMMIT). Without pip: Debian 12 ships pre-commit 3.0.4,
# older than the 3.2.0 the hook's `stages: [pre-commit]` needs, so this takes the pure-Python pre-commit package
# of Debian 13 from the machine's own Debian mirror (its sources, with the suite renamed) into a cache
# directory, with Debian 12's packages for its dependencies. Run as root (apt-get); exits non-zero on failure.
set -euo pipefail
cache=${OKD_PRE_COMMIT_CACHE:-${TMPDIR:-/tmp}/okd-pre-commit}
command="$cache/pre-commit"
if [ ! -x "$command" ]; then
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends python3-cfgv python3-identify python3-virtualenv python3-yaml \
    nodeenv >&2
  mkdir -p "$cache/sources" "$cache/lists/partial" "$cache/archives/partial"
  # The first stanza of the machine's Debian sources (the main archive), for the next release's suite.
  awk '/^$/ { exit } /^Suites:/ { $0 = "Suites: trixie" } { print }' \
    /etc/apt/sources.list.d/debian.sources >"$cache/sources/next.sources"
  apt_options=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$cache/sources"
    -o Dir::State::Lists="$cache/lists" -o Dir::Cache::archives="$cache/archives"
    # The cache may be a directory the _apt user cannot write; download as root instead of warning about it.
    -o APT::Sandbox::User=root)
  apt-get "${apt_options[@]}" update -qq >&2
  (cd "$cache" && apt-get "${apt_options[@]}" download pre-commit >&2)
  dpkg -x "$cache"/pre-commit_*_all.deb "$cache/root"
  printf '#!/bin/sh\nPYTHONPATH="%s" exec /usr/bin/python3 -m pre_commit "$@"\n' \
    "$cache/root/usr/lib/python3/dist-packages" >"$command"
  chmod +x "$command"
fi
"$command" --version >&2
echo "$command"
