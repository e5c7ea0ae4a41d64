"""Fast network reachability checks, so online-only features fail in seconds, not minutes.

A bare TCP connect is not enough (intercepting proxies accept any connection), so a real HTTP(S)
request is made, in a daemon thread so that a hanging DNS lookup cannot exceed the timeout.
"""

from __future__ import annotations

import threading

import requests


def http_problem(url: str, timeout: float = 3.0) -> str | None:
    """None when ``url`` answers HTTP 200 within ``timeout`` seconds, else a short reason."""
    result: dict[str, str | None] = {"error": "no answer"}

    def check() -> None:
        try:
            resp = requests.get(url, timeout=timeout)
            result["error"] = None if resp.status_code == 200 else f"HTTP {resp.status_code}"
        except requests.RequestException as exc:
            text = str(exc)
            result["error"] = (
                "DNS lookup failed" if "NameResolution" in text or "getaddrinfo" in text else type(exc).__name__
            )

    worker = threading.Thread(target=check, daemon=True)
    worker.start()
    worker.join(timeout + 0.5)
    if worker.is_alive():
        return f"no answer within {timeout:.0f} s"
    return result["error"]


def http_reachable(url: str, timeout: float = 3.0) -> bool:
    """True when ``url`` answers HTTP 200 within ``timeout`` seconds."""
    return http_problem(url, timeout) is None
