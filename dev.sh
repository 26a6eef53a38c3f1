#!/usr/bin/env bash
# Set up and run NN Designer on Linux (Python 3.10+).
#   ./dev.sh app [FILE]        set up .venv, then open the app (default: the XOR example)
#   ./dev.sh test [ARGS...]    set up .venv, then run the whole test suite headless (a process per core)
# Missing system libraries for Qt are installed with apt-get when run as root (or via sudo);
# otherwise the script names the packages to install. apt-get runs only when something is missing.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv

# library file -> Debian package
TEST_LIBS="libEGL.so.1:libegl1 libGL.so.1:libgl1 libfontconfig.so.1:libfontconfig1 libxkbcommon.so.0:libxkbcommon0
libdbus-1.so.3:libdbus-1-3 libglib-2.0.so.0:libglib2.0-0"
APP_LIBS="libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1
libxcb-image.so.0:libxcb-image0 libxcb-render-util.so.0:libxcb-render-util0 libxcb-shape.so.0:libxcb-shape0
libxcb-randr.so.0:libxcb-randr0 libxkbcommon-x11.so.0:libxkbcommon-x11-0 libX11-xcb.so.1:libx11-xcb1"

# Each check reads a command's whole output into a variable first: with pipefail,
# `ldconfig -p | grep -q` fails whenever grep stops reading early, and every library looks missing.
missing_libs() {
    local wanted="$1" missing="" cache="" ldconfig fonts=""
    ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
    cache=$("$ldconfig" -p 2>/dev/null) || cache=""
    if [ -z "$cache" ]; then return 0; fi  # cannot tell: let Qt report what it misses
    for pair in $wanted; do
        grep -qF -- "${pair%%:*} (" <<<"$cache" || missing+=" ${pair##*:}"
    done
    if command -v fc-list >/dev/null; then
        fonts=$(fc-list 2>/dev/null) || fonts=""
    else
        fonts=$(find /usr/share/fonts /usr/local/share/fonts "$HOME/.local/share/fonts" -type f \
            \( -name '*.ttf' -o -name '*.otf' -o -name '*.pcf*' \) -print -quit 2>/dev/null || true)
    fi
    [ -n "$fonts" ] || missing+=" fonts-dejavu-core"
    echo "$missing"
}

system_libs() {
    local wanted="$1" missing sudo="" log
    missing=$(missing_libs "$wanted")
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "Qt needs these system packages (Debian/Ubuntu names):$missing" >&2
        return 0
    fi
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
    if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; then
        echo "Qt needs these system packages (Debian/Ubuntu names):$missing" >&2
        return 0
    fi
    echo "Installing system libraries for Qt:$missing"
    log=$(mktemp)
    # wait a while (APT_LOCK_WAIT seconds) for another apt/dpkg to finish instead of failing at once
    local wait="DPkg::Lock::Timeout=${APT_LOCK_WAIT:-120}"
    # a failed update (e.g. its lock is held) still leaves the package lists there are
    if { $sudo apt-get -o "$wait" update -qq || true
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o "$wait" install -y -qq $missing; } >"$log" 2>&1; then
        rm -f "$log"
        return 0
    fi
    if grep -qi "lock" "$log"; then
        echo "apt-get is busy (another apt or dpkg holds its lock), so$missing could not be installed now." >&2
    else
        echo "apt-get could not install$missing: $(grep -E '^(E|W):' "$log" | tail -n 1 || true)" >&2
    fi
    rm -f "$log"
    missing=$(missing_libs "$wanted")
    if [ -n "$missing" ]; then
        echo "Still missing:$missing; install them and run this again." >&2
        exit 2
    fi
    echo "The libraries Qt needs are present after all; going on." >&2
}

python_ok() {
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || {
        echo "NN Designer needs Python 3.10 or newer (set PYTHON=/path/to/python3)" >&2; exit 2; }
}

venv() {
    python_ok
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV" || { echo "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)" >&2; exit 2; }
    fi
    # reinstall when pyproject.toml changed since the last set-up
    if [ ! -f "$VENV/.installed" ] || [ pyproject.toml -nt "$VENV/.installed" ]; then
        "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
        "$VENV/bin/python" -m pip install -q -e ".[test]"
        touch "$VENV/.installed"
    fi
}

case "${1:-}" in
    app)
        shift
        system_libs "$TEST_LIBS $APP_LIBS"
        venv
        exec "$VENV/bin/nn-designer" "$@"
        ;;
    test)
        shift
        system_libs "$TEST_LIBS"
        venv
        export QT_QPA_PLATFORM=offscreen OPENBLAS_NUM_THREADS=1
        # one worker process per core (pytest-xdist); NN_DESIGNER_TEST_WORKERS=0 runs in this process
        exec "$VENV/bin/python" -m pytest -n "${NN_DESIGNER_TEST_WORKERS:-auto}" "$@"
        ;;
    *)
        sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
