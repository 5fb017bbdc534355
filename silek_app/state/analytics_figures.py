"""Plotly figures of /analitik, built from the JSON figures of services.analytics.

Only layout here: every number comes from the service. Figures are kept small
(no template payload, a few traces) because each one is part of the tab's state.
An empty figure shows an Indonesian note instead of blank axes.

Phones first (a chart is about 320 px wide on a 360 px screen): the title is the
card's HTML heading (it wraps; a Plotly title is cut), legends name services by
code under the plot (the full name is in the hover text), categories with long
names are horizontal bars with wrapped tick labels, and the axes make room for
their labels (automargin) instead of cutting them. The height is fixed per figure
(horizontal bars grow with their rows); only the width follows the screen.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from silek_app.domain.indonesian_format import decimal_comma as dec
from silek_app.domain.indonesian_format import period_name, period_tick
from silek_app.domain.roles import role_label

EMPTY_NOTE = "Belum ada data untuk filter ini."
CONFIG = {
    "responsive": True,
    "displaylogo": False,
    # The axes are fixed, so of the tool bar only the picture download means anything.
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"filename": "analitik-silek"},
    "locale": "id",
    "locales": {"id": {"dictionary": {"Download plot as a PNG": "Unduh grafik (PNG)",
                                      "Download plot": "Unduh grafik"}}},
}  # fmt: skip
TITLES = {
    "fig_volume": "Permohonan per periode dan layanan",
    "fig_category": "Permohonan per kategori",
    "fig_wait_hist": "Sebaran waktu tunggu sampai terbit",
    "fig_wait_service": "Median dan p90 waktu tunggu per layanan, dibanding SLA",
    "fig_sla_service": "Terbit tepat waktu per layanan (%)",
    "fig_sla_step": "Tepat waktu per tahap (%)",
    "fig_steps": "Waktu di setiap tahap (hambatan)",
    "fig_backlog_age": "Berkas terbuka menurut umur",
    "fig_backlog_state": "Berkas terbuka per tahap",
    "fig_rework": "Putaran perbaikan per berkas",
    "fig_workload": "Beban kerja petugas",
    "fig_ikm_unsur": "Nilai per unsur SKM",
    "fig_ikm_service": "IKM per layanan (mutu A–D)",
    "fig_kecamatan": "Permohonan per kecamatan",
    "fig_kelurahan": "Permohonan per kelurahan",
}
TOP_SERVICES = 8  # stacked series on the volume chart; the rest are summed as "Lainnya"
OTHERS = "Lainnya"
# Labelled periods on the time axis (every bar keeps its hover): "Jan 25" fits six times
# across a phone, a week's "13 Jan 25" four times.
PERIOD_TICKS = {"M": 6, "W": 4}
_GRADE_COLORS = {"A": "#2e7d32", "B": "#1565c0", "C": "#ef6c00", "D": "#c62828"}
_BAR, _SECOND = "#1f5fa8", "#f2a33a"
_SERIES = ("#1f5fa8", "#f2a33a", "#2e9d6a", "#c0504d", "#7a5cc4", "#17a2b8", "#8c6d31",
           "#e377c2", "#9e9e9e")  # fmt: skip
_MEDIAN_P90 = (("Median", "median_hari", "hari kerja"), ("p90", "p90_hari", "hari kerja"))
_TICK_CHARS = 18  # a wrapped tick label stays under ~100 px at 11 px
_HEIGHT = 320


def blank() -> go.Figure:
    """No figure at all (before load, or refused): without plotly's 7 KB default template."""
    return go.Figure(layout={"template": "none"})


def _axis(**extra) -> dict:
    # fixedrange: a finger dragging over a chart scrolls the page instead of zooming.
    return {"automargin": True, "fixedrange": True, **extra}


def _base(height: int = _HEIGHT, legend: bool = False) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        template="none",
        height=height,
        autosize=True,
        margin={"l": 8, "r": 16, "t": 12, "b": 8},
        font={"size": 11},
        separators=",.",  # Indonesian: decimal comma, thousands dot
        dragmode=False,
        hovermode="closest",
        showlegend=legend,
        # Under the plot, measured from the figure's bottom edge: Plotly then reserves room
        # for it below the x labels instead of drawing it over them.
        legend={"orientation": "h", "xref": "paper", "x": 0, "xanchor": "left",
                "yref": "container", "y": 0, "yanchor": "bottom"},
        xaxis=_axis(),
        yaxis=_axis(),
    )  # fmt: skip
    return fig


def empty() -> go.Figure:
    fig = _base(200)
    fig.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": EMPTY_NOTE, "showarrow": False, "font": {"size": 13}}],
    )
    return fig


def tick_label(label: str) -> str:
    """A long category name on at most two short lines (the whole name is in the hover)."""
    first, *rest = textwrap.wrap(str(label), _TICK_CHARS) or [""]
    if not rest:
        return first
    return first + "<br>" + textwrap.shorten(" ".join(rest), _TICK_CHARS, placeholder="…")


def _count_axis(values: list, title: str) -> dict:
    """Whole-number ticks for counts (plotly would label 1 file as 0.2, 0.4, ...)."""
    top = max((v for v in values if v is not None), default=0)
    return _axis(rangemode="tozero", title={"text": title}, **({"dtick": 1} if top < 8 else {}))


def _percent_axis() -> dict:
    return _axis(range=[0, 105], title={"text": "Persen tepat waktu"}, ticksuffix="%")


def _days_axis() -> dict:
    return _axis(rangemode="tozero", title={"text": "Hari kerja"})


def _bar(labels: list, values: list, x_title: str, unit: str) -> go.Figure:
    """Vertical bars for a few short categories (day bins, age groups, rounds)."""
    if not labels or not any(v for v in values if v):
        return empty()
    fig = _base()
    hover = f"<b>%{{x}}</b><br>%{{y}} {unit}<extra></extra>"
    fig.add_trace(go.Bar(x=labels, y=values, marker_color=_BAR, hovertemplate=hover))
    fig.update_layout(xaxis=_axis(type="category", title={"text": x_title}),
                      yaxis=_count_axis(values, unit.capitalize()))  # fmt: skip
    return fig


def _hbar_layout(
    fig: go.Figure, labels: list, x_axis: dict, ticks: list | None = None
) -> go.Figure:
    """Category names down the left, wrapped, each row tall enough for its bars and label."""
    ticks = [tick_label(x) for x in (ticks or labels)]
    bars = sum(1 for trace in fig.data if trace.type == "bar")
    row = max(30 if any("<br>" in t for t in ticks) else 22, 11 * bars + 8)
    legend = 40 if fig.layout.showlegend else 0
    fig.update_layout(
        height=max(200, 80 + legend + row * len(labels)),
        # A fixed range (top to bottom) rather than autorange: markers would pad it unevenly.
        yaxis=_axis(type="category", range=[len(labels) - 0.5, -0.5], tickmode="array",
                    tickvals=labels, ticktext=ticks),
        xaxis=x_axis,
    )  # fmt: skip
    return fig


def _hbar(labels: list, values: list, x_axis: dict, hover: list[str], **bar) -> go.Figure:
    """Horizontal bars: long names stay readable on a narrow phone."""
    if not labels:
        return empty()
    fig = _base()
    fig.add_trace(go.Bar(y=labels, x=values, orientation="h", customdata=hover,
                         hovertemplate="%{customdata}<extra></extra>",
                         marker_color=bar.pop("color", _BAR), **bar))  # fmt: skip
    return _hbar_layout(fig, labels, x_axis)


def _grouped_hbar(
    labels: list, rows: list[dict], x_axis: dict, hover: list[str],
    series: tuple[tuple[str, str, str], ...], ticks: list | None = None,
) -> go.Figure:  # fmt: skip
    """Bars of a few series per category (name, row key, unit), the legend under the plot."""
    fig = _base(legend=True)
    colors = (_BAR, _SECOND)
    for i, (name, key, unit) in enumerate(series):
        fig.add_trace(go.Bar(
            name=name, y=labels, x=[r[key] for r in rows], orientation="h",
            marker_color=colors[i % 2], customdata=hover,
            hovertemplate=f"%{{customdata}}<br>{name}: %{{x}} {unit}<extra></extra>",
        ))  # fmt: skip
    fig.update_layout(barmode="group")
    return _hbar_layout(fig, labels, x_axis, ticks)


def _service(code: str, name: str) -> str:
    """Hover text naming a service: the code the legend shows and its full name."""
    return f"<b>{code}</b> — {name}" if name and name != code else f"<b>{code}</b>"


def volume_over_time(vol: dict, names: dict[str, str]) -> go.Figure:
    """Stacked bars per period: the biggest services by code, the rest as "Lainnya"."""
    if not vol["rows"]:
        return empty()
    periods = vol["periods"]
    ranked = [r["layanan"] for r in vol["per_service"]]
    shown = ranked if len(ranked) <= TOP_SERVICES + 1 else ranked[:TOP_SERVICES]
    counts: dict[str, dict[str, int]] = {}
    for r in vol["rows"]:
        per = counts.setdefault(r["layanan"] if r["layanan"] in shown else OTHERS, {})
        per[r["periode"]] = per.get(r["periode"], 0) + r["jumlah"]
    rest = len(ranked) - len(shown)
    # The category is the period's full name, so the hover needs no copy of it per bar.
    full = [period_name(p) for p in periods]
    fig = _base(400, legend=True)
    for i, key in enumerate([*shown, *([OTHERS] if rest else [])]):
        who = (f"<b>{OTHERS}</b> ({rest} layanan)" if key == OTHERS
               else _service(key, names.get(key, "")))  # fmt: skip
        fig.add_trace(go.Bar(
            name=key, x=full, y=[counts[key].get(p, 0) for p in periods],
            marker_color=_SERIES[i % len(_SERIES)],
            hovertemplate=f"{who}<br>%{{x}}: %{{y}} permohonan<extra></extra>",
        ))  # fmt: skip
    totals = [sum(per.get(p, 0) for per in counts.values()) for p in periods]
    step = -(-len(periods) // PERIOD_TICKS.get(vol["freq"], 4))
    labelled = list(range(len(periods)))[::-1][::step][::-1]  # the latest is always labelled
    fig.update_layout(
        barmode="stack",
        legend={"traceorder": "normal"},  # the biggest service first, as ranked
        xaxis=_axis(type="category", tickmode="array", tickvals=[full[i] for i in labelled],
                    ticktext=[period_tick(periods[i]) for i in labelled]),
        yaxis=_count_axis(totals, "Permohonan"),
    )  # fmt: skip
    return fig


def volume_per_category(vol: dict, labels: dict[str, str]) -> go.Figure:
    rows = vol["per_category"]
    names = [labels.get(r["kategori"], r["kategori"]) for r in rows]
    values = [r["jumlah"] for r in rows]
    if not any(values):
        return empty()
    hover = [f"<b>{n}</b><br>{v} permohonan" for n, v in zip(names, values, strict=True)]
    return _hbar(names, values, _count_axis(values, "Permohonan"), hover)


def wait_histogram(wait: dict) -> go.Figure:
    hist = wait["histogram"]
    return _bar(hist["bins"], hist["counts"], "Hari kerja sampai terbit", "izin terbit")


def wait_per_service(wait: dict) -> go.Figure:
    rows = wait["per_layanan"]
    if not rows:
        return empty()
    codes = [r["layanan"] for r in rows]
    who = [_service(r["layanan"], r["nama"]) for r in rows]
    fig = _grouped_hbar(codes, rows, _days_axis(), who, _MEDIAN_P90)
    fig.add_trace(go.Scatter(
        name="SLA", y=codes, x=[r["sla_hari"] for r in rows], mode="markers",
        marker={"symbol": "line-ns-open", "size": 14, "line": {"width": 2}, "color": "#c62828"},
        hovertemplate="<b>%{y}</b><br>SLA: %{x} hari kerja<extra></extra>",
    ))  # fmt: skip
    return fig


def sla_per_service(wait: dict) -> go.Figure:
    rows = wait["per_layanan"]
    return _hbar(
        [r["layanan"] for r in rows],
        [r["persen_tepat_waktu"] for r in rows],
        _percent_axis(),
        [f"{_service(r['layanan'], r['nama'])}<br>{dec(r['persen_tepat_waktu'], '%')} tepat "
         f"waktu ({r['tepat_waktu']} dari {r['terbit']} izin terbit)" for r in rows],
        text=[dec(r["persen_tepat_waktu"], "%") for r in rows],
    )  # fmt: skip


def sla_per_step(steps: list[dict]) -> go.Figure:
    rows = [r for r in steps if r["persen_tepat_waktu"] is not None]
    return _hbar(
        [r["label"] for r in rows],
        [r["persen_tepat_waktu"] for r in rows],
        _percent_axis(),
        [f"<b>{r['label']}</b><br>{dec(r['persen_tepat_waktu'], '%')} tepat waktu "
         f"(SLA {r['sla_hari']} hari kerja)" for r in rows],
        text=[dec(r["persen_tepat_waktu"], "%") for r in rows],
    )  # fmt: skip


def time_per_step(steps: list[dict]) -> go.Figure:
    if not steps:
        return empty()
    labels = [r["label"] for r in steps]
    return _grouped_hbar(labels, steps, _days_axis(), [f"<b>{x}</b>" for x in labels], _MEDIAN_P90)


def backlog_age(back: dict) -> go.Figure:
    rows = back["umur"]
    # "0–2 hari kerja" -> "0–2": the unit is the axis title, the labels then fit side by side.
    labels = [r["kelompok"].replace(" hari kerja", "") for r in rows]
    return _bar(labels, [r["berkas"] for r in rows], "Umur berkas (hari kerja)", "berkas")


def backlog_state(back: dict, labels: dict[str, str]) -> go.Figure:
    rows = back["per_status"]
    names = [labels.get(r["status"], r["status"]) for r in rows]
    values = [r["berkas"] for r in rows]
    hover = [f"<b>{n}</b><br>{v} berkas terbuka" for n, v in zip(names, values, strict=True)]
    return _hbar(names, values, _count_axis(values, "Berkas terbuka"), hover)


def rework_rounds(rework: dict) -> go.Figure:
    rows = rework["putaran"]
    return _bar([f"{r['putaran']} kali" for r in rows], [r["berkas"] for r in rows],
                "Dikembalikan untuk perbaikan", "berkas")  # fmt: skip


def workload(officers: list[dict]) -> go.Figure:
    """Actions and files per officer; the weekly rate is in the hover (as a bar it is ~1%)."""
    if not officers:
        return empty()
    names = [str(r["nama"] or r["petugas_id"]) for r in officers]
    keys = [f"#{r['petugas_id']}" for r in officers]  # two officers may share a name
    who = [f"<b>{n}</b> ({role_label(r['peran'])})<br>{dec(r['aksi_per_minggu'])} aksi per "
           f"minggu aktif" for n, r in zip(names, officers, strict=True)]  # fmt: skip
    series = (("Aksi", "aksi", "aksi"), ("Berkas", "berkas", "berkas"))
    x_axis = _count_axis([r["aksi"] for r in officers], "Jumlah")
    return _grouped_hbar(keys, officers, x_axis, who, series, ticks=names)


def _grade_bars(labels: list, rows: list[dict], value_key: str, hover: list[str]) -> go.Figure:
    return _hbar(
        labels,
        [r[value_key] for r in rows],
        _axis(range=[0, 105], title={"text": "Nilai (0–100)"}),
        hover,
        color=[_GRADE_COLORS.get(r["mutu"], _BAR) for r in rows],
        text=[f"{dec(r[value_key])} ({r['mutu']})" for r in rows],
    )


def ikm_per_unsur(ikm: dict) -> go.Figure:
    rows = ikm["per_unsur"]
    hover = [f"<b>{r['kode']} {r['unsur']}</b><br>Nilai {dec(r['nilai'])}, mutu {r['mutu']} "
             f"({r['kinerja']})" for r in rows]  # fmt: skip
    return _grade_bars([r["unsur"] for r in rows], rows, "nilai", hover)


def ikm_per_service(ikm: dict) -> go.Figure:
    rows = ikm["per_layanan"]
    hover = [f"{_service(r['layanan'], r['nama'])}<br>IKM {dec(r['ikm'])}, mutu {r['mutu']}, "
             f"{r['responden']} responden" for r in rows]  # fmt: skip
    return _grade_bars([r["layanan"] for r in rows], rows, "ikm", hover)


def _areas(names: list[str], values: list[int], hover: list[str]) -> go.Figure:
    if not any(values):
        return empty()
    return _hbar(names, values, _count_axis(values, "Permohonan"), hover)


def per_kecamatan(areas: dict) -> go.Figure:
    rows = areas["per_kecamatan"]
    hover = [f"<b>Kec. {r['nama']}</b><br>{r['berkas']} permohonan" for r in rows]
    return _areas([r["nama"] for r in rows], [r["berkas"] for r in rows], hover)


def per_kelurahan(areas: dict) -> go.Figure:
    rows = [r for r in areas["per_kelurahan"] if r["berkas"]]
    return _areas([r["nama"] for r in rows], [r["berkas"] for r in rows],
                  [f"<b>{r['nama']}</b> (Kec. {r['kecamatan']})<br>{r['berkas']} permohonan"
                   for r in rows])  # fmt: skip
