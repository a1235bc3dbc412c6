/* The app's one script (no inline script anywhere: the Content-Security-Policy forbids it).
   Everything works without it; with it: the error summary takes the focus, a link to a line of the text
   selects that line, and a build's progress arrives as it happens (server-sent events). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }

    var job = document.getElementById("job");
    if (job && job.dataset.events && window.EventSource) {
      var list = document.getElementById("job-events");
      var source = new EventSource(job.dataset.events);
      var shown = list.children.length;
      var received = 0;
      source.addEventListener("progress", function (event) {
        received += 1;
        if (received <= shown) { return; }
        var item = document.createElement("li");
        item.textContent = JSON.parse(event.data);
        list.appendChild(item);
        document.getElementById("job-status").textContent = "Building: " + item.textContent;
      });
      source.addEventListener("end", function () {
        source.close();
        window.location.reload();
      });
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-line]");
    if (!link) { return; }
    var area = document.getElementById("body");
    if (!area) { return; }
    event.preventDefault();
    var lines = area.value.split("\n");
    var line = Math.max(1, Math.min(lines.length, parseInt(link.dataset.line, 10)));
    var start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    area.focus();
    area.setSelectionRange(start, start + lines[line - 1].length);
  });
})();
