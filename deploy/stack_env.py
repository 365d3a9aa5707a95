"""The variables a process needs to use the same settings as this one (and the Prefect API)."""

from __future__ import annotations

import base64

from models.settings import Settings


def prefect_client_env(settings: Settings) -> dict[str, str]:
    """Return the variables a Prefect client of the local server needs: its URL and auth."""
    env = {"PREFECT_API_URL": settings.prefect_api_url}
    if settings.prefect_api_auth is not None:
        env["PREFECT_API_AUTH_STRING"] = settings.prefect_api_auth.get_secret_value()
    return env


def prefect_auth(settings: Settings) -> str | None:
    """Return the user:password of the local Prefect API, or None when it requires none."""
    return settings.prefect_api_auth.get_secret_value() if settings.prefect_api_auth else None


def prefect_auth_headers(settings: Settings) -> dict[str, str]:
    """Return the Authorization header of a raw HTTP call to the local Prefect API."""
    if settings.prefect_api_auth is None:
        return {}
    token = base64.b64encode(settings.prefect_api_auth.get_secret_value().encode()).decode()
    return {"Authorization": f"Basic {token}"}


def settings_env(settings: Settings) -> dict[str, str]:
    """Return settings as THIDUA_* variables (and the Prefect client's auth), for a process
    that must use the same ones."""
    values = {
        "THIDUA_VAR_DIR": str(settings.resolved_var_dir),
        "THIDUA_DATABASE_URL": settings.resolved_database_url,
        "THIDUA_TIMEZONE": settings.timezone,
        "THIDUA_S3_ENDPOINT": settings.s3_endpoint,
        "THIDUA_S3_ACCESS_KEY": settings.s3_access_key,
        "THIDUA_S3_SECRET_KEY": settings.s3_secret_key.get_secret_value(),
        "THIDUA_S3_SECURE": str(settings.s3_secure).lower(),
        "THIDUA_S3_REGION": settings.s3_region,
        "THIDUA_INBOX_BUCKET": settings.inbox_bucket,
        "THIDUA_ARCHIVE_BUCKET": settings.archive_bucket,
        "THIDUA_OUTPUT_BUCKET": settings.output_bucket,
        "THIDUA_TASK_RUNNER": settings.task_runner,
        "THIDUA_TASK_RUNNER_WORKERS": str(settings.task_runner_workers),
        "THIDUA_PREFECT_HOST": settings.prefect_host,
        "THIDUA_PREFECT_PORT": str(settings.prefect_port),
        "THIDUA_EVENTS_PORT": str(settings.events_port),
        "THIDUA_LINK_HOURS": str(settings.link_hours),
    }
    values["THIDUA_PORTAL_KEY"] = settings.portal_key.get_secret_value()
    if settings.prefect_api_auth is not None:
        values["THIDUA_PREFECT_API_AUTH"] = settings.prefect_api_auth.get_secret_value()
        values["PREFECT_API_AUTH_STRING"] = settings.prefect_api_auth.get_secret_value()
    values["THIDUA_PORTAL_HOST"] = settings.portal_host
    values["THIDUA_PORTAL_PORT"] = str(settings.portal_port)
    if settings.receipt_key is not None:
        values["THIDUA_RECEIPT_KEY"] = settings.receipt_key.get_secret_value()
    if settings.events_token is not None:
        values["THIDUA_EVENTS_TOKEN"] = settings.events_token.get_secret_value()
    if settings.dask_address:
        values["THIDUA_DASK_ADDRESS"] = settings.dask_address
    return values
