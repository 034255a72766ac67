// Forms marked data-api send their fields as JSON to the API (with the CSRF token) and show
// the answer's errors beside the fields; no build step, no framework.
(function () {
  // A dotted name nests ("child.nik"); a numeric part makes a list ("members.0.shdk").
  function set(obj, path, value) {
    var keys = path.split(".");
    var last = keys.pop();
    keys.forEach(function (k, i) {
      obj = obj[k] = obj[k] || (/^[0-9]+$/.test(keys[i + 1] || last) ? [] : {});
    });
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
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
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
// a dry run, "import" imports, "skip" imports the valid rows and leaves the refused ones out.
// The report is shown below the form: the layout recognised, what each column is read into,
// labels read through variant spellings, the first rows as they will be stored, every problem.
(function () {
  function cell(row, text) { row.insertCell().textContent = text == null ? "" : text; }
  function table(out, id, caption, heads, rows) {
    if (!rows.length) return;
    var t = document.createElement("table");
    t.id = id;
    t.createCaption().textContent = caption;
    var head = t.createTHead().insertRow();
    heads.forEach(function (h) { cell(head, h); });
    var body = t.createTBody();
    rows.forEach(function (r) {
      var row = body.insertRow();
      r.forEach(function (v) { cell(row, v); });
    });
    var wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.appendChild(t);
    out.appendChild(wrap);
  }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.dataset.upload) return;
    ev.preventDefault();
    var file = form.querySelector("input[type=file]").files[0];
    var out = form.querySelector("#import-result");
    var skip = form.querySelector("button[value=skip]");
    if (!file) return;
    var mode = ev.submitter ? ev.submitter.value : "check";
    var dry = mode === "check";
    out.textContent = "Memproses " + file.name + "...";
    if (skip) skip.hidden = true;
    fetch(form.dataset.upload + "?dry_run=" + dry + "&skip_refused=" + (mode === "skip"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": file.type || "application/octet-stream", "x-csrf-token": form.dataset.csrf },
      body: file
    }).then(function (res) {
      return res.json().then(function (data) {
        var problems = data.problems || data.rows || [];
        out.textContent = "";
        var p = document.createElement("p");
        p.id = "import-summary";
        p.textContent = res.ok
          ? (dry ? "Pemeriksaan (" : "Impor selesai (") + data.layout_title + "): " + data.created +
            " penduduk " + (dry ? "akan ditambahkan" : "ditambahkan") + ", " + data.families_created +
            " KK baru, " + data.areas_created + " RT baru, " + data.unchanged + " sudah ada, " +
            problems.length + " masalah" + (data.skipped ? ", " + data.skipped + " baris dilewati" : "") + "."
          : (data.detail || "Gagal.");
        out.appendChild(p);
        table(out, "import-problems", "Baris yang ditolak", ["Baris", "Kolom", "Masalah"],
          problems.map(function (x) { return [x.row, x.column, x.message]; }));
        if (res.ok) {
          table(out, "import-preview", "Baris pertama seperti akan disimpan",
            ["Baris", "No KK", "NIK", "Nama", "JK", "Lahir", "SHDK", "Status", "Wilayah"],
            data.preview.map(function (r) {
              return [r.row, r.no_kk, r.nik, r.nama, r.jenis_kelamin, r.tanggal_lahir, r.shdk, r.status_dasar, r.wilayah];
            }));
          table(out, "import-variants", "Label yang dibaca dengan ejaan lain", ["Kolom", "Tertulis", "Dibaca sebagai", "Baris"],
            data.variants.map(function (v) { return [v.column, v.value, v.name, v.rows]; }));
          table(out, "import-columns", "Kolom berkas dan isinya", ["Kolom di berkas", "Disimpan sebagai"],
            data.columns.map(function (c) { return [c.header, c.field || "tidak disimpan"]; }));
        }
        if (skip && res.ok && dry && problems.length && data.created) {
          skip.textContent = "Impor " + data.created + " baris yang valid, lewati yang ditolak";
          skip.hidden = false;
        }
      });
    }).catch(function () { out.textContent = "Koneksi terputus. Coba lagi."; });
  });
})();
// The regency's batch form (data-batch): each chosen file, named for its desa, is sent to the
// regency import in turn; a progress bar counts the files and a row says what each desa got.
(function () {
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.dataset.batch) return;
    ev.preventDefault();
    var files = Array.prototype.slice.call(form.querySelector("input[type=file]").files);
    if (!files.length) return;
    var dry = !ev.submitter || ev.submitter.value === "check";
    var skip = form.querySelector("#batch-skip").checked;
    var bar = form.querySelector("#batch-progress");
    var status = form.querySelector("#batch-status");
    var table = form.querySelector("#batch-summary");
    var body = table.tBodies[0];
    body.textContent = "";
    table.hidden = false;
    bar.hidden = false;
    bar.max = files.length;
    bar.value = 0;
    var ok = 0;
    function row(file, desa, outcome) {
      var r = body.insertRow();
      [file, desa, outcome].forEach(function (t) { r.insertCell().textContent = t; });
    }
    function next(i) {
      if (i === files.length) {
        status.textContent = files.length + " berkas: " + ok + " desa berhasil, " + (files.length - ok) + " gagal" +
          (dry ? " (pemeriksaan saja, tidak ada yang disimpan)." : ".");
        return;
      }
      var file = files[i];
      status.textContent = "Memproses " + file.name + " (" + (i + 1) + " dari " + files.length + ")...";
      var query = "?file=" + encodeURIComponent(file.name) + "&dry_run=" + dry + "&skip_refused=" + skip;
      fetch(form.dataset.batch + query, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/octet-stream", "x-csrf-token": form.dataset.csrf },
        body: file
      }).then(function (res) {
        return res.json().then(function (data) {
          if (res.ok) {
            var r = data.report;
            var refused = new Set(r.problems.map(function (p) { return p.row; })).size;
            if (!refused || skip) ok += 1;
            row(file.name, data.code + " " + data.name, r.layout_title + ": " + r.rows + " baris, " + r.created +
              " penduduk, " + r.families_created + " KK, " + r.unchanged + " sudah ada, " + refused + " ditolak");
          } else {
            var first = (data.rows || [])[0];
            row(file.name, "-", "tidak disimpan: " + (first ? "baris " + first.row + " kolom " + first.column + ": " + first.message : data.detail));
          }
        });
      }).catch(function () {
        row(file.name, "-", "koneksi terputus");
      }).then(function () {
        bar.value = i + 1;
        next(i + 1);
      });
    }
    next(0);
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
      method: form.dataset.method || "POST",
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
