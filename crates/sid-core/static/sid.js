// Forms marked data-api send their fields as JSON to the API (with the CSRF token) and show
// the answer's errors beside the fields; no build step, no framework.
(function () {
  function set(obj, path, value) {
    var keys = path.split(".");
    var last = keys.pop();
    keys.forEach(function (k) { obj = obj[k] = obj[k] || {}; });
    obj[last] = value;
  }
  function lookup(obj, path) {
    return path.split(".").reduce(function (o, k) { return o && o[k]; }, obj);
  }
  function clear(form) {
    form.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    var box = form.querySelector(".form-result");
    if (box) { box.textContent = ""; box.hidden = true; }
  }
  function show(form, problem) {
    var box = form.querySelector(".form-result");
    if (box) { box.textContent = problem.detail || "Gagal menyimpan."; box.hidden = false; }
    (problem.errors || []).forEach(function (e) {
      var field = form.querySelector('[name="' + e.field + '"]');
      if (!field) return;
      var note = document.createElement("span");
      note.className = "field-error";
      note.textContent = e.message;
      field.insertAdjacentElement("afterend", note);
    });
  }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.dataset.api) return;
    ev.preventDefault();
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    clear(form);
    var body = {};
    var query = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === "submit") return;
      if (el.type === "checkbox" && !el.checked) return;
      var v = el.value.trim();
      // An emptied text field of a form marked data-clear is sent empty: the API clears it.
      if (v === "" && !(form.dataset.clear !== undefined && el.dataset.int === undefined && el.type !== "file")) return;
      if (el.dataset.query !== undefined) return query.append(el.name, v);
      var value = el.dataset.int !== undefined ? Number(v) : el.dataset.bool !== undefined ? v === "true" : v;
      // A name ending in [] collects every checked box into a list.
      if (el.name.slice(-2) === "[]") {
        var name = el.name.slice(0, -2);
        return set(body, name, (lookup(body, name) || []).concat([value]));
      }
      set(body, el.name, value);
    });
    var url = form.dataset.api + (query.toString() ? "?" + query : "");
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    fetch(url, {
      method: form.dataset.method || "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-csrf-token": form.dataset.csrf },
      body: JSON.stringify(body)
    }).then(function (res) {
      if (res.status === 204) return form.dataset.next ? (window.location.href = form.dataset.next) : window.location.reload();
      return res.json().then(function (data) {
        if (button) button.disabled = false;
        if (!res.ok) return show(form, data);
        var id = data.id || (data.resident && data.resident.id) || "";
        window.location.href = (form.dataset.next || window.location.pathname).replace("{id}", id);
      });
    }).catch(function () {
      if (button) button.disabled = false;
      show(form, { detail: "Koneksi terputus. Coba lagi." });
    });
  });
})();
// Forms marked data-upload send the chosen file as the request body: "check" asks the API for
// a dry run, "import" imports; the report (or every problem) is shown below the form.
(function () {
  function cell(row, text) { row.insertCell().textContent = text; }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.dataset.upload) return;
    ev.preventDefault();
    var file = form.querySelector("input[type=file]").files[0];
    var out = form.querySelector("#import-result");
    if (!file) return;
    var dry = ev.submitter && ev.submitter.value === "check";
    out.textContent = "Memproses " + file.name + "...";
    fetch(form.dataset.upload + "?dry_run=" + dry, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": file.type || "application/octet-stream", "x-csrf-token": form.dataset.csrf },
      body: file
    }).then(function (res) {
      return res.json().then(function (data) {
        var problems = data.problems || data.rows || [];
        out.textContent = res.ok
          ? (dry ? "Pemeriksaan: " : "Impor selesai: ") + data.created + " penduduk baru, " +
            data.families_created + " KK baru, " + data.unchanged + " sudah ada, " + problems.length + " masalah."
          : (data.detail || "Gagal.");
        if (!problems.length) return;
        var table = document.createElement("table");
        table.id = "import-problems";
        var head = table.createTHead().insertRow();
        ["Baris", "Kolom", "Masalah"].forEach(function (h) { cell(head, h); });
        var body = table.createTBody();
        problems.forEach(function (p) {
          var row = body.insertRow();
          cell(row, p.row); cell(row, p.column); cell(row, p.message);
        });
        out.appendChild(table);
      });
    }).catch(function () { out.textContent = "Koneksi terputus. Coba lagi."; });
  });
})();
// Forms marked data-file send the chosen file as the request body (an upload of one document),
// then reload the page; a refusal is shown in the form.
(function () {
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.dataset.file) return;
    ev.preventDefault();
    var file = form.querySelector("input[type=file]").files[0];
    var box = form.querySelector(".form-result");
    if (!file) return;
    fetch(form.dataset.file, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": file.type || "application/octet-stream", "x-csrf-token": form.dataset.csrf },
      body: file
    }).then(function (res) {
      if (res.ok) return window.location.reload();
      return res.json().then(function (p) { box.textContent = p.detail || "Gagal mengunggah."; box.hidden = false; });
    }).catch(function () { box.textContent = "Koneksi terputus. Coba lagi."; box.hidden = false; });
  });
})();
// Controls marked data-autosubmit send their form when changed, buttons marked data-print print
// the page: the pages' Content-Security-Policy allows no inline script, so no inline handlers.
(function () {
  document.addEventListener("change", function (ev) {
    var el = ev.target;
    if (el.form && el.hasAttribute("data-autosubmit")) el.form.submit();
  });
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("[data-print]")) window.print();
  });
})();
