"""Downloads on the user's request: http(s) only, with a timeout and a size cap."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Final
from urllib.parse import urlsplit

from composer.errors import ImportSourceError
from composer.i18n import ui_message as _
from composer.i18n import ui_number

__all__ = ["FETCH_TIMEOUT", "MAX_PAGE_BYTES", "Download", "fetch", "is_web_address"]

#: Seconds a server may keep silent before the download is given up.
FETCH_TIMEOUT: Final = 20.0
#: Largest web page downloaded: news pages are some hundred kilobytes.
MAX_PAGE_BYTES: Final = 10 * 1024 * 1024
_SCHEMES: Final = ("http", "https")
_CHUNK: Final = 64 * 1024
_USER_AGENT: Final = "NewsletterComposer/0.1 (article import)"


def is_web_address(source: str) -> bool:
    """Whether ``source`` is written as an address (``scheme://…``) rather than a file name."""
    scheme = urlsplit(source).scheme
    return "://" in source and len(scheme) > 1


@dataclass(frozen=True)
class Download:
    """What a server sent.

    Attributes:
        url: the address the content came from, after redirects.
        data: the content.
        content_type: its media type ("text/html"), "" if the server did not say.
        charset: the encoding the server declared, or None.
    """

    url: str
    data: bytes
    content_type: str
    charset: str | None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib would follow ftp:// as well)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in _SCHEMES:
            raise ImportSourceError(
                _(
                    "Could not download “{url}”: it leads on to “{target}”, which is not a web "
                    "address (http or https)."
                ).format(url=req.full_url, target=newurl)
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _reason(error: BaseException) -> str:
    reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
    return str(reason)


def fetch(url: str, max_bytes: int, timeout: float = FETCH_TIMEOUT) -> Download:
    """Download ``url``: an http or https address, at most ``max_bytes`` long.

    Args:
        url: the address.
        max_bytes: the most that is read; a longer answer is refused.
        timeout: seconds the server may keep silent; the whole download may take three times
            as long.

    Raises:
        ImportSourceError: not an http(s) address, no answer in time, an error from the
            server, too large; the message says which, with the address.
    """
    if urlsplit(url).scheme.lower() not in _SCHEMES:
        raise ImportSourceError(
            _(
                "Cannot download “{url}”: only web addresses that start with http:// or "
                "https:// can be imported."
            ).format(url=url)
        )
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    deadline = time.monotonic() + 3 * timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise _too_large(url, max_bytes)
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(url, max_bytes)
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunks.append(chunk)
            return Download(
                response.geturl(),
                b"".join(chunks),
                response.headers.get_content_type() if "Content-Type" in response.headers else "",
                response.headers.get_content_charset(),
            )
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the server's answer, and with it the connection
        if 300 <= exc.code < 400:  # urllib refuses redirects to file: and the like itself
            raise ImportSourceError(
                _(
                    "Could not download “{url}”: it leads on to “{target}”, which is not a "
                    "web address (http or https)."
                ).format(url=url, target=exc.headers.get("Location", ""))
            ) from None
        raise ImportSourceError(
            _(
                "Could not download “{url}”: the server answered “{status} {reason}”. Check "
                "the address in a web browser."
            ).format(url=url, status=exc.code, reason=exc.reason)
        ) from None
    except TimeoutError:
        raise ImportSourceError(
            _(
                "Could not download “{url}”: the server did not answer within {seconds} "
                "seconds. Check your internet connection, or try again later."
            ).format(url=url, seconds=_seconds(timeout))
        ) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise ImportSourceError(
                _(
                    "Could not download “{url}”: the server did not answer within {seconds} "
                    "seconds. Check your internet connection, or try again later."
                ).format(url=url, seconds=_seconds(timeout))
            ) from None
        if isinstance(exc.reason, ssl.SSLError):
            raise ImportSourceError(
                _(
                    "Could not download “{url}”: a secure connection to the server could not "
                    "be made ({reason})."
                ).format(url=url, reason=_reason(exc.reason))
            ) from None
        raise ImportSourceError(
            _(
                "Could not download “{url}”: the server cannot be reached ({reason}). Check "
                "the address and your internet connection."
            ).format(url=url, reason=_reason(exc))
        ) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # reset, malformed answer
        raise ImportSourceError(
            _("Could not download “{url}”: {reason}.").format(url=url, reason=_reason(exc))
        ) from None


def _seconds(timeout: float) -> str:
    return ui_number(timeout, 0 if timeout == int(timeout) else 1)


def _too_large(url: str, max_bytes: int) -> ImportSourceError:
    return ImportSourceError(
        _(
            "Could not download “{url}”: it is larger than {limit} MB, more than a web page "
            "or a picture should be."
        ).format(url=url, limit=ui_number(max_bytes // 1_000_000))
    )
