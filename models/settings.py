"""Settings of thidua, read from THIDUA_* environment variables (and an optional .env file)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the system; the defaults run the local stack with nothing configured."""

    model_config = SettingsConfigDict(
        env_prefix="THIDUA_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    var_dir: Path = Field(Path("var"), description="Runtime files: SQLite, PIDs, logs, data.")
    cache_dir: Path | None = Field(
        None,
        description="What any local stack may reuse (the Prefect server's empty database); "
        "empty: $XDG_CACHE_HOME/thidua, else ~/.cache/thidua.",
    )
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; empty means an SQLite file under var_dir."
    )
    timezone: str = "Asia/Ho_Chi_Minh"
    default_campaign: str | None = Field(
        None,
        description="The campaign a command or flow works on when none is named; empty: the "
        "one campaign still running (or the one loaded), else one must be named.",
    )

    s3_endpoint: str = Field("127.0.0.1:8333", description="host:port of the S3 server.")
    s3_access_key: str = Field(
        "thidua", description="The flows' service account: read the inbox, write archive, output."
    )
    s3_secret_key: SecretStr = SecretStr("thidua-local-secret")
    s3_admin_access_key: str = Field(
        "thidua-admin", description="The root key, for setting up only (buckets, identities)."
    )
    s3_admin_secret_key: SecretStr = SecretStr("thidua-local-admin-secret")
    link_hours: int = Field(4, ge=1, le=24, description="Lifetime of a presigned download link.")
    events_host: str = Field("127.0.0.1", description="Where the notifications' receiver listens.")
    events_port: int = Field(
        8765, description="Local receiver of the S3 server's notifications (direct uploads)."
    )
    events_token: SecretStr | None = Field(
        None, description="Bearer token the S3 server's webhook must present; empty: none."
    )
    s3_secure: bool = False
    s3_region: str = "us-east-1"
    s3_max_attempts: int = Field(4, ge=1, description="Attempts for a transient S3 failure.")
    s3_backoff_seconds: float = Field(0.5, ge=0, description="First retry delay; doubles.")
    s3_timeout_seconds: float = Field(10.0, gt=0, description="Connect and read timeout.")
    receipt_key: SecretStr | None = Field(
        SecretStr("thidua-local-receipt-key"),
        description="Key of the signed receipts that carry an upload's original receipt time "
        "(a portal or a migration of past years); empty trusts none.",
    )
    ingest_max_attempts: int = Field(
        3,
        ge=1,
        description="Attempts at one upload version before it is set aside with a finding for "
        "the unit and an alert for the administrator (a crash during an attempt counts).",
    )
    portal_key: SecretStr = Field(
        SecretStr("thidua-local-portal-key"),
        description="Key with which the portal signs decisions and sessions; the flows accept "
        "a decision only with its signature. Set a long random value in production.",
    )
    portal_s3_access_key: str = Field(
        "thidua-portal", description="The portal's storage key: put into the inbox, read feedback."
    )
    portal_s3_secret_key: SecretStr = SecretStr("thidua-local-portal-s3-secret")
    smtp_host: str | None = Field(
        None, description="SMTP server that tells units their feedback is ready; empty: none."
    )
    smtp_port: int = 587
    smtp_starttls: bool = True
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None

    @field_validator(
        "smtp_host", "smtp_username", "smtp_password", "default_campaign", mode="before"
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        """Read an empty variable (as the compose file passes it) as "not configured"."""
        return None if value == "" else value

    smtp_sender: str = Field("thidua@localhost", description="From: of the notices.")
    portal_host: str = "127.0.0.1"
    portal_port: int = 8600
    portal_public_url: str | None = Field(None, description="Address people open; empty: local.")
    oidc_metadata_url: str | None = Field(
        None, description="OpenID Connect discovery URL (e.g. Keycloak); empty: local accounts."
    )
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    prefect_api_auth: SecretStr | None = Field(
        SecretStr("admin:thidua-local-prefect"),
        description="user:password the Prefect server requires of every client (basic auth, "
        "PREFECT_SERVER_API_AUTH_STRING / PREFECT_API_AUTH_STRING); empty: none.",
    )
    inbox_bucket: str = "thidua-inbox"
    archive_bucket: str = "thidua-archive"
    output_bucket: str = "thidua-output"

    task_runner: Literal["threads", "dask"] = Field(
        "threads", description="How a flow runs its batch tasks: threads, or a Dask cluster."
    )
    task_runner_workers: int = Field(4, ge=1, description="Threads, or local Dask workers.")
    dask_address: str | None = Field(
        None, description="tcp://host:port of a running Dask scheduler; empty starts a local one."
    )
    work_pool: str = Field("thidua-process", description="The Prefect process work pool.")
    project_dir: Path | None = Field(
        None, description="Where a worker finds the code of its runs; empty: this checkout."
    )

    prefect_host: str = "127.0.0.1"
    prefect_port: int = 4200
    weed_master_port: int = 9333
    weed_volume_port: int = 8081
    weed_filer_port: int = 8888
    stack_start_timeout_seconds: float = 120.0

    def as_admin(self) -> Settings:
        """Return these settings with the root key in place of the service account's."""
        return self.model_copy(
            update={
                "s3_access_key": self.s3_admin_access_key,
                "s3_secret_key": self.s3_admin_secret_key,
            }
        )

    def as_portal(self) -> Settings:
        """Return these settings with the portal's storage key in place of the service account's."""
        return self.model_copy(
            update={
                "s3_access_key": self.portal_s3_access_key,
                "s3_secret_key": self.portal_s3_secret_key,
            }
        )

    @field_validator("prefect_api_auth", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """Read an empty variable as "none": the Prefect server then requires no auth."""
        return None if value == "" else value

    @property
    def resolved_var_dir(self) -> Path:
        """Return var_dir as an absolute path."""
        return self.var_dir.expanduser().resolve()

    @property
    def resolved_cache_dir(self) -> Path:
        """Return cache_dir as an absolute path (default: the user's cache folder)."""
        if self.cache_dir is not None:
            return self.cache_dir.expanduser().resolve()
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "thidua"

    @property
    def resolved_database_url(self) -> str:
        """Return the database URL, defaulting to an SQLite file under var_dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.resolved_var_dir / 'thidua.db'}"

    @property
    def s3_host(self) -> str:
        """Return the host part of the S3 endpoint."""
        return self.s3_endpoint.rsplit(":", 1)[0]

    @property
    def s3_port(self) -> int:
        """Return the port of the S3 endpoint."""
        host_port = self.s3_endpoint.rsplit(":", 1)
        return int(host_port[1]) if len(host_port) == 2 else (443 if self.s3_secure else 80)

    @property
    def s3_url(self) -> str:
        """Return the S3 endpoint as a URL."""
        return f"{'https' if self.s3_secure else 'http'}://{self.s3_endpoint}"

    @property
    def prefect_api_url(self) -> str:
        """Return the API URL of the local Prefect server."""
        return f"http://{self.prefect_host}:{self.prefect_port}/api"

    @property
    def portal_url(self) -> str:
        """Return the address of the portal."""
        return self.portal_public_url or f"http://{self.portal_host}:{self.portal_port}"

    @property
    def prefect_ui_url(self) -> str:
        """Return the UI URL of the local Prefect server."""
        return f"http://{self.prefect_host}:{self.prefect_port}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read once on first use."""
    return Settings()
