// blogstack browsable API: keeps the API token for the tab and sends the
// forms with fetch, because HTML forms can neither set an Authorization
// header nor use PUT, PATCH, DELETE or OPTIONS. Values from the server are
// only ever written with textContent, never as markup.
(function () {
  "use strict";

  var TOKEN_KEY = "blogstack.apiToken";

  function byId(id) { return document.getElementById(id); }

  function storedToken() {
    try { return window.sessionStorage.getItem(TOKEN_KEY) || ""; } catch (e) { return ""; }
  }

  function storeToken(value) {
    try {
      if (value) { window.sessionStorage.setItem(TOKEN_KEY, value); } else { window.sessionStorage.removeItem(TOKEN_KEY); }
    } catch (e) { /* storage disabled: the token still works for this page */ }
  }

  function token() {
    var input = byId("api-token");
    return (input ? input.value : storedToken()).trim();
  }

  function requestHeaders(extra) {
    var h = { "Accept": "application/json" };
    var t = token();
    if (t) { h["Authorization"] = "Bearer " + t; }
    for (var k in extra) { if (Object.prototype.hasOwnProperty.call(extra, k)) { h[k] = extra[k]; } }
    return h;
  }

  function statusText(res) {
    return "HTTP " + res.status + (res.statusText ? " " + res.statusText : "");
  }

  // pretty re-indents a JSON text like the server-rendered body; anything
  // that is not JSON is shown as it came.
  function pretty(text) {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
  }

  // parentPath maps /posts/3/ to /posts/: where to go after a DELETE.
  function parentPath(path) {
    var parts = path.split("/").filter(function (s) { return s !== ""; });
    parts.pop();
    return "/" + parts.join("/") + (parts.length ? "/" : "");
  }

  // encode sends the form the way a plain HTML form would
  // (application/x-www-form-urlencoded). PATCH sends only the fields whose
  // value differs from the one the page was rendered with.
  function encode(form, onlyChanged) {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === "submit" || el.type === "button") { return; }
      if (onlyChanged && el.value === el.defaultValue) { return; }
      params.append(el.name, el.value);
    });
    return params.toString();
  }

  function clearErrors(form) {
    var box = form.querySelector(".form-errors");
    if (box) { box.hidden = true; }
    form.querySelectorAll("[data-error-for]").forEach(function (p) { p.textContent = ""; p.hidden = true; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
  }

  function showErrors(form, title, text, data) {
    var box = form.querySelector(".form-errors");
    if (box) {
      box.querySelector(".form-errors-title").textContent = title;
      box.querySelector(".form-errors-body").textContent = text;
      box.hidden = false;
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) { return; }
    var first = null;
    Object.keys(data).forEach(function (name) {
      var slot = form.querySelector('[data-error-for="' + CSS.escape(name) + '"]');
      if (!slot) { return; }
      var msgs = Array.isArray(data[name]) ? data[name] : [data[name]];
      slot.textContent = msgs.join(" ");
      slot.hidden = false;
      var input = form.elements.namedItem(name);
      if (input && input.setAttribute) {
        input.setAttribute("aria-invalid", "true");
        first = first || input;
      }
    });
    if (first) { first.focus(); }
  }

  function setBusy(form, busy) {
    form.classList.toggle("busy", busy);
    form.querySelectorAll("button").forEach(function (b) { b.disabled = busy; });
  }

  function handleResponse(form, method, res) {
    if (res.status === 201) {
      var loc = res.headers.get("Location");
      if (loc) { window.location.assign(loc); } else { window.location.reload(); }
      return null;
    }
    if (res.status === 204) {
      window.location.assign(parentPath(new URL(form.action).pathname));
      return null;
    }
    if (res.ok) {
      window.location.reload();
      return null;
    }
    return res.text().then(function (text) {
      var data = null;
      try { data = JSON.parse(text); } catch (e) { /* not JSON: show the text */ }
      var title = method + " failed: " + statusText(res);
      if (res.status === 401) { title += ". Enter a valid API token above."; }
      showErrors(form, title, pretty(text), data);
    });
  }

  function onSubmit(ev) {
    var form = ev.target;
    if (!form.hasAttribute || !form.hasAttribute("data-api-form")) { return; }
    ev.preventDefault();
    var submitter = ev.submitter || form.querySelector("[data-method]");
    var method = (submitter && submitter.getAttribute("data-method")) || form.getAttribute("data-method") || "POST";
    var confirmText = submitter && submitter.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) { return; }
    var init = { method: method, credentials: "same-origin" };
    if (method === "DELETE") {
      init.headers = requestHeaders({});
    } else {
      init.headers = requestHeaders({ "Content-Type": "application/x-www-form-urlencoded" });
      init.body = encode(form, method === "PATCH");
    }
    clearErrors(form);
    setBusy(form, true);
    fetch(form.action, init)
      .then(function (res) { return handleResponse(form, method, res); })
      .catch(function (err) { showErrors(form, method + " failed: " + err.message, "", null); })
      .finally(function () { setBusy(form, false); });
  }

  // showOptions replaces the response panel with the OPTIONS metadata, as
  // DRF's OPTIONS button does, without leaving the page.
  function showOptions(button) {
    var path = button.getAttribute("data-path") || window.location.pathname;
    fetch(path, { method: "OPTIONS", headers: requestHeaders({}), credentials: "same-origin" })
      .then(function (res) {
        return res.text().then(function (text) {
          byId("request-method").textContent = "OPTIONS";
          byId("request-target").textContent = path;
          var status = byId("response-status");
          status.textContent = statusText(res);
          status.className = "status " + (res.ok ? "ok" : "client-error");
          var headers = byId("response-headers");
          headers.textContent = "";
          ["Allow", "Content-Type", "Vary"].forEach(function (name) {
            var value = res.headers.get(name);
            if (!value) { return; }
            var row = document.createElement("div");
            var dt = document.createElement("dt");
            var dd = document.createElement("dd");
            dt.textContent = name + ":";
            dd.textContent = value;
            row.append(dt, " ", dd);
            headers.append(row);
          });
          var body = byId("response-body");
          body.textContent = pretty(text);
          body.classList.toggle("empty", text === "");
          var pager = byId("pagination");
          if (pager) { pager.hidden = true; }
        });
      })
      .catch(function (err) { byId("response-status").textContent = "OPTIONS failed: " + err.message; });
  }

  function init() {
    var input = byId("api-token");
    if (input) {
      input.value = storedToken();
      input.addEventListener("input", function () { storeToken(input.value.trim()); });
    }
    var clear = byId("api-token-clear");
    if (clear && input) {
      clear.addEventListener("click", function () { input.value = ""; storeToken(""); input.focus(); });
    }
    var options = byId("options-button");
    if (options) { options.addEventListener("click", function () { showOptions(options); }); }
    document.addEventListener("submit", onSubmit);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
