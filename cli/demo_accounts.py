"""The demo's reviewer accounts, acting through the portal's signed path (imports no Prefect)."""

from __future__ import annotations

from models.database import session_scope

# The demo's people: accounts created by `thidua demo`, acting through the portal's signed path.
DEMO_PASSWORD = "thidua-demo-2025"
DEMO_ACCOUNTS = {
    "council": ("thu-ky-hoi-dong", "Thư ký Hội đồng thẩm định"),
    "home_affairs": ("so-noi-vu", "Ban Thi đua - Khen thưởng, Sở Nội vụ"),
    "chairman_office": ("van-phong-ubnd", "Văn phòng UBND tỉnh"),
}


def ensure_demo_accounts(password: str) -> list[str]:
    """Create the demo's reviewer accounts (once) with their roles; return their names."""
    from tasks.accounts.store import add_account, find_person, grant

    with session_scope() as session:
        for role, (username, full_name) in sorted(DEMO_ACCOUNTS.items()):
            if find_person(session, username) is None:
                add_account(session, username=username, full_name=full_name, password=password)
            grant(session, username=username, role=role, granted_by="thidua-demo")
    return [username for username, _ in DEMO_ACCOUNTS.values()]
