"""Receive the S3 server's notifications of inbox uploads and emit them as Prefect events.

SeaweedFS's filer webhook posts to /seaweedfs, a MinIO webhook target to /minio. Run with
`python -m deploy.inbox_events` (the local stack starts it as the service `events`).
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from models.settings import Settings, get_settings
from tasks.access.events import InboxUpload, emit, from_minio, from_seaweedfs

log = logging.getLogger("thidua.inbox_events")
MAX_BODY = 1024 * 1024


def uploads(path: str, payload: dict[str, Any], settings: Settings) -> list[InboxUpload]:
    """Return the inbox uploads a notification posted to path tells of."""
    bucket = settings.inbox_bucket
    if path == "/seaweedfs":
        found = from_seaweedfs(payload, bucket=bucket)
        return [found] if found else []
    if path == "/minio":
        return list(from_minio(payload, bucket=bucket))
    return []


def handler(settings: Settings) -> type[BaseHTTPRequestHandler]:
    """Return the request handler bound to settings."""
    token = settings.events_token.get_secret_value() if settings.events_token else None

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            self._answer(200 if self.path == "/health" else 404)

        def do_POST(self) -> None:  # noqa: N802
            if token and not hmac.compare_digest(
                self.headers.get("Authorization", ""), f"Bearer {token}"
            ):
                self._answer(401)
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._answer(413)
                return
            try:
                payload = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._answer(400)
                return
            if not isinstance(payload, dict):
                payload = {}
            for upload in uploads(self.path, payload, settings):
                log.info("Tệp mới trong hộp thư: %s", upload.key)
                emit(upload)
            self._answer(200)

        def _answer(self, status: int) -> None:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            log.debug(format, *args)

    return Handler


def main(argv: list[str] | None = None) -> None:
    """Serve on THIDUA_EVENTS_HOST:THIDUA_EVENTS_PORT (or --host, --port) until stopped."""
    parser = argparse.ArgumentParser(description=__doc__)
    settings = get_settings()
    parser.add_argument("--host", default=settings.events_host)
    parser.add_argument("--port", type=int, default=settings.events_port)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    server = ThreadingHTTPServer((args.host, args.port), handler(settings))
    log.info("Nhận thông báo tải lên tại %s:%d", args.host, args.port)
    server.serve_forever()


if __name__ == "__main__":
    main()
