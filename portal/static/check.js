// Checks a decision form as it is typed, with the server's rules (the same as on submit).
// Without JavaScript the form works the same: the rules are checked on submit.
document.querySelectorAll("form[data-check]").forEach(function (form) {
  var timer = null;
  var summary = form.querySelector("[data-live-summary]");
  function show(target, messages) {
    if (!target) { return; }
    target.textContent = messages.join("; ");
    target.hidden = messages.length === 0;
  }
  function check() {
    fetch(form.dataset.check, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) {
        if (!result) { return; }
        form.querySelectorAll("[data-live-field]").forEach(function (el) {
          show(el, result.fields[el.dataset.liveField] || []);
        });
        form.querySelectorAll("[data-live-row]").forEach(function (el) {
          show(el, result.rows[el.dataset.liveRow] || []);
        });
        show(summary, result.general.length ? result.general : (result.ok ? [] : []));
        if (summary && result.ok) { summary.hidden = false; summary.textContent = "Phiếu hợp lệ, có thể gửi."; summary.className = "live ok"; }
        else if (summary) { summary.className = "live alert"; }
      })
      .catch(function () {});
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 700); });
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(check, 300); });
});
