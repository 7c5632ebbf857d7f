"""Web mode: Flet's web app (flet_web.fastapi) behind the loopback guard, served by uvicorn on loopback.

Flet's own ``ft.run(view=WEB_BROWSER)`` serves the same app but answers any Host and Origin, with
``Access-Control-Allow-Origin: *``, and keeps a closed tab's session for an hour. Here the app is built
the same way (no CDN, the assets folder) and wrapped in services.web_guard.LoopbackGuard; the client
files are served without their one CDN address (views/web_offline.py).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from services.web_guard import LoopbackGuard, host_names
from views.web_offline import OfflineClient

# Flet drops a disconnected session once this has passed (its sweep runs every 10 s), then tells the page
# (on_close); the default is 3600 s. The session already forgot its keys at the disconnection itself.
SESSION_TIMEOUT_SECONDS = 5


def page_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def web_app(main: Any, *, host: str, port: int, assets_dir: str) -> LoopbackGuard:
    import flet_web.fastapi as flet_fastapi

    app = flet_fastapi.app(
        main, assets_dir=assets_dir, no_cdn=True, session_timeout_seconds=SESSION_TIMEOUT_SECONDS
    )
    return LoopbackGuard(OfflineClient(app), port=port, names=host_names(host))


def serve(main: Any, *, host: str, port: int, assets_dir: str, open_browser: bool) -> None:
    """Serves until stopped (Ctrl+C or SIGTERM, handled by uvicorn); opens the browser once it listens."""
    import uvicorn

    config = uvicorn.Config(
        web_app(main, host=host, port=port, assets_dir=assets_dir),
        host=host,
        port=port,
        log_level="warning",
        ws="websockets-sansio",  # as Flet configures it
    )
    # uvicorn stops gracefully on Ctrl+C, then raises the signal again: a normal end, not a traceback.
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(uvicorn.Server(config), page_url(host, port) if open_browser else ""))


async def _serve(server: Any, url: str) -> None:
    task = asyncio.create_task(server.serve())
    while url and not server.started and not task.done():
        await asyncio.sleep(0.05)
    if url and server.started:
        from flet.utils import open_in_browser

        open_in_browser(url)
    await task
