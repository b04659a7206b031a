// factmine review page: keyboard shortcuts and decisions saved as they are made.
// Plain script, no build step. Every decision is a POST to /api/decisions with the page's CSRF token;
// without JavaScript the same buttons post ordinary forms.
"use strict";
(function () {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const say = (text, bad) => {
    const box = document.getElementById("saved");
    if (!box) return;
    box.textContent = text;
    box.className = bad ? "bad" : "ok";
  };

  async function decide(factId, status, corrections, comment) {
    const response = await fetch("/api/decisions", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
      body: JSON.stringify({fact_id: factId, status: status, corrections: corrections || {}, comment: comment || ""}),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = {error: response.statusText}; }
    if (!response.ok || !data.ok) {
      say("not saved: " + (data.error || response.status), true);
      throw new Error(data.error || String(response.status));
    }
    say("saved: " + data.status + " " + data.fact_id);
    return data;
  }

  const typing = (ev) => {
    const t = ev.target;
    return ev.ctrlKey || ev.metaKey || ev.altKey ||
      (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)));
  };

  function setBadge(el, status) {
    if (!el) return;
    el.textContent = status;
    el.className = "badge s-" + status;
  }

  // ---- one fact, in its document --------------------------------------------------------------
  function factPage(root) {
    const factId = root.dataset.factId;
    const go = (url) => { if (url) window.location.assign(url); };
    const after = () => root.dataset.next ? go(root.dataset.next) : window.location.reload();
    const current = document.getElementById("current");
    if (current) current.scrollIntoView({block: "center"});

    let busy = false;                        // one decision at a time (a key held down sends one)
    const act = (status) => {
      if (busy) return;
      busy = true;
      decide(factId, status).then(() => {
        setBadge(document.querySelector("#status .badge"), status);
        after();
      }).catch(() => { busy = false; });
    };

    document.getElementById("decide").addEventListener("submit", (ev) => {
      ev.preventDefault();
      act(ev.submitter ? ev.submitter.value : "accepted");
    });
    const correct = document.getElementById("correct");
    correct.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const fields = {};
      let comment = "";
      for (const [name, value] of new FormData(correct).entries()) {
        if (name.startsWith("corr_")) fields[name.slice(5)] = value;
        if (name === "comment") comment = value;
      }
      decide(factId, "corrected", fields, comment).then(() => window.location.reload()).catch(() => {});
    });
    document.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape" && ev.target && ev.target.blur) { ev.target.blur(); return; }
      if (typing(ev)) return;
      const key = ev.key;
      if (key === "j") go(root.dataset.next);
      else if (key === "k") go(root.dataset.prev);
      else if (key === "a") act("accepted");
      else if (key === "r") act("rejected");
      else if (key === "c") {
        ev.preventDefault();
        document.getElementById("correct-box").open = true;
        const first = correct.querySelector("input[name^='corr_']");
        if (first) { first.focus(); first.select(); }
      } else if (key === "u") go(root.dataset.list);
      else return;
    });
  }

  // ---- the list -------------------------------------------------------------------------------
  function listPage(table) {
    const rows = () => Array.from(table.querySelectorAll("tr.fact-row"));
    let at = 0;
    const select = (i) => {
      const all = rows();
      if (!all.length) return;
      at = Math.max(0, Math.min(all.length - 1, i));
      all.forEach((r, n) => r.classList.toggle("sel", n === at));
      all[at].scrollIntoView({block: "nearest"});
    };
    const bump = (status, delta) => {
      const b = document.querySelector('.counts .count[data-status="' + status + '"] b');
      if (b) b.textContent = String(Number(b.textContent) + delta);
    };
    const act = (row, status) => {
      const badge = row.querySelector(".st .badge");
      const before = badge ? badge.textContent : "";
      return decide(row.dataset.factId, status).then(() => {
        if (before !== status) { bump(before, -1); bump(status, 1); }
        setBadge(badge, status);
      });
    };
    table.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const row = ev.target.closest("tr.fact-row");
      act(row, ev.submitter ? ev.submitter.value : "accepted").catch(() => {});
    });
    table.addEventListener("click", (ev) => {
      const row = ev.target.closest("tr.fact-row");
      if (row && !ev.target.closest("a, button")) select(rows().indexOf(row));
    });
    document.addEventListener("keydown", (ev) => {
      if (typing(ev)) return;
      const all = rows();
      const row = all[at];
      if (ev.key === "j") select(at + 1);
      else if (ev.key === "k") select(at - 1);
      else if ((ev.key === "o" || (ev.key === "Enter" && !ev.target.closest("a, button"))) && row) {
        window.location.assign(row.dataset.href);
      }
      else if (ev.key === "c" && row) window.location.assign(row.dataset.href + "#correct");
      else if ((ev.key === "a" || ev.key === "r") && row) {
        act(row, ev.key === "a" ? "accepted" : "rejected").then(() => select(at + 1)).catch(() => {});
      }
    });
    select(0);
  }

  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (ev) => { if (!window.confirm(form.dataset.confirm)) ev.preventDefault(); });
  }
  const split = document.querySelector(".page-fact .split");
  if (split) {
    factPage(split);
    if (window.location.hash === "#correct") {
      document.getElementById("correct-box").open = true;
      const first = document.querySelector("#correct input[name^='corr_']");
      if (first) first.focus();
    }
  }
  const table = document.querySelector(".page-list #facts");
  if (table) listPage(table);
})();
