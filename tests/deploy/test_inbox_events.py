"""The upload-events receiver and the collect-reports trigger of deploy/prefect.yaml."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from http.server import ThreadingHTTPServer

import pytest
from prefect.events.schemas.deployment_triggers import DeploymentEventTrigger
from pydantic import SecretStr

from deploy.deployments import deployment_specs, runner_deployment
from deploy.inbox_events import handler
from models.settings import Settings
from tasks.access.events import EVENT


def _collect_spec() -> dict:
    return next(s for s in deployment_specs() if s["name"] == "collect-reports")


def test_collect_reports_is_triggered_by_inbox_events_debounced() -> None:
    (entry,) = _collect_spec()["triggers"]
    trigger = DeploymentEventTrigger(**entry)
    assert trigger.expect == {EVENT}
    assert trigger.posture == "Reactive"
    assert trigger.threshold == 1
    assert timedelta(seconds=15) <= trigger.within <= timedelta(seconds=60)
    assert trigger.schedule_after == trigger.within  # one run when the window closes
    assert trigger.for_each == {"thidua.campaign", "thidua.year"}
    assert trigger.parameters == {
        "campaign": "{{ event.resource['thidua.campaign'] }}",
        "year": "{{ event.resource['thidua.year'] | int }}",
    }
    served = runner_deployment(_collect_spec())
    assert [getattr(t, "expect", None) for t in served.triggers] == [{EVENT}]


@pytest.fixture
def receiver() -> Iterator[str]:
    settings = Settings(_env_file=None, events_token=SecretStr("s3-token"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(settings))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _post(url: str, body: bytes, token: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (loopback)
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_receiver_wants_its_token_and_json(receiver: str) -> None:
    with urllib.request.urlopen(f"{receiver}/health", timeout=5) as response:  # noqa: S310
        assert response.status == 200
    folder = b'{"event_type": "create", "key": "/buckets/thidua-inbox/a", "message": {}}'
    assert _post(f"{receiver}/seaweedfs", folder, None) == 401
    assert _post(f"{receiver}/seaweedfs", folder, "wrong") == 401
    assert _post(f"{receiver}/seaweedfs", b"not json", "s3-token") == 400
    assert _post(f"{receiver}/seaweedfs", folder, "s3-token") == 200  # nothing to emit
    assert _post(f"{receiver}/minio", b'{"Records": []}', "s3-token") == 200
