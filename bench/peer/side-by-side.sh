#!/usr/bin/env bash
# Invitation creation over HTTP, staff-onboarding against django-invitations 2.1.0, with the
# same client (wrk, one thread) on the same machine, alternating the two in every round so
# that drift hits both. Each step starts from an empty invitations table.
#   ours:   the release server (SERVER_BIN, SITE_ROOT) on a fresh SQLite file with the dev
#           mailbox: POST /api/create_invitation as the dashboard sends it (session cookie,
#           same-origin check, JSON body), every request a new address.
#   django: django-invitations' own JSON endpoint, gunicorn with 2 sync workers (one per
#           core), SQLite in WAL mode, the console email backend (django-setup.sh).
# Afterwards it counts, for both, the invitations each step left in the database: every
# answered request must have made one.
#
# usage: SERVER_BIN=... SITE_ROOT=... bench/peer/side-by-side.sh
# env:   ROUNDS (3), DURATION (seconds per step, 15), CONCS ("16 64"), PEER_DIR
# writes bench/results/side-by-side.json and prints the table with the median ratio.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
CONCS=${CONCS:-16 64}
PEER_DIR=${PEER_DIR:-$HOME/.cache/staff-onboarding/peer-django}
VENV=$PEER_DIR/venv
RESULTS=$ROOT/bench/results
OURS=18101
DJ=18102
PASSWORD='correct horse battery staple 42'
: "${SERVER_BIN:?set SERVER_BIN (make bench does)}" "${SITE_ROOT:?set SITE_ROOT}"
command -v wrk >/dev/null || { echo "wrk is missing: scripts/ensure-tools.sh bench" >&2; exit 1; }

if ! [ -x "$VENV/bin/gunicorn" ] || ! [ -f "$PEER_DIR/db.sqlite3" ]; then
  PEER_DIR=$PEER_DIR bash "$HERE/django-setup.sh"
fi

WORK=$(mktemp -d)
server=""
stop() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; server=""; }
trap 'stop; rm -rf "$WORK"' EXIT

wait_for() { # URL
  for _ in $(seq 200); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "no answer from $1" >&2; return 1
}

ours_env=(env -u SMTP_URL DATABASE_URL="sqlite://$WORK/ours.db" LEPTOS_SITE_ADDR=127.0.0.1:$OURS
  PUBLIC_URL=http://127.0.0.1:$OURS LEPTOS_SITE_ROOT="$SITE_ROOT" RUST_LOG=warn
  STAFF_ONBOARDING_PASSWORD="$PASSWORD")

ours_start() { # a fresh database each step; writes the session cookie to $WORK/cookie
  rm -f "$WORK"/ours.db*
  "${ours_env[@]}" "$SERVER_BIN" create-super-admin --email a@bench.example \
    --username benchadmin --name "Bench Admin" >/dev/null
  "${ours_env[@]}" "$SERVER_BIN" serve >"$WORK/ours.log" 2>&1 &
  server=$!
  wait_for "http://127.0.0.1:$OURS/healthz"
  curl -s -D - -o /dev/null "http://127.0.0.1:$OURS/api/sign_in" \
    -H "Origin: http://127.0.0.1:$OURS" --data-urlencode login=benchadmin \
    --data-urlencode "password=$PASSWORD" |
    sed -n 's/^set-cookie: \(so_session=[^;]*\).*/\1/Ip' >"$WORK/cookie"
}

django_start() { # an empty invitations table; writes "SESSIONID CSRFTOKEN" to $WORK/cookie
  "$VENV/bin/python" - "$PEER_DIR/db.sqlite3" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
c.execute("delete from invitations_invitation"); c.commit()
EOF
  "$VENV/bin/gunicorn" --chdir "$PEER_DIR/project" peerproj.wsgi:application \
    --bind 127.0.0.1:$DJ --workers 2 --worker-class sync --backlog 2048 --timeout 60 \
    --log-level warning >"$WORK/django.log" 2>&1 &
  server=$!
  wait_for "http://127.0.0.1:$DJ/admin/login/"
  "$VENV/bin/python" "$HERE/django-login.py" "http://127.0.0.1:$DJ" staff staff-pass-123 \
    "smoke-$RANDOM@bench.example" 2>/dev/null >"$WORK/cookie"
}

rows() { # DATABASE TABLE EMAIL-PREFIX: how many invitations a step made
  "$VENV/bin/python" - "$1" "$2" "$3" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
print(c.execute(f"select count(*) from {sys.argv[2]} where email like ?", (sys.argv[3] + "-%",)).fetchone()[0])
EOF
}

result() { sed -n 's/^RESULT //p'; } # wrk's summary line: requests=… rps=… p99_ms=…
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

mkdir -p "$RESULTS"
json=$WORK/steps.jsonl
echo "# invitation creation over HTTP, wrk -t1, ${DURATION} s a step, $ROUNDS rounds, $(nproc) cores, $(date -u +%FT%TZ)"
printf '%-5s %5s %-7s %9s %9s %9s %8s %8s %9s\n' round conns server "req/s" p50_ms p99_ms non2xx errors rows
for round in $(seq "$ROUNDS"); do
  for conns in $CONCS; do
    for who in ours django; do
      prefix="$who-r$round-c$conns"
      if [ "$who" = ours ]; then
        ours_start
        cookie=$(cat "$WORK/cookie")
        url=http://127.0.0.1:$OURS
        script=("$url" -- ours "$prefix" "$cookie" "$url")
        warm=("$url" -- ours "warm-$prefix" "$cookie" "$url")
      else
        django_start
        read -r session csrf <"$WORK/cookie"
        script=("http://127.0.0.1:$DJ" -- django "$prefix" "$session" "$csrf")
        warm=("http://127.0.0.1:$DJ" -- django "warm-$prefix" "$session" "$csrf")
      fi
      wrk -t1 -c16 -d2s -s "$HERE/invite.lua" "${warm[@]}" >/dev/null 2>&1
      line=$(wrk -t1 -c"$conns" -d"${DURATION}s" --timeout 10s -s "$HERE/invite.lua" "${script[@]}" 2>&1 | result)
      sleep 1 # requests still in flight when wrk stopped finish on the server
      stop
      if [ "$who" = ours ]; then made=$(rows "$WORK/ours.db" invitations "$prefix")
      else made=$(rows "$PEER_DIR/db.sqlite3" invitations_invitation "$prefix"); fi
      errors=$(( $(field connect_err "$line") + $(field read_err "$line") + $(field write_err "$line") + $(field timeouts "$line") ))
      printf '%-5s %5s %-7s %9s %9s %9s %8s %8s %9s\n' "$round" "$conns" "$who" \
        "$(field rps "$line")" "$(field p50_ms "$line")" "$(field p99_ms "$line")" \
        "$(field non2xx "$line")" "$errors" "$made"
      printf '{"round":%s,"connections":%s,"server":"%s","requests":%s,"per_second":%s,"p50_ms":%s,"p99_ms":%s,"max_ms":%s,"non2xx":%s,"socket_errors":%s,"rows":%s}\n' \
        "$round" "$conns" "$who" "$(field requests "$line")" "$(field rps "$line")" \
        "$(field p50_ms "$line")" "$(field p99_ms "$line")" "$(field max_ms "$line")" \
        "$(field non2xx "$line")" "$errors" "$made" >>"$json"
    done
  done
done

# Medians per server and level, the ratio of the medians, and every step, as one JSON file.
python3 - "$json" "$RESULTS/side-by-side.json" "$DURATION" <<'EOF'
import json, statistics, subprocess, sys, datetime
steps = [json.loads(line) for line in open(sys.argv[1])]
summary = []
for conns in sorted({s["connections"] for s in steps}):
    med = {}
    for who in ("ours", "django"):
        mine = [s for s in steps if s["connections"] == conns and s["server"] == who]
        med[who] = {k: statistics.median(s[k] for s in mine) for k in ("per_second", "p50_ms", "p99_ms")}
    ratio = med["ours"]["per_second"] / med["django"]["per_second"]
    summary.append({"connections": conns, "ours": med["ours"], "django": med["django"], "ratio": round(ratio, 2)})
    print(f"{conns:3} connections: ours {med['ours']['per_second']:.0f}/s p99 {med['ours']['p99_ms']:.1f} ms, "
          f"django-invitations {med['django']['per_second']:.0f}/s p99 {med['django']['p99_ms']:.1f} ms: "
          f"x{ratio:.1f} the invitations a second (medians of {len(mine)} rounds)")
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
json.dump({"bench": "side_by_side", "commit": commit, "seconds_per_step": int(sys.argv[3]),
           "at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
           "summary": summary, "steps": steps}, open(sys.argv[2], "w"), indent=1)
EOF
echo "written: $RESULTS/side-by-side.json"
