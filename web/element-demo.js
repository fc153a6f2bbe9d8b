// element.html's controls: each <select data-target data-attribute> sets that attribute
// of its <campaign-sim> element, which then updates its widget.
for (const select of document.querySelectorAll("select[data-target][data-attribute]")) {
  select.addEventListener("change", () => {
    document.getElementById(select.dataset.target)?.setAttribute(select.dataset.attribute, select.value);
  });
}
