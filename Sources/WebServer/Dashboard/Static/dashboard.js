// Yunying dashboard: sortable tables (click a header). Pages work without it.
document.addEventListener("click", (event) => {
  const header = event.target.closest("table.sortable th");
  if (!header) return;
  const table = header.closest("table");
  const body = table.tBodies[0];
  const column = Array.from(header.parentNode.children).indexOf(header);
  const ascending = header.dataset.order !== "asc";
  table.querySelectorAll("th").forEach((th) => delete th.dataset.order);
  header.dataset.order = ascending ? "asc" : "desc";
  const key = (row) => {
    const cell = row.children[column];
    const raw = cell.dataset.value ?? cell.textContent.trim();
    const number = Number(raw);
    return Number.isNaN(number) ? raw : number;
  };
  const rows = Array.from(body.rows).sort((a, b) => {
    const x = key(a), y = key(b);
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
});

// Promotion form: show only the fieldsets of the chosen type (all show without script).
const promotionType = document.querySelector("select[data-promotion-type]");
if (promotionType) {
  const sync = () => {
    document.querySelectorAll("fieldset[data-type]").forEach((set) => {
      set.hidden = !set.dataset.type.split(" ").includes(promotionType.value);
    });
  };
  promotionType.addEventListener("change", sync);
  sync();
}
