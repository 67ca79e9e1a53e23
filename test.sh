#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (on Debian), builds with warnings as errors,
# runs every test project, smoke-tests the run command, and ends with one line "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
# The browser tests drive Debian's Chromium; Playwright's own browser download is never used.
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (needed by the tests) ..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "Could not install ${missing[*]}; install it and run again."; echo "0 passed, 1 failed"; exit 1; }
fi

# axe-core for the accessibility tests, from npm at test time and never committed (tests/E2E.Tests/.axe is ignored).
if [ ! -f tests/E2E.Tests/.axe/node_modules/axe-core/axe.min.js ]; then
  echo "Installing axe-core (needed by the accessibility tests) ..."
  npm install --no-save --no-audit --no-fund --prefix tests/E2E.Tests/.axe axe-core@4.14.1 >/dev/null 2>&1 \
    || echo "Could not install axe-core from npm; the accessibility tests will fail and say so."
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Zero warnings is part of the bar: a warning fails the run even where it is not an error.
dotnet build Coordination.sln -nologo >"$log" 2>&1
build_status=$?
if [ "$build_status" -ne 0 ] || grep -qE ": warning [A-Z]+[0-9]+" "$log"; then
  grep -E ": (error|warning) " "$log" | sort -u
  echo "The build failed or has warnings (see above)."
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test --solution Coordination.sln --no-build 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}
count() { grep -E "^\s+$1: [0-9]+" "$log" | tail -1 | grep -oE "[0-9]+" || echo 0; }
passed=$(count succeeded); failed=$(count failed); skipped=$(count skipped)
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# Smoke test of the README's run command on a brand-new SQLite file: /health and the home page (which sends an
# anonymous visitor on to the sign-in page) must answer 200.
smoke_dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 5089)
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Coordination="Data Source=$smoke_dir/coordination.db" \
  dotnet run --project src/Web --no-build --no-launch-profile -- --urls "http://127.0.0.1:$port" >"$smoke_dir/app.log" 2>&1 &
app_pid=$!
smoke=failed
for _ in $(seq 1 60); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ] \
     && [ "$(curl -sL -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; then smoke=passed; break; fi
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 1
done
kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null
if [ "$smoke" = passed ] && [ -f "$smoke_dir/coordination.db" ]; then
  echo "smoke: dotnet run --project src/Web served /health and / on a new SQLite file: passed"
  passed=$((passed + 1))
else
  echo "smoke: dotnet run --project src/Web did not serve /health and / (app log below): failed"; tail -30 "$smoke_dir/app.log"
  failed=$((failed + 1))
fi
rm -rf "$smoke_dir"

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
