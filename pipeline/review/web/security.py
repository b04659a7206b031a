"""What keeps a page of untrusted article text from changing decisions, and other sites from using
the server: a per-server CSRF token on every POST, same-origin POSTs only, a Host check against DNS
rebinding, and a Content-Security-Policy that allows no inline script at all."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
TOKEN_HEADER = "X-CSRF-Token"
TOKEN_FIELD = "csrf_token"
HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                "connect-src 'self'; form-action 'self'; base-uri 'none'; "
                                "frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",      # no-referrer would make browsers send "Origin: null" on form POSTs
    "Cache-Control": "no-store",
}


def new_secret() -> bytes:
    """A fresh secret per server process: tokens of an earlier server are refused."""
    return secrets.token_bytes(32)


def csrf_token(secret: bytes) -> str:
    return hmac.new(secret, b"factmine-review-csrf", hashlib.sha256).hexdigest()


def token_ok(secret: bytes, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(csrf_token(secret), str(given))


def hostname(host_header: str) -> str:
    """``127.0.0.1:8765`` -> ``127.0.0.1``; ``[::1]:8765`` -> ``::1``."""
    try:
        return (urlsplit(f"//{host_header}").hostname or "").lower()
    except ValueError:
        return ""


def allowed_names(bind_host: str) -> frozenset[str]:
    """Host names the server answers to: the loopback names, plus the address it was bound to."""
    extra = {bind_host.strip("[]").lower()} if bind_host not in ("", "0.0.0.0", "::") else set()
    return LOCAL_NAMES | extra


def cross_origin(origin: str | None, fetch_site: str | None, host_header: str) -> str | None:
    """Why a state-changing request comes from another site, or None when it is same-origin.
    Browsers send ``Origin`` on POST and ``Sec-Fetch-Site``; non-browser clients send neither."""
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return f"cross-site request (Sec-Fetch-Site: {fetch_site})"
    if origin:
        parts = urlsplit(origin)
        if origin == "null" or parts.netloc.lower() != host_header.lower():
            return f"cross-origin request (Origin: {origin})"
    return None
