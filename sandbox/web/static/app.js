"use strict";
// ocr-sandbox web page: no framework, no inline script (the CSP forbids it), no outside assets.
(function () {
  const csrf = document.body.dataset.csrf || "";

  const strings = JSON.parse(document.body.dataset.strings || "{}");
  const say = (key) => strings[key] || key;

  function chosenTask() {
    const checked = document.querySelector("input[name=task]:checked");
    return checked ? checked.value : "";
  }

  // Every format is in the page once (with its task); only the current task's are offered.
  let allFormats = null;
  function formatsForTask() {
    const format = document.getElementById("format");
    if (!format) return;
    if (allFormats === null) allFormats = Array.from(format.options);
    const task = chosenTask();
    const keep = format.value;
    format.textContent = "";
    for (const option of allFormats) if (option.dataset.task === task) format.appendChild(option);
    const values = Array.from(format.options).map((o) => o.value);
    if (values.includes(keep)) format.value = keep;
    const redaction = document.getElementById("redaction");
    if (redaction) redaction.hidden = task !== "redact";
  }

  function upload() {
    const drop = document.getElementById("drop");
    const input = document.getElementById("files");
    const chosen = document.getElementById("chosen");
    if (!drop || !input) return;
    const form = document.getElementById("upload");
    const maxBytes = Number(form.dataset.maxBytes) || Infinity;
    const maxFiles = Number(form.dataset.maxFiles) || Infinity;
    // The limits are checked before anything is sent (the server checks them again).
    const list = () => {
      chosen.textContent = "";
      let big = false;
      for (const file of input.files) {
        const li = document.createElement("li");
        li.textContent = file.name;  // text, never HTML
        if (file.size > maxBytes) { li.className = "over"; big = true; }
        chosen.appendChild(li);
      }
      const many = input.files.length > maxFiles;
      document.getElementById("too-big").hidden = !big;
      document.getElementById("too-many").hidden = !many;
      document.getElementById("go").disabled = big || many;
    };
    input.addEventListener("change", list);
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      input.files = e.dataTransfer.files;
      list();
    });
    for (const radio of document.querySelectorAll("input[name=task]")) radio.addEventListener("change", formatsForTask);
    formatsForTask();
  }

  function progress() {
    const section = document.getElementById("job");
    if (!section) return;
    const job = section.dataset.job;
    let since = "";
    const poll = async () => {
      // a long poll: the server answers when what is shown changes (or after 10 s)
      const response = await fetch(`/jobs/${job}/status?since=${encodeURIComponent(since)}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) { document.getElementById("state").textContent = say("js.gone"); return; }
      const data = await response.json();
      since = data.token;
      if (data.state === "review") { window.location.reload(); return; }
      document.getElementById("state").textContent = data.state_text;
      document.getElementById("counts").textContent = data.progress;
      const items = document.querySelectorAll("#progress li");
      data.files.forEach((file, i) => {
        const badge = items[i] && items[i].querySelector(".badge");
        if (badge) { badge.textContent = file.state_text; badge.className = `badge ${file.state}`; }
        const why = items[i] && items[i].querySelector(".why");
        if (why) why.textContent = file.reason;
      });
      const error = document.getElementById("error");
      error.textContent = data.error;
      error.hidden = !data.error;
      document.getElementById("password").hidden = !data.needs_password;
      if (data.state === "done") {
        const outputs = document.getElementById("outputs");
        outputs.textContent = "";
        for (const output of data.outputs) {
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = `/jobs/${job}/files/${encodeURIComponent(output.path)}`;
          a.textContent = output.name;
          a.setAttribute("download", output.name);
          li.appendChild(a);
          outputs.appendChild(li);
        }
        document.getElementById("results").hidden = data.outputs.length === 0;
        return;
      }
      if (data.state !== "failed") setTimeout(poll, 20);
    };
    poll();
  }

  function place(box, figure) {
    const [x0, y0, x1, y1] = box.dataset.box.split(",").map(Number);
    const w = Number(figure.dataset.width) || 1;
    const h = Number(figure.dataset.height) || 1;
    box.style.left = `${(100 * x0) / w}%`;
    box.style.top = `${(100 * y0) / h}%`;
    box.style.width = `${(100 * (x1 - x0)) / w}%`;
    box.style.height = `${(100 * (y1 - y0)) / h}%`;
  }

  // Each unread region and form mark of the list is shown cut from its page picture.
  function regions(section) {
    for (const canvas of section.querySelectorAll("canvas.region")) {
      const doc = canvas.closest(".doc");
      const figure = doc && doc.querySelector(`.page[data-page="${canvas.dataset.page}"]`);
      const img = figure && figure.querySelector("img");
      if (!img) continue;
      const draw = () => {
        const [x0, y0, x1, y1] = canvas.dataset.box.split(",").map(Number);
        const sx = img.naturalWidth / (Number(figure.dataset.width) || img.naturalWidth);
        const sy = img.naturalHeight / (Number(figure.dataset.height) || img.naturalHeight);
        const pad = Math.max(8, (y1 - y0) / 3);
        const left = Math.max(0, x0 - pad), top = Math.max(0, y0 - pad);
        const w = Math.max(1, x1 + pad - left), h = Math.max(1, y1 + pad - top);
        const scale = Math.min(1, 240 / w, 120 / h) || 1;
        canvas.width = Math.max(1, Math.round(w * scale));
        canvas.height = Math.max(1, Math.round(h * scale));
        const ctx = canvas.getContext("2d");
        ctx.drawImage(img, left * sx, top * sy, w * sx, h * sy, 0, 0, canvas.width, canvas.height);
        ctx.strokeStyle = "#d81d1d";
        ctx.lineWidth = 2;
        ctx.strokeRect((x0 - left) * scale, (y0 - top) * scale, (x1 - x0) * scale, (y1 - y0) * scale);
      };
      if (img.complete && img.naturalWidth) draw();
      else img.addEventListener("load", draw);
    }
  }

  function review() {
    const section = document.getElementById("review");
    if (!section) return;
    const job = section.dataset.job;
    regions(section);
    for (const figure of section.querySelectorAll(".page")) {
      for (const box of figure.querySelectorAll(".box")) {
        place(box, figure);
        box.addEventListener("click", (e) => {
          e.stopPropagation();
          const keep = box.classList.contains("redact");
          for (const same of section.querySelectorAll(`.box[data-id="${box.dataset.id}"]`)) {
            same.classList.toggle("redact", !keep);
            same.classList.toggle("keep", keep);
          }
        });
      }
      let start = null;
      let drawn = null;
      const at = (e) => {
        const r = figure.getBoundingClientRect();
        const w = Number(figure.dataset.width) || r.width;
        const h = Number(figure.dataset.height) || r.height;
        return [Math.round(((e.clientX - r.left) / r.width) * w), Math.round(((e.clientY - r.top) / r.height) * h)];
      };
      figure.addEventListener("mousedown", (e) => {
        if (e.target.classList.contains("box")) return;
        e.preventDefault();
        start = at(e);
        drawn = document.createElement("button");
        drawn.type = "button";
        drawn.className = "box added";
        figure.appendChild(drawn);
      });
      figure.addEventListener("mousemove", (e) => {
        if (!start) return;
        const [x, y] = at(e);
        drawn.dataset.box = [Math.min(start[0], x), Math.min(start[1], y), Math.max(start[0], x), Math.max(start[1], y)].join(",");
        place(drawn, figure);
      });
      const finish = () => {
        if (!start) return;
        const box = (drawn.dataset.box || "0,0,0,0").split(",").map(Number);
        if (box[2] - box[0] < 3 || box[3] - box[1] < 3) drawn.remove();
        else drawn.addEventListener("click", (e) => { e.stopPropagation(); e.currentTarget.remove(); });
        start = null;
        drawn = null;
      };
      figure.addEventListener("mouseup", finish);
      figure.addEventListener("mouseleave", finish);
    }
    document.getElementById("apply").addEventListener("click", async (e) => {
      e.target.disabled = true;
      const decisions = {};
      for (const box of section.querySelectorAll(".box[data-id]")) {
        decisions[box.dataset.id] = box.classList.contains("keep") ? "keep" : "redact";
      }
      const boxes = [];
      for (const box of section.querySelectorAll(".box.added")) {
        const figure = box.closest(".page");
        boxes.push({
          sha256: box.closest(".doc").dataset.sha,
          page: Number(figure.dataset.page),
          box: box.dataset.box.split(",").map(Number),
        });
      }
      const response = await fetch(`/jobs/${job}/apply`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ decisions, boxes }),
      });
      const data = await response.json();
      if (response.ok) window.location.assign(data.next);
      else { e.target.disabled = false; alert(data.error || say("js.apply_failed")); }
    });
  }

  document.addEventListener("DOMContentLoaded", () => { upload(); progress(); review(); });
})();
