package io.tidewatch.cli.report;

/** The report's CSS, inlined in the page: system fonts only, so nothing is fetched. */
final class Stylesheet {

    private Stylesheet() {
    }

    static final String CSS = """
            :root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --ground: #f3f5f7; --card: #ffffff;
                    --accent: #0b5cad; --navy: #0f2537; --alert: #b42318; }
            * { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; }
            body { margin: 0; background: var(--ground); color: var(--ink);
                   font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue",
                         "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
            .wrap { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
            .masthead { background: linear-gradient(120deg, #0f2537 0%, #16395a 60%, #0b5cad 100%); color: #fff;
                        padding: 26px 0 30px; margin-bottom: 22px; }
            .brand { font-size: 13px; letter-spacing: .14em; text-transform: uppercase; opacity: .8; }
            .wave { font-size: 18px; margin-right: 4px; }
            h1 { margin: 4px 0 2px; font-size: 28px; font-weight: 650; letter-spacing: -.01em; }
            .subtitle { margin: 0; opacity: .85; }
            h2 { margin: 0 0 4px; font-size: 18px; font-weight: 650; }
            h3 { margin: 18px 0 8px; font-size: 15px; font-weight: 650; }
            .kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; margin-bottom: 18px; }
            .kpi { background: var(--card); border-radius: 10px; padding: 12px 14px;
                   box-shadow: 0 1px 2px rgba(15, 37, 55, .08), 0 0 0 1px rgba(15, 37, 55, .04); }
            .kpi-label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
            .kpi-value { font-size: 24px; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums; }
            .kpi-detail { color: var(--muted); font-size: 12px; }
            .card { background: var(--card); border-radius: 12px; padding: 18px 20px; margin-bottom: 18px;
                    box-shadow: 0 1px 2px rgba(15, 37, 55, .08), 0 0 0 1px rgba(15, 37, 55, .04); }
            .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
            .grid2 .card { margin-bottom: 18px; }
            .lede { margin: 0 0 12px; color: var(--muted); max-width: 95ch; }
            figure { margin: 0; }
            img.plot { display: block; max-width: 100%; height: auto; }
            .legend-chips { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 0 0 10px; }
            .chip { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
            .swatch { width: 10px; height: 10px; border-radius: 3px; display: inline-block; flex: none; }
            .chip-note { color: var(--muted); font-size: 12px; margin-left: -10px; }
            table.data { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
            table.data th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px;
                            text-transform: uppercase; letter-spacing: .04em; border-bottom: 2px solid var(--line);
                            padding: 6px 10px; }
            table.data td { border-bottom: 1px solid var(--line); padding: 7px 10px; vertical-align: top; }
            table.data tbody tr:hover { background: #f8fafc; }
            table.data .num { text-align: right; white-space: nowrap; }
            table.data tr.total td { font-weight: 650; border-top: 2px solid var(--line); }
            table.data td.best { color: var(--accent); font-weight: 650; }
            table.compact td, table.compact th { padding: 4px 10px; }
            table.figures { width: auto; min-width: 420px; }
            table.figures th { text-transform: none; letter-spacing: 0; font-size: 14px; color: var(--ink);
                               font-weight: 500; border-bottom: 1px solid var(--line); }
            .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
                    font-size: 13px; white-space: nowrap; }
            .host { overflow-wrap: anywhere; white-space: normal; }
            .muted { color: var(--muted); }
            .small { font-size: 12px; }
            ul.reasons { margin: 0; padding-left: 16px; }
            ul.reasons li { margin: 1px 0; overflow-wrap: anywhere; }
            .meter { display: inline-block; width: 64px; height: 6px; border-radius: 3px; background: var(--line);
                     vertical-align: middle; margin-right: 8px; overflow: hidden; }
            .meter > span { display: block; height: 100%; background: var(--accent); border-radius: 3px; }
            .meter-value { font-variant-numeric: tabular-nums; }
            .signal { background: #fdecea; color: var(--alert); border-radius: 4px; padding: 1px 6px;
                      font-size: 12px; font-weight: 600; }
            .empty { color: var(--muted); font-style: italic; padding: 24px; text-align: center;
                     background: #f8fafc; border-radius: 8px; }
            footer { color: var(--muted); font-size: 12px; padding: 8px 20px 30px; }
            @media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; }
                                        .kpis { grid-template-columns: repeat(3, 1fr); } }
            """;
}
