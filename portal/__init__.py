"""The thidua portal: units submit their reports, reviewers decide, as authenticated people.

Server-rendered pages (FastAPI + Jinja2), signed cookie sessions (Starlette SessionMiddleware,
itsdangerous), CSRF double-submit tokens (fastapi-csrf-protect), argon2 password hashes
(argon2-cffi), OpenID Connect through Authlib when configured.
"""
