"""Serve the built site on 127.0.0.1 (``make serve-site``), as a static host would.

Usage::

    python site/serve.py [--port 8000] [--dir _site]

A plain static file server with the right content types (``.wasm`` must be
``application/wasm``, ``.mjs`` JavaScript) and no caching, so a re-built site is what the
browser gets. ``SiteServer`` runs the same server in a thread, for the tests and benchmarks.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONTENT_TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if self.server.verbose:
            super().log_message(format, *args)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    verbose = False

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the browser dropped a download (it navigated away): not an error
        super().handle_error(request, client_address)


def make_server(directory: Path, port: int = 0, verbose: bool = False) -> _Server:
    """An HTTP server for ``directory`` on 127.0.0.1 (port 0: any free port)."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = _Server(("127.0.0.1", port), handler)
    server.verbose = verbose
    return server


class SiteServer:
    """The site served from a background thread; use as a context manager.

    >>> with SiteServer(ROOT / "_site") as site:          # doctest: +SKIP
    ...     print(site.url("lab/index.html?path=00_start_here.ipynb"))
    """

    def __init__(self, directory: Path, port: int = 0):
        self.directory = Path(directory)
        self.server = make_server(self.directory, port)
        self.port = self.server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def notebook_url(self, name: str) -> str:
        return self.url(f"lab/index.html?path={name}")

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the built site on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", type=Path, default=ROOT / "_site")
    args = parser.parse_args(argv)
    if not (args.dir / "index.html").exists():
        print(f"{args.dir} holds no built site: run `make site` first", file=sys.stderr)
        return 1
    server = make_server(args.dir, args.port, verbose=True)
    print(f"Serving {args.dir} (Ctrl-C stops it). Open:\n\n"
          f"    http://127.0.0.1:{server.server_address[1]}/\n", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
