#!/usr/bin/env bash
# Starts `yunying demo` on a fresh database, checks every dashboard page in both languages over
# HTTP (status 200, a page body, no error panel) and captures each with headless Chromium.
# Fails when any page errors or renders empty. Output: $OUT (default .build/screenshots).
#   DAYS=90 PORT=8765 OUT=… scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DAYS="${DAYS:-90}"
PORT="${PORT:-8765}"
OUT="${OUT:-.build/screenshots}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
BROWSER="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$BROWSER" ] || { echo "screenshots: chromium is not installed (apt-get install chromium)" >&2; exit 1; }

swift build --product yunying >/dev/null
BIN="$(swift build --show-bin-path)/yunying"
"$BIN" demo --db "$WORK/demo.sqlite" --port "$PORT" --days "$DAYS" >"$WORK/demo.log" 2>&1 &
DEMO=$!
trap 'kill $DEMO 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 900); do
  grep -q "^Admin API key:" "$WORK/demo.log" && sleep 1 && break
  kill -0 $DEMO 2>/dev/null || { cat "$WORK/demo.log" >&2; echo "screenshots: demo exited" >&2; exit 1; }
  sleep 1
done
KEY="$(grep -A1 '^Admin API key:' "$WORK/demo.log" | tail -1)"
LINK="$(grep -o "$BASE/signin/link?token=[A-Za-z0-9]*" "$WORK/demo.log")"
PASSWORD="$(grep -o 'sign in as admin / [A-Za-z0-9]*' "$WORK/demo.log" | awk '{print $NF}')"

# Ids of things that have their own pages, read through the API.
first_id() { curl -sf -H "Authorization: Bearer $KEY" "$BASE/api/v1/$1" | python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; print(d[0]["id"] if d else "")'; }
PROMOTION="$(first_id 'promotions?limit=1')"
ORDER="$(first_id 'orders?limit=1')"
SEGMENT="$(first_id 'segments?limit=1')"
CAMPAIGN="$(first_id 'campaigns?limit=1')"
PAGES=(/ /traffic /funnel /retention /products /inventory /promotions /promotions/new /customers /campaigns /orders)
[ -n "$PROMOTION" ] && PAGES+=("/promotions/$PROMOTION" "/promotions/$PROMOTION/edit")
[ -n "$ORDER" ] && PAGES+=("/orders/$ORDER")
[ -n "$SEGMENT" ] && PAGES+=("/segments/$SEGMENT")
[ -n "$CAMPAIGN" ] && PAGES+=("/campaigns/$CAMPAIGN")

# curl signs in with the password (form token cookie, then the session cookie).
JAR="$WORK/cookies.txt"
FORM_TOKEN="$(curl -s -c "$JAR" "$BASE/signin" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "csrf=$FORM_TOKEN" --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" "$BASE/signin"

# Chromium signs in with the one-time link; its profile keeps the session cookie between runs.
CHROME=("$BROWSER" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$WORK/profile")
"${CHROME[@]}" --dump-dom "$LINK" >/dev/null 2>&1
"${CHROME[@]}" --dump-dom "$BASE/" 2>/dev/null | grep -q 'action="/signout"' || { echo "screenshots: chromium did not sign in" >&2; exit 1; }

mkdir -p "$OUT"
failed=0
for page in "${PAGES[@]}"; do
  for lang in en zh-CN; do
    name="$(echo "${page#/}" | tr '/' '-')"; name="${name:-overview}-$lang"
    url="$BASE$page?lang=$lang"
    status="$(curl -s -b "$JAR" -o "$WORK/page.html" -w '%{http_code}' "$url")"
    # A page must answer 200 with a titled body and no error panel.
    if [ "$status" != 200 ] || ! grep -q '<h1>[^<]' "$WORK/page.html" || grep -q 'error-panel' "$WORK/page.html" \
       || [ "$(sed -n '/<main>/,/<\/main>/p' "$WORK/page.html" | wc -c)" -lt 200 ]; then
      echo "FAIL $page ($lang): HTTP $status" >&2; failed=1; continue
    fi
    "${CHROME[@]}" --window-size=1400,1800 --screenshot="$OUT/$name.png" "$url" >/dev/null 2>&1
    size="$(stat -c %s "$OUT/$name.png" 2>/dev/null || echo 0)"
    if [ "$size" -lt 10000 ]; then echo "FAIL $page ($lang): screenshot of $size bytes" >&2; failed=1; continue; fi
    echo "ok   $page ($lang) → $OUT/$name.png"
  done
done
exit $failed
