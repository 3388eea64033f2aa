// counterclaim's only script: small conveniences, nothing the pages need to work.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Filter selects apply themselves when changed.
  for (const select of document.querySelectorAll("select.autosubmit")) {
    select.addEventListener("change", () => select.form && select.form.submit());
  }
  // On a phone the board's filters fold behind their button.
  const filters = document.getElementById("filter-panel");
  if (filters && window.matchMedia("(max-width: 700px)").matches) { filters.open = false; }
  // A review or correction needs a reason: focus the field instead of submitting spaces.
  for (const form of document.querySelectorAll("form.review-form, form[action='/speakers-side']")) {
    form.addEventListener("submit", (event) => {
      const reason = form.querySelector("input[name=reason]");
      if (reason && !reason.value.trim()) { event.preventDefault(); reason.focus(); }
    });
  }
  // The speaker filter suggests stored speakers by any part of their name or alias as the user types.
  const speaker = document.querySelector("input[name=speaker][list]");
  const list = speaker && document.getElementById(speaker.getAttribute("list"));
  let asked = "";
  if (speaker && list) {
    speaker.addEventListener("input", () => {
      const q = speaker.value.trim();
      if (q.length < 2 || q === asked) { return; }
      asked = q;
      fetch("/api/speakers?limit=20&q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then((r) => (r.ok ? r.json() : {items: []}))
        .then((page) => {
          if (asked !== q) { return; }
          list.replaceChildren(...page.items.map((s) => {
            const option = document.createElement("option");
            option.value = s.name;
            option.textContent = s.claims + " claims";
            return option;
          }));
        })
        .catch(() => {});
    });
  }
  // A highlight's details (speaker, side, stance) open on tap too, not only on hover.
  let tip = null;
  const closeTip = () => { if (tip) { tip.remove(); tip = null; } };
  document.addEventListener("click", (event) => {
    const mark = event.target.closest && event.target.closest("mark[title]");
    closeTip();
    if (!mark) { return; }
    tip = document.createElement("div");
    tip.className = "tap-tip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = mark.getAttribute("title");
    document.body.appendChild(tip);
    const box = mark.getBoundingClientRect();
    const left = Math.max(4, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 4) + "px";
  });
  // Jump to and flash the claim named in the URL fragment.
  if (location.hash.length > 1) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { target.classList.add("flash-target"); target.scrollIntoView({block: "center"}); }
  }
});
