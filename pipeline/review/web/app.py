"""``factmine serve``: the review page, a small Flask app over ``outputs/facts.parquet`` and the
corpus's decision store.  Server-rendered (Jinja2, autoescape on), one static CSS and one static JS
file, no build step.  Decisions change only through POST with the per-server CSRF token."""
from __future__ import annotations

import getpass
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, abort, current_app, g, jsonify, redirect, render_template, request, url_for
from markupsafe import Markup

from ..apply import apply_decisions
from ..store import DecisionStore, StoreError, parse_corrections
from . import facts as ft
from . import security
from .source import DocumentUnavailable, Span, load_source, mark_text, misplaced, snippet

PAGE_SIZE = 100
CLUSTER_SHOWN = 40
# correction fields offered per kind (those the table has, or that a correction may add)
FORM_FIELDS = {
    "figure": ("value", "value_max", "unit", "qualifier", "metric", "metric_key", "period", "label", "subject"),
    "entity": ("label", "canonical"),
    "event": ("label", "date", "subject"),
}
ALWAYS_OFFERED = frozenset({"value", "value_max", "unit", "qualifier", "metric", "period", "label",
                            "canonical", "date"})
SHOWN_ELSEWHERE = frozenset({"fact_id", "text", "context", "status", "reattached_from", "doc_id", "lang", "kind",
                             "start", "end", "line", "description", "flags"})


def create_app(corpus: Path, out: Path, *, reviewer: str | None = None, bind_host: str = "127.0.0.1",
               store: DecisionStore | None = None) -> Flask:
    """The review app for one corpus and its outputs folder."""
    app = Flask(__name__)
    app.config.update(
        CORPUS=Path(corpus), OUT=Path(out), SECRET=security.new_secret(),
        REVIEWER=reviewer if reviewer is not None else _user(),
        ALLOWED_HOSTS=security.allowed_names(bind_host), MAX_CONTENT_LENGTH=1 << 20)
    app.extensions["factmine_store"] = store if store is not None else DecisionStore.for_corpus(Path(corpus))
    app.extensions["factmine_table"] = ft.FactTable(Path(out))
    app.extensions["factmine_statements"] = ft.FactTable(Path(out), "statements.parquet", sort=False)
    app.jinja_env.globals.update(csrf_field=security.TOKEN_FIELD, link=_link)
    _install_guards(app)
    _install_pages(app)
    _install_decisions(app)
    return app


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _link(endpoint: str, params: dict | None = None, **values) -> str:
    """url_for plus a query string built from a dict of filters."""
    base = url_for(endpoint, **values)
    return f"{base}?{urlencode(params)}" if params else base


def _store(app=None) -> DecisionStore:
    return (app or current_app).extensions["factmine_store"]


def _view():
    """The fact table with the decisions in force applied: once per request, and recomputed only
    when the table file or the store (append-only: its row count) changed since the last time."""
    if "view" not in g:
        frame = current_app.extensions["factmine_table"].frame()
        count = len(_store())
        cached = current_app.extensions.get("factmine_view")      # (frame, decisions recorded, view)
        if cached is None or cached[0] is not frame or cached[1] != count:
            cached = (frame, count, apply_decisions(frame, _store().latest()))
            current_app.extensions["factmine_view"] = cached
        g.view = cached[2]
    return g.view


# -- guards: Host, CSRF, same origin, headers -----------------------------------------------------
def _install_guards(app: Flask) -> None:
    @app.before_request
    def check_request():
        if security.hostname(request.host) not in app.config["ALLOWED_HOSTS"]:
            abort(400, description=f"unexpected Host {request.host!r} (the review page answers on localhost)")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            why = security.cross_origin(request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site"),
                                        request.host)
            if why:
                abort(403, description=why)
            given = request.headers.get(security.TOKEN_HEADER) or request.form.get(security.TOKEN_FIELD)
            if not security.token_ok(app.config["SECRET"], given):
                abort(403, description="missing or wrong CSRF token (reload the page)")

    @app.after_request
    def add_headers(response):
        for name, value in security.HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.context_processor
    def token():
        return {"csrf_token": security.csrf_token(app.config["SECRET"])}

    @app.errorhandler(ft.NoFactTable)
    def no_table(exc):
        return _error(503, str(exc))

    for code in (400, 403, 404, 405, 413):
        app.register_error_handler(code, lambda exc, code=code: _error(code, exc.description))


def _error(code: int, message: str):
    if request.path.startswith("/api/"):
        return jsonify(ok=False, error=message), code
    return render_template("error.html", code=code, message=message), code


# -- pages ----------------------------------------------------------------------------------------
def _install_pages(app: Flask) -> None:
    @app.get("/")
    def fact_list():
        df, query = _view(), ft.Query.from_args(request.args)
        shown = ft.select(df, query)
        pages = max(1, -(-len(shown) // PAGE_SIZE))
        page = min(query.page, pages)
        rows = shown.iloc[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        return render_template(
            "list.html", query=query, params=query.params(), facets=ft.facets(df, query),
            total=len(df), matching=len(shown), statuses=ft.status_counts(shown),
            pending_shown=int((shown["status"] == "pending").sum()), rows=[_list_row(r) for r in _records(rows)],
            page=page, pages=pages, has_flags="flags" in df.columns,
            orphaned=len(df.attrs.get("review", {}).get("orphaned", ())))

    @app.get("/fact/<fact_id>")
    def fact_page(fact_id: str):
        df, query = _view(), ft.Query.from_args(request.args)
        fact = ft.row_dict(df, fact_id)
        if fact is None:
            abort(404, description=f"no fact {fact_id!r} in the fact table")
        order = ft.select(df, query)["fact_id"].tolist()
        prev_id, next_id = ft.neighbours(order, fact_id)
        doc = _document(df, fact["doc_id"], current=fact)
        return render_template(
            "fact.html", fact=fact, doc=doc, params=query.params(), prev_id=prev_id, next_id=next_id,
            position=(order.index(fact_id) + 1 if fact_id in order else None), count=len(order),
            fields=_fields(fact, df.columns), form=_form(fact, df.columns), extra=_extra(fact),
            cluster=_cluster(df, fact), statement=_statement(df, fact), history=_store().history(fact_id),
            everywhere=_everywhere(df, fact),
            flags=ft.flag_list(fact.get("flags")))

    @app.get("/doc/<path:doc_id>")
    def doc_page(doc_id: str):
        df = _view()
        doc = _document(df, doc_id)
        return render_template("doc.html", doc=doc, statuses=ft.status_counts(df[df["doc_id"] == doc_id]))

    @app.get("/favicon.ico")
    def favicon():
        return "", 204

    @app.get("/docs")
    def doc_list():
        df = _view()
        docs = []
        for doc_id, part in df.groupby("doc_id", sort=True):
            counts = dict(ft.status_counts(part))
            docs.append({"doc_id": doc_id, "facts": len(part), **counts,
                         "langs": ", ".join(sorted(part["lang"].dropna().unique()))})
        return render_template("docs.html", docs=docs)


def _records(df) -> list[dict]:
    """Rows as plain dicts (column lists first: iterating Arrow-backed rows is slow)."""
    columns = list(df.columns)
    values = [[ft.cell(v) for v in df[c].tolist()] for c in columns]
    return [dict(zip(columns, row)) for row in zip(*values)]


def _source_or_none(doc_id: str):
    """The document's text, once per request; None when it cannot be read."""
    cache = g.setdefault("sources", {})
    if doc_id not in cache:
        try:
            cache[doc_id] = load_source(current_app.config["CORPUS"], current_app.config["OUT"], doc_id)
        except DocumentUnavailable:
            cache[doc_id] = None
    return cache[doc_id]


def _mention_html(fact: dict) -> Markup:
    """The fact's sentence with the mention marked at its offsets (the stored context if the source
    is gone or changed)."""
    source = _source_or_none(fact["doc_id"])
    if source is not None and not misplaced(source.text, fact["start"], fact["end"], fact["text"]):
        return snippet(source.text, fact["start"], fact["end"])
    return Markup("<span class=stale>{}</span>").format(fact.get("context") or fact["text"])


def _summary(fact: dict) -> str:
    """What the fact says, in one line: value and unit, canonical name, or date."""
    f = lambda name: fact.get(f"final_{name}", fact.get(name))     # noqa: E731
    if fact["kind"] == "figure":
        parts = [_number(f("value")) + (f"–{_number(f('value_max'))}" if f("value_max") is not None else ""),
                 f("unit"), f"({f('qualifier')})" if f("qualifier") else None,
                 f"· {f('metric')}" if f("metric") else None, f"· {f('period')}" if f("period") else None]
        return " ".join(p for p in parts if p)
    if fact["kind"] == "entity":
        return f("canonical") or ""
    return " ".join(p for p in (f("date"), fact.get("description")) if p)


def _number(v) -> str:
    if v is None:
        return ""
    return f"{v:,.0f}" if float(v).is_integer() and abs(v) < 1e18 else f"{v:,.12g}"


def _list_row(fact: dict) -> dict:
    return {**fact, "snippet": _mention_html(fact), "summary": _summary(fact),
            "flagged": ft.is_flagged(fact.get("flags"))}


def _document(df, doc_id: str, current: dict | None = None) -> dict:
    part = df[df["doc_id"] == doc_id]
    if part.empty:
        abort(404, description=f"no document {doc_id!r} in the fact table")
    records = [{**f, "summary": _summary(f)} for f in _records(part)]
    try:
        source = load_source(current_app.config["CORPUS"], current_app.config["OUT"], doc_id)
    except DocumentUnavailable as exc:
        return {"doc_id": doc_id, "html": None, "problem": str(exc), "facts": records, "stale": []}
    spans, stale = [], []
    for f in records:
        if misplaced(source.text, f["start"], f["end"], f["text"]):
            stale.append(f)
            continue
        spans.append(Span(f["start"], f["end"], f["fact_id"], f"{f['kind']} s-{f['status']}"))
    cur = None
    if current is not None and current["fact_id"] not in {s["fact_id"] for s in stale}:
        cur = Span(current["start"], current["end"], current["fact_id"])
    html = mark_text(source.text, spans, lambda fid: url_for("fact_page", fact_id=fid, doc=doc_id), cur)
    return {"doc_id": doc_id, "html": html, "problem": None, "origin": source.origin, "stale": stale,
            "facts": records, "chars": len(source.text)}


def _fields(fact: dict, columns) -> list[dict]:
    """Correctable fields of this fact: extracted value, correction, final value."""
    rows = []
    for name in FORM_FIELDS.get(fact["kind"], ()):
        if name not in columns and f"{name}_corrected" not in columns:
            continue
        rows.append({"name": name, "extracted": _shown(fact.get(name)), "corrected": _shown(fact.get(f"{name}_corrected"))})
    return rows


def _shown(value) -> str | None:
    return _number(value) if isinstance(value, float) else value


def _form(fact: dict, columns) -> list[dict]:
    """The correction form's inputs, filled with the value in force."""
    out = []
    for name in FORM_FIELDS.get(fact["kind"], ()):
        if name in ALWAYS_OFFERED or name in columns:
            value = fact.get(f"final_{name}", fact.get(name))
            out.append({"name": name, "value": "" if value is None else (_plain(value))})
    return out


def _plain(value) -> str:
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    return str(value)


def _extra(fact: dict) -> list[tuple[str, str]]:
    """Every other column, as text (new columns from other stages show up without code here)."""
    skip = SHOWN_ELSEWHERE | {k for k in fact if k.startswith("final_") or k.endswith("_corrected")}
    skip |= set(FORM_FIELDS.get(fact["kind"], ()))
    out = []
    for key, value in fact.items():
        if key in skip or value is None or value == [] or value == "":
            continue
        out.append((key, ", ".join(map(str, value)) if isinstance(value, list) else str(value)))
    return out


def _cluster(df, fact: dict) -> dict:
    """Other mentions of the same fact: the translation in the same document first, then other sources."""
    cid = fact.get("cluster_id")
    if not cid:
        return {"members": [], "more": 0}
    part = df[(df["cluster_id"] == cid) & (df["fact_id"] != fact["fact_id"])]
    members = _records(part)
    members.sort(key=lambda m: (m["doc_id"] != fact["doc_id"], m["lang"] == fact["lang"], m["doc_id"], m["start"]))
    shown = [{**m, "snippet": _mention_html(m),
              "relation": _relation(fact, m)} for m in members[:CLUSTER_SHOWN]]
    return {"members": shown, "more": max(0, len(members) - CLUSTER_SHOWN), "id": cid}


def _statement(df, fact: dict) -> dict | None:
    """The statement this figure belongs to (issue 9's statements.parquet, when the run wrote it) with
    its other mentions, disagreeing sources included (cluster_id links only those that agree)."""
    try:
        statements = current_app.extensions["factmine_statements"].frame()
    except ft.NoFactTable:
        return None
    found = ft.statement_of(statements, fact["fact_id"])
    if found is None:
        return None
    others = df[df["fact_id"].isin([f for f in found["fact_ids"] if f != fact["fact_id"]])]
    members = [{**m, "snippet": _mention_html(m), "summary": _summary(m)} for m in _records(others)]
    return {**found, "members": members}


def _everywhere(df, fact: dict) -> list[dict]:
    """Bulk offers on a fact page: this entity's name everywhere, and this cluster (pending facts)."""
    pending = df[df["status"] == "pending"]
    offers = []
    if fact["kind"] == "entity" and fact.get("canonical"):
        n = int(((pending["kind"] == "entity") & (pending["canonical"] == fact["canonical"])).sum())
        offers.append({"what": f"mentions of {fact['canonical']}", "n": n,
                       "filters": {"kind": "entity", "canonical": fact["canonical"], "status": "pending"}})
    if fact.get("cluster_id"):
        n = int((pending["cluster_id"] == fact["cluster_id"]).sum())
        offers.append({"what": "facts of this cluster", "n": n,
                       "filters": {"cluster": fact["cluster_id"], "status": "pending"}})
    return [o for o in offers if o["n"] > 1]


def _relation(fact: dict, other: dict) -> str:
    if other["doc_id"] == fact["doc_id"]:
        return "translation" if other["lang"] != fact["lang"] else "same document"
    return "other source"


# -- decisions ------------------------------------------------------------------------------------
def _install_decisions(app: Flask) -> None:
    @app.post("/api/decisions")
    def decide_api():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400, description="expected a JSON object {fact_id, status, corrections?, comment?}")
        decision = _decide(str(data.get("fact_id") or ""), data.get("status"), data.get("corrections") or {},
                           data.get("comment") or "")
        counts = dict(ft.status_counts(_fresh_view()))
        return jsonify(ok=True, fact_id=decision.fact_id, status=decision.status,
                       corrections=decision.corrections, decided_at=decision.decided_at, counts=counts)

    @app.post("/fact/<fact_id>/decide")
    def decide_form(fact_id: str):
        status = request.form.get("status")
        corrections = {}
        if status == "corrected":
            corrections = {k[5:]: v for k, v in request.form.items() if k.startswith("corr_")}
        _decide(fact_id, status, corrections, request.form.get("comment", ""))
        target = request.form.get("next") or url_for("fact_page", fact_id=fact_id)
        if not target.startswith("/") or target.startswith("//") or "\\" in target:
            target = url_for("fact_page", fact_id=fact_id)
        return redirect(target, code=303)

    @app.post("/bulk")
    def decide_bulk():
        status = request.form.get("decision")         # "status" is one of the list's filters
        if status not in ("accepted", "rejected"):
            abort(400, description="bulk decisions are accepted or rejected")
        df, query = _view(), ft.Query.from_args(request.form)
        shown = ft.select(df, query)
        pending = shown[shown["status"] == "pending"]
        facts = {f["fact_id"]: f for f in _records(pending)}
        n = _store().record_many([(fid, status) for fid in facts], facts=facts,
                                 reviewer=app.config["REVIEWER"], comment="bulk, from the review page")
        return redirect(_link("fact_list", {**query.params(), "done": f"{status} {n}"}), code=303)


def _decide(fact_id: str, status, corrections: dict, comment: str):
    df = _view()
    fact = ft.row_dict(df, fact_id)
    if fact is None:
        abort(404, description=f"no fact {fact_id!r} in the fact table")
    if status == "corrected":
        corrections = _changed(fact, corrections)
    try:
        typed = parse_corrections(corrections) if status == "corrected" else {}
        return _store().record(fact_id, str(status or ""), corrections=typed, comment=str(comment)[:2000],
                               reviewer=current_app.config["REVIEWER"], fact=fact)
    except StoreError as exc:
        abort(400, description=str(exc))


def _changed(fact: dict, submitted: dict) -> dict:
    """Only the fields that differ from what was extracted (a form sends all of them)."""
    out = {}
    for name, value in submitted.items():
        if value is None or str(value).strip() == "":
            continue
        extracted = fact.get(name)
        if extracted is not None and _plain(extracted) == str(value).strip():
            continue
        out[name] = value
    return out


def _fresh_view():
    g.pop("view", None)
    return _view()


def _check_port(host: str, port: int) -> None:
    """Raise OSError (the reason) when ``host:port`` cannot be listened on; Werkzeug would exit instead."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)     # as the server itself does
        probe.bind((host, port))


def serve(corpus: Path, out: Path, host: str = "127.0.0.1", port: int = 8765, reviewer: str | None = None,
          ready=None) -> None:
    """Run the review page until interrupted (a threaded local server; ``ready(url)`` is called once
    it listens)."""
    from werkzeug.serving import make_server

    _check_port(host, port)
    app = create_app(corpus, out, reviewer=reviewer, bind_host=host)
    server = make_server(host, port, app, threaded=True)
    if ready is not None:
        shown = f"[{host}]" if ":" in host else host
        ready(f"http://{shown}:{server.server_port}/")
    try:
        server.serve_forever()
    finally:
        server.server_close()
        _store(app).close()
