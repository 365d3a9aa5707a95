"""Run the portal: `python -m portal` (address from THIDUA_PORTAL_HOST and THIDUA_PORTAL_PORT)."""

from __future__ import annotations

import uvicorn

from models.settings import get_settings
from portal.app import create_app


def main() -> None:
    """Serve the portal until stopped."""
    settings = get_settings()
    uvicorn.run(
        create_app(settings),
        host=settings.portal_host,
        port=settings.portal_port,
        proxy_headers=True,
        log_level="info",
    )


if __name__ == "__main__":
    main()
