"""``explore.py serve``: the explorer page with a query panel, and a read-only SPARQL 1.1 endpoint.

Routes
------
``/``               the built page (``build/graph.html``) with the query panel injected before ``</body>``
``/sparql``         the SPARQL 1.1 Protocol: GET (and HEAD), POST form and POST direct; answers
                    negotiated by ``Accept`` (or ``?format=``); updates 403, ``SERVICE`` 403, bad
                    query 400, past the row or answer-size limit 400, past the time or memory
                    limit 503, an engine failure 500; CORS open to any origin
``/queries``        the saved queries (JSON), for the panel's menu
``/queries/NAME``   run a saved query, its parameters as URL parameters (``?recipient=九龙县``)

Every query goes through :func:`graph.queries.answer`, the same call as the command line, and is
parsed and run in a query worker (:mod:`graph.pool`), never in the request's thread.  The server
binds to 127.0.0.1 unless told otherwise and never calls other hosts.  A connection that sends
nothing for ``CLIENT_TIMEOUT`` seconds is closed, and at most ``MAX_CONNECTIONS`` are served at once
(the next get a 503 at once), so stalled clients cannot hold threads for ever.
"""
from __future__ import annotations

import json
import re
import sys
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from .errors import DuikouError
from .queries import QUERIES_DIR, answer, saved_queries
from .results import GRAPH_MEDIA, MEDIA_ALIASES, RESULT_MEDIA, media_type, serialize
from .sparql import Backend, Limits, QueryError, QueryResult

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_BODY = 100_000  # bytes: a longer query is not one a person wrote
CLIENT_TIMEOUT = 20.0  # seconds a client may leave the connection silent
MAX_CONNECTIONS = 64  # connections served at once; each holds one thread
_CORS = {"Access-Control-Allow-Origin": "*",
         "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
         "Access-Control-Allow-Headers": "Content-Type, Accept",
         "Access-Control-Max-Age": "86400"}
_EMPTY_PAGE = ('<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>Duikou SPARQL</title>'
               "</head><body></body></html>")


class HTTPError(Exception):
    """A refusal with its status, raised inside a handler and answered as text/plain."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def negotiate(accept: str | None, fmt: str | None, is_graph: bool) -> str:
    """The format name to answer in: ``?format=`` first, then the best ``Accept`` entry, else the default.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", None, False)
    'xml'
    >>> negotiate("application/sparql-results+json, application/ld+json;q=0.9", None, True)
    'json-ld'
    """
    table = GRAPH_MEDIA if is_graph else RESULT_MEDIA
    default = "turtle" if is_graph else "json"
    by_media = {media: name for name, media in table.items()}
    for media, (as_result, as_graph) in MEDIA_ALIASES.items():
        alias = as_graph if is_graph else as_result
        if alias is not None:
            by_media.setdefault(media, alias)
    if fmt:
        name = fmt if fmt in table else by_media.get(fmt)
        if name is None:
            raise HTTPError(406, f"format {fmt!r} cannot carry this answer: use one of {', '.join(table)}")
        return name
    if not accept:
        return default
    choices = []
    for order, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            choices.append((-q, order, media.lower()))
    for _, _, media in sorted(choices):
        if media in by_media:
            return by_media[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    raise HTTPError(406, f"none of the accepted types can carry this answer; offered: {', '.join(table.values())}")


def panel_fragment() -> str:
    """The query panel's CSS, HTML and script as one fragment to insert before ``</body>``."""
    css = (TEMPLATES / "query-panel.css").read_text(encoding="utf-8")
    html = (TEMPLATES / "query-panel.html").read_text(encoding="utf-8")
    # the page's number formats and table rows (format.js, rows.js) come along, so the panel's table works
    # on any page served; on the explorer page they are the same scripts again
    js = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in ("format.js", "rows.js", "query-panel.js"))
    return f"<style>{css}</style>\n{html}\n<script>{js}</script>\n"


def inject(page: str, fragment: str) -> str:
    """The page with ``fragment`` before its last ``</body>`` (appended when there is none)."""
    at = page.lower().rfind("</body>")
    return page + fragment if at < 0 else page[:at] + fragment + page[at:]


@dataclass
class ServerConfig:
    backend: Backend
    page: Path
    limits: Limits
    queries: Path = QUERIES_DIR
    client_timeout: float = CLIENT_TIMEOUT


class Handler(BaseHTTPRequestHandler):
    """One request; the routes are in the module docstring."""

    server_version = "Duikou"
    timeout = CLIENT_TIMEOUT  # socketserver sets it on the connection: a stalled client is dropped
    config: ServerConfig  # set on the subclass made by make_server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    # -- responses --------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in {**_CORS, **(extra or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str) -> None:
        if status >= 500:  # the client gets the message; the log keeps it for whoever runs the server
            self.log_message("%s", f"{status}: {message}")
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _dispatch(self) -> None:
        try:
            # http.server decodes the request line as Latin-1; clients such as curl send UTF-8 unescaped
            url = urllib.parse.urlsplit(self.path.encode("latin-1", "replace").decode("utf-8", "replace"))
            if url.path == "/":
                self._page()
            elif url.path == "/sparql":
                self._sparql(url)
            elif url.path == "/queries":
                body = json.dumps([q.as_json() for q in saved_queries(self.config.queries).values()],
                                  ensure_ascii=False).encode("utf-8")
                self._send(200, body, "application/json; charset=utf-8")
            elif url.path.startswith("/queries/"):
                self._saved(urllib.parse.unquote(url.path[len("/queries/"):]), url)
            else:
                raise HTTPError(404, f"nothing at {url.path}: try / or /sparql")
        except HTTPError as exc:
            self._text(exc.status, str(exc))
        except QueryError as exc:
            self._text(exc.http_status, str(exc))
        except DuikouError as exc:
            self._text(500, str(exc))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the client went away or stalled; nothing to answer
        except Exception as exc:  # the server keeps serving whatever one request does
            self._text(500, f"internal error: {type(exc).__name__}: {exc}")

    do_GET = do_POST = do_HEAD = _dispatch

    def do_OPTIONS(self) -> None:
        self._send(204, b"", "text/plain")

    # -- routes -----------------------------------------------------------------------------
    def _page(self) -> None:
        if self.command not in ("GET", "HEAD"):
            raise HTTPError(405, "the page is read with GET")
        page = self.config.page.read_text(encoding="utf-8") if self.config.page.is_file() else _EMPTY_PAGE
        self._send(200, inject(page, panel_fragment()).encode("utf-8"),
                   "text/html; charset=utf-8")

    def _body(self) -> bytes:
        declared = (self.headers.get("Content-Length") or "0").strip()
        if not declared.isdigit():
            self.close_connection = True  # where this body ends is unknown: the connection cannot go on
            raise HTTPError(400, f"Content-Length {declared[:40]!r} is not a number of bytes")
        length = int(declared)
        if length > MAX_BODY:
            raise HTTPError(413, f"request body over {MAX_BODY} bytes")
        return self.rfile.read(length) if length > 0 else b""

    def _sparql(self, url: urllib.parse.SplitResult) -> None:
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        query: str | None = None
        if self.command == "POST":
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = self._body()
            if content_type == "application/x-www-form-urlencoded":
                for key, values in urllib.parse.parse_qs(body.decode("utf-8", "replace"),
                                                         keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            elif content_type == "application/sparql-query":
                query = body.decode("utf-8", "replace")
            elif content_type == "application/sparql-update":
                raise HTTPError(403, "updates are refused: this graph is read-only")
            else:
                raise HTTPError(415, "POST a form (application/x-www-form-urlencoded) "
                                     "or a query (application/sparql-query)")
        if "update" in params:
            raise HTTPError(403, "updates are refused: this graph is read-only")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            raise HTTPError(400, "default-graph-uri and named-graph-uri are not supported: "
                                 "the graph is one default graph")
        if query is None:
            if len(params.get("query", [])) != 1:
                raise HTTPError(400, "give exactly one query parameter")
            query = params["query"][0]
        result = answer(self.config.backend, text=query, limits=self.config.limits)
        self._answer(result, negotiate(self.headers.get("Accept"), _first(params, "format"), result.is_graph))

    def _saved(self, name: str, url: urllib.parse.SplitResult) -> None:
        if not re.fullmatch(r"[\w-]+", name):
            raise HTTPError(404, f"no saved query named {name!r}")
        params = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        fmt_param = params.pop("format", None)
        result = answer(self.config.backend, name=name, params=params, limits=self.config.limits,
                        folder=self.config.queries)
        self._answer(result, negotiate(self.headers.get("Accept"), fmt_param, result.is_graph))

    def _answer(self, result: QueryResult, fmt: str) -> None:
        self._send(200, serialize(result, fmt), f"{media_type(fmt)}; charset=utf-8",
                   {"Vary": "Accept", "X-Duikou-Elapsed": f"{result.elapsed:.3f}"})


def _first(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[0] if values else None


class Server(ThreadingHTTPServer):
    """A thread per connection, at most ``MAX_CONNECTIONS`` of them; a listen queue deep enough for a burst."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not self._slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: 32\r\nConnection: close\r\n\r\ntoo many connections; try again\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def make_server(config: ServerConfig, host: str = "127.0.0.1", port: int = 8000) -> Server:
    """A server bound to ``host:port`` (port 0: any free port; read ``server.server_address``)."""
    handler = type("DuikouHandler", (Handler,), {"config": config, "timeout": config.client_timeout})
    try:
        return Server((host, port), handler)
    except OSError as exc:
        raise DuikouError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(config: ServerConfig, host: str, port: int, announce: Callable[[str], None] = print) -> None:
    """Serve until interrupted (KeyboardInterrupt propagates), then release the backend (the worker processes)."""
    server = make_server(config, host, port)
    bound_host, bound_port = server.server_address[:2]
    announce(f"serving http://{bound_host}:{bound_port}/ (SPARQL at /sparql; Ctrl-C to stop)")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:  # Ctrl-C included: the command line then says "interrupted" and exits 130
        server.server_close()
        config.backend.close()
