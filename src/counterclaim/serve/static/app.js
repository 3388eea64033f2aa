// counterclaim's only script: small conveniences, nothing the pages need to work.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Filter selects apply themselves when changed.
  for (const select of document.querySelectorAll("select.autosubmit")) {
    select.addEventListener("change", () => select.form && select.form.submit());
  }
  // A review button needs a reason: focus the field instead of submitting an empty one.
  for (const form of document.querySelectorAll("form.review-form")) {
    form.addEventListener("submit", (event) => {
      const reason = form.querySelector("input[name=reason]");
      if (reason && !reason.value.trim()) { event.preventDefault(); reason.focus(); }
    });
  }
  // Jump to and flash the claim named in the URL fragment.
  if (location.hash.length > 1) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { target.classList.add("flash-target"); target.scrollIntoView({block: "center"}); }
  }
});
