"""What the planner allows a map service to reach: origins, and the one GET that keeps to them.

An allowance is an origin, as browsers judge them: scheme, host and port
(`http://127.0.0.1:8080`; the default port of the scheme left out, so
`https://t0.tianditu.gov.cn` and `https://t0.tianditu.gov.cn:443` are one).
`127.0.0.1` and `localhost` are two origins, and so are two ports of one host.

Every request for a map service (its capabilities, its tiles, an offline
package, the tiles an HTML export carries) goes through `get`: the URL is
prepared as requests will send it, its origin must be one the planner allowed,
and a redirect is never followed (the answer is refused and says where it
pointed), so a server cannot send the app to an origin the planner did not
choose. The answer is read up to a size limit, not whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

DEFAULT_PORTS = {"http": 80, "https": 443}
# A host as urllib3 leaves it after parsing: DNS labels (IDNA already applied) or a bracketed IPv6 address.
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])$")


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` of an http(s) URL, the scheme's default port left out; None for
    anything else: another scheme, a user name or password in it, an unparsable or templated host."""
    from urllib3.util import parse_url

    try:
        parts = parse_url(str(url).strip())
    except Exception:  # noqa: BLE001 (urllib3's LocationParseError and friends: not a URL we send)
        return None
    scheme = (parts.scheme or "").lower()
    host = (parts.host or "").lower()
    if scheme not in DEFAULT_PORTS or parts.auth or not _HOST.match(host):
        return None
    port = parts.port if parts.port is not None else DEFAULT_PORTS[scheme]
    if not 0 < port < 65536:
        return None
    return f"{scheme}://{host}" if port == DEFAULT_PORTS[scheme] else f"{scheme}://{host}:{port}"


def normalised(origins) -> frozenset[str]:
    """The valid origins among `origins` (strings, e.g. read back from settings), each in its one spelling."""
    found = (origin_of(o) for o in origins if isinstance(o, str))
    return frozenset(o for o in found if o)


class Refused(Exception):
    """A request not sent (`origin` not allowed), or an answer not followed (`redirect_to`)."""

    def __init__(self, origin: str, redirect_to: str | None = None):
        super().__init__(origin, redirect_to)
        self.origin = origin  # the origin asked ("" when the URL has none we would send to)
        self.redirect_to = redirect_to  # where a redirect pointed (an origin, or the raw Location)

    def __str__(self) -> str:
        if self.redirect_to is not None:
            return f"{self.origin} redirected to {self.redirect_to} (not followed)"
        return f"{self.origin or 'the address'} is not allowed"


class TooLarge(Exception):
    pass


@dataclass(frozen=True)
class Answer:
    status_code: int
    content: bytes


def get(session, url: str, allowed, *, timeout: float, max_bytes: int):
    """GET `url` if its origin is in `allowed`, never following a redirect: the status and the body
    (at most `max_bytes`, else TooLarge). Raises Refused, or requests' own exceptions for the network."""
    import requests

    prepared = session.prepare_request(requests.Request("GET", url))
    origin = origin_of(prepared.url)  # judged on the URL exactly as it will be sent
    if origin is None or origin not in allowed:
        raise Refused(origin or "")
    answer = session.send(prepared, timeout=timeout, allow_redirects=False, stream=True)
    try:
        if answer.is_redirect or 300 <= answer.status_code < 400:
            location = answer.headers.get("Location", "")
            target = origin_of(urljoin(prepared.url, location)) if location else None
            raise Refused(origin, target or location[:200] or "?")
        body = bytearray()
        for chunk in answer.iter_content(64 * 1024):
            body += chunk
            if len(body) > max_bytes:
                raise TooLarge()
        return Answer(answer.status_code, bytes(body))
    finally:
        answer.close()
