"""``factmine serve``: the local review page (Flask, server-rendered, no front-end build step).

app.py       create_app(corpus, out), serve(corpus, out, host, port): routes, decisions via POST
facts.py     FactTable (facts.parquet, re-read when it changes), Query, filters and counts
source.py    a document's text (decoded by the pipeline's decoder) and mention marks at exact offsets
security.py  CSRF token, same-origin and Host checks, security headers
templates/, static/   Jinja2 pages (autoescape on), one CSS and one JS file
"""
from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
