#!/usr/bin/env bash
# Serve the app on http://127.0.0.1:8000 with the background-task worker and
# the periodic-task clock, stopping all three together on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
python=.venv/bin/python
trap 'trap - TERM; kill 0' INT TERM EXIT
"$python" manage.py db_worker --queue-name '*' &
"$python" manage.py run_periodic_tasks --loop &
"$python" manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
