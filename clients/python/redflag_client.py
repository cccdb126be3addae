"""Client for the RedFlag HTTP service (redflag-server). Standard library only.

    >>> from redflag_client import scan, scan_batch
    >>> record = scan("Free visa and flight, no experience needed!", id="ad-1")
    >>> record["level"], record["flagged"], [f["rule"] for f in record["findings"]]

Every answer is the output record of RedFlag's DESIGN.md (a dict). Errors raise RedFlagError,
which carries the HTTP status and the server's error code (e.g. "missing_text").
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any, Iterable, Mapping, Optional

DEFAULT_BASE_URL = os.environ.get("REDFLAG_URL", "http://127.0.0.1:8080")

__all__ = ["RedFlagError", "scan", "scan_html", "scan_batch", "ruleset", "health", "DEFAULT_BASE_URL"]


class RedFlagError(Exception):
    """The server refused a request, or could not be reached.

    status: the HTTP status (0 when the server could not be reached)
    code: the server's error code ("malformed_json", "invalid_request", "missing_text",
          "body_too_large", "too_many_documents", "timeout", ...; "unreachable" for
          connection failures, "bad_response" when the answer is not the expected JSON)
    message: what the server said went wrong
    """

    def __init__(self, status: int, code: str, message: str):
        super().__init__(f"RedFlag server error {status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


def _request(method: str, path: str, payload: Any = None, base_url: Optional[str] = None, timeout: float = 30.0) -> Any:
    url = (base_url or DEFAULT_BASE_URL).rstrip("/") + path
    data = None
    headers = {"Accept": "application/json"}
    if payload is not None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/json; charset=utf-8"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            err = json.loads(raw.decode("utf-8"))["error"]
            raise RedFlagError(e.code, str(err["code"]), str(err["message"])) from None
        except (ValueError, KeyError, TypeError):
            raise RedFlagError(e.code, "http_error", raw.decode("utf-8", "replace")[:500] or str(e)) from None
    except urllib.error.URLError as e:
        raise RedFlagError(0, "unreachable", f"cannot reach {url}: {e.reason}") from None
    except OSError as e:
        raise RedFlagError(0, "unreachable", f"cannot reach {url}: {e}") from None
    try:
        return json.loads(body.decode("utf-8"))
    except ValueError as e:
        raise RedFlagError(200, "bad_response", f"the answer from {url} is not JSON: {e}") from None


def _document(text: Optional[str] = None, id: Optional[str] = None, lang: Optional[str] = None, html: Optional[str] = None) -> dict:
    if (text is None) == (html is None):
        raise ValueError("give exactly one of text or html")
    doc: dict = {"html": html} if html is not None else {"text": text}
    if id is not None:
        doc["id"] = id
    if lang is not None:
        doc["lang"] = lang
    return doc


def scan(text: str, id: Optional[str] = None, lang: Optional[str] = None, base_url: Optional[str] = None, timeout: float = 30.0) -> dict:
    """Scans one text; returns its record (score, level, flagged, language, findings, ...)."""
    return _request("POST", "/v1/scan", _document(text=text, id=id, lang=lang), base_url, timeout)


def scan_html(html: str, id: Optional[str] = None, lang: Optional[str] = None, base_url: Optional[str] = None, timeout: float = 30.0) -> dict:
    """Scans one HTML page by its visible text; spans index into the extracted text."""
    return _request("POST", "/v1/scan", _document(html=html, id=id, lang=lang), base_url, timeout)


def scan_batch(docs: Iterable[Any], base_url: Optional[str] = None, timeout: float = 60.0) -> list:
    """Scans several documents in one request; returns their records in the same order.

    Each document is a str (its text) or a dict with "text" or "html" and optional "id" and "lang".
    The server accepts up to --max-batch documents (default 100) per request.
    """
    payload = []
    for d in docs:
        if isinstance(d, str):
            payload.append({"text": d})
        elif isinstance(d, Mapping):
            payload.append(dict(d))
        else:
            raise TypeError(f"a document is a str or a dict, not {type(d).__name__}")
    answer = _request("POST", "/v1/scan", {"documents": payload}, base_url, timeout)
    try:
        return list(answer["results"])
    except (KeyError, TypeError):
        raise RedFlagError(200, "bad_response", "the answer has no 'results' list") from None


def ruleset(base_url: Optional[str] = None, timeout: float = 30.0) -> dict:
    """The rule set in service: name, version, sha256, categories and rules."""
    return _request("GET", "/v1/ruleset", None, base_url, timeout)


def health(base_url: Optional[str] = None, timeout: float = 5.0) -> dict:
    """{"status": "ok", "ruleset": {...}} when the server is up."""
    return _request("GET", "/healthz", None, base_url, timeout)
