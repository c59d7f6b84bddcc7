"""``make serve``: nginx in front of gunicorn, started, watched and stopped as one program.

nginx (``interview_practice/nginx.conf``) listens on ``SERVE_BIND`` and receives each request
whole, headers and body, before passing it to gunicorn (``gunicorn.conf.py``) on a Unix
socket, so slow clients cost an idle connection in nginx and never an app thread. Both run
from a private folder made for this run; when either stops, the other is stopped, and a
SIGTERM or SIGINT stops both gracefully. The front's own refusals (a header or URL too
large, a body too large, a request it cannot parse, the app not answering) are written here
from the app's own messages and templates, so they read as the app's.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_practice.settings")
django.setup()

from django.conf import settings  # noqa: E402 - needs django.setup()
from django.template import loader  # noqa: E402

from sessions_app.exceptions import (  # noqa: E402
    SERVICE_UNAVAILABLE_MESSAGE,
    UNREADABLE_REQUEST_MESSAGE,
    error_body,
)
from sessions_app.guards import TOO_LARGE_MESSAGE  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# Seconds nginx waits for the app's answer: a session's start may wait on a model server
# (LLM_TIMEOUT) before it answers.
APP_TIMEOUT = 120
STOP_TIMEOUT = 35

# nginx's status (its 494 is sent as 431): the API's code, the message.
FRONT_REFUSALS = {
    400: ("MALFORMED_REQUEST", UNREADABLE_REQUEST_MESSAGE),
    413: ("REQUEST_TOO_LARGE", TOO_LARGE_MESSAGE),
    414: ("URL_TOO_LONG", "The URL is longer than the server accepts."),
    494: ("HEADERS_TOO_LARGE", "The request's headers are larger than the server accepts."),
    503: ("SERVICE_UNAVAILABLE", SERVICE_UNAVAILABLE_MESSAGE),
}


def front_errors_write(*, directory: Path) -> None:
    """One file per refusal and audience: ``api/<status>`` in the API's error shape,
    ``page/<status>`` as the site's page."""
    (directory / "api").mkdir(parents=True)
    (directory / "page").mkdir()
    for status, (code, message) in FRONT_REFUSALS.items():
        text = message.format(limit=settings.REQUEST_BODY_MAX_BYTES)
        (directory / "api" / str(status)).write_text(json.dumps(error_body(code, text)))
        page = loader.render_to_string(
            "503.html" if status == 503 else "front_refusal.html", {"message": text}
        )
        (directory / "page" / str(status)).write_text(page)


def front_prepare(*, run_dir: Path, listen: str, app_socket: Path) -> None:
    """Write nginx's configuration and its refusals into ``run_dir``, which nginx runs in."""
    front_errors_write(directory=run_dir / "errors")
    (run_dir / "nginx.conf").write_text(
        front_config(run_dir=run_dir, listen=listen, app_socket=app_socket)
    )


def front_find() -> str | None:
    return shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")


def front_start(*, nginx: str, run_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - fixed argv: nginx with the file front_prepare wrote
        [nginx, "-e", "stderr", "-p", f"{run_dir}/", "-c", "nginx.conf"]
    )


def front_config(*, run_dir: Path, listen: str, app_socket: Path) -> str:
    values = {
        "LISTEN": listen,
        "APP_SOCKET": str(app_socket),
        "ERRORS": str(run_dir / "errors"),
        "ACCESS_LOG": "/dev/stdout requests"
        if os.environ.get("SERVE_ACCESS_LOG", "1") != "0"
        else "off",
        "MAX_BODY_BYTES": str(settings.REQUEST_BODY_MAX_BYTES),
        "BODY_TIMEOUT": str(settings.REQUEST_BODY_TIMEOUT),
        "APP_TIMEOUT": str(APP_TIMEOUT),
    }
    config = (ROOT / "interview_practice" / "nginx.conf").read_text()
    for name, value in values.items():
        config = config.replace(f"@{name}@", value)
    return config


def _socket_wait(*, path: Path, app: subprocess.Popen) -> bool:
    while not path.exists():
        if app.poll() is not None:
            return False
        time.sleep(0.05)
    return True


def _stop(process: subprocess.Popen, sig: int) -> None:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> int:
    listen = os.environ.get("SERVE_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
    nginx = front_find()
    if nginx is None:
        print("nginx is not installed: `make nginx` installs it.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="interview-practice-") as name:
        run_dir = Path(name)
        # nginx's workers may run as another user (nobody, when started as root): they
        # reach the socket and their buffers through this folder.
        run_dir.chmod(0o755)
        app_socket = run_dir / "app.sock"
        front_prepare(run_dir=run_dir, listen=listen, app_socket=app_socket)
        app_env = {
            **os.environ,
            # nginx adds the client's address to X-Forwarded-For: one proxy more.
            "DJANGO_NUM_PROXIES": str(settings.REST_FRAMEWORK["NUM_PROXIES"] + 1),
        }
        app = subprocess.Popen(  # noqa: S603 - fixed argv: our gunicorn and app
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "interview_practice.wsgi:application",
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "-b",
                f"unix:{app_socket}",
            ],
            cwd=ROOT,
            env=app_env,
        )
        if not _socket_wait(path=app_socket, app=app):
            return app.returncode or 1
        front = front_start(nginx=nginx, run_dir=run_dir)

        asked_to_stop = []

        def stop(signum: int, frame: object) -> None:  # noqa: ARG001 - signal's signature
            asked_to_stop.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not asked_to_stop and front.poll() is None and app.poll() is None:
            time.sleep(0.2)
        _stop(front, signal.SIGQUIT)
        _stop(app, signal.SIGTERM)
        return 0 if asked_to_stop else 1


if __name__ == "__main__":
    sys.exit(main())
