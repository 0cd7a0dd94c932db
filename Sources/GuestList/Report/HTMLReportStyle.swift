/// The stylesheet and script embedded in every HTML report.
///
/// They live inline because the page must be self-contained (SPEC §5): it is mailed around and opened
/// from disk, where no server or CDN can be relied on. The script only filters the problem table; the
/// page is complete without it, and the filter controls stay hidden unless the script runs.
enum HTMLReportStyle {
    static let css = """
        :root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --panel: #f5f7fa; --accent: #2b6cb0; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Helvetica Neue", Arial,
               "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif; color: var(--ink); background: #fff; }
        main { max-width: 1080px; margin: 0 auto; padding: 28px 32px 48px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
        .subtitle { color: var(--muted); margin: 0 0 20px; font-size: 14px; }
        code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
                      font-size: 13px; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0;
                  font-size: 14px; }
        dl.meta dt { color: var(--muted); }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        .notice { margin: 16px 0 0; padding: 10px 14px; border-radius: 6px; border: 1px solid #f6e05e;
                  background: #fffff0; font-size: 14px; }
        .notice.fault { border-color: #feb2b2; background: #fff5f5; }
        .counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(118px, 1fr)); gap: 10px;
                  margin: 24px 0 0; padding: 0; list-style: none; }
        .counts li { background: var(--panel); border-radius: 8px; padding: 10px 14px;
                     border-top: 4px solid var(--c, #cbd2d9); }
        .counts .n { display: block; font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .counts .label { color: var(--muted); font-size: 13px; }
        .counts li.zero .n { color: #9aa5b1; }
        .counts li.total { background: #fff; border: 1px solid var(--line); border-top: 4px solid var(--ink); }
        figure { margin: 0; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
        svg { display: block; max-width: 100%; height: auto; font-family: inherit; }
        svg text { fill: var(--ink); font-size: 12px; }
        svg .axis { stroke: #cbd2d9; stroke-width: 1; }
        svg .grid { stroke: #eef1f4; stroke-width: 1; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 10px 0 0; padding: 0; list-style: none;
                  font-size: 13px; }
        .legend li::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 2px;
                             margin-right: 6px; background: var(--c); vertical-align: -1px; }
        .empty { color: var(--muted); font-style: italic; }
        .filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 0 0 12px;
                   font-size: 14px; }
        .filters[hidden] { display: none; }
        .filters input[type=search] { font: inherit; padding: 5px 10px; border: 1px solid #cbd2d9;
                                      border-radius: 6px; min-width: 240px; }
        .filters label { white-space: nowrap; }
        #shown { color: var(--muted); margin-left: auto; }
        table { width: 100%; border-collapse: collapse; font-size: 14px; }
        th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase;
             letter-spacing: .04em; border-bottom: 2px solid var(--line); padding: 6px 10px; }
        td { border-bottom: 1px solid var(--line); padding: 7px 10px; vertical-align: top; overflow-wrap: anywhere; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tbody tr:hover { background: #fafbfc; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
                 color: #fff; background: var(--c); white-space: nowrap; }
        .warn { display: block; color: #975a16; font-size: 12px; }
        .reason { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600;
                  background: #fefcbf; color: #744210; }
        .reasons { display: block; font-size: 12px; color: #744210; margin-top: 2px; }
        footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
        @media print { .filters { display: none; } main { padding: 0; } }
        """

    /// Shows the filter controls, then hides table rows that fail the text query or an unticked status.
    /// A `#filter=TEXT` fragment pre-fills the query, so a filtered view can be linked to (and tested).
    static let script = """
        (function () {
          var box = document.getElementById('filters');
          var table = document.getElementById('problems');
          if (!box || !table) return;
          box.hidden = false;
          var query = document.getElementById('query');
          var shown = document.getElementById('shown');
          var rows = Array.prototype.slice.call(table.tBodies[0].rows);
          var boxes = Array.prototype.slice.call(box.querySelectorAll('input[type=checkbox]'));
          function apply() {
            var q = query.value.trim().toLowerCase();
            var on = {};
            boxes.forEach(function (b) { on[b.value] = b.checked; });
            var n = 0;
            rows.forEach(function (r) {
              var ok = on[r.getAttribute('data-status')] !== false &&
                       (q === '' || r.textContent.toLowerCase().indexOf(q) >= 0);
              r.hidden = !ok;
              if (ok) n += 1;
            });
            shown.textContent = 'Showing ' + n + ' of ' + rows.length;
          }
          var hash = /^#filter=(.*)$/.exec(location.hash);
          if (hash) query.value = decodeURIComponent(hash[1]);
          query.addEventListener('input', apply);
          boxes.forEach(function (b) { b.addEventListener('change', apply); });
          apply();
        })();
        """
}
