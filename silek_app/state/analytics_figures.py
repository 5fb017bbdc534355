"""Plotly figures of /analitik, built from the JSON figures of services.analytics.

Only layout here: every number comes from the service. Figures are kept small
(no template payload, a few traces) because each one is part of the tab's state.
An empty figure shows an Indonesian note instead of blank axes.
"""

from __future__ import annotations

import plotly.graph_objects as go

EMPTY_NOTE = "Belum ada data untuk filter ini."
_GRADE_COLORS = {"A": "#2e7d32", "B": "#1565c0", "C": "#ef6c00", "D": "#c62828"}
_BAR = "#1f5fa8"


def blank() -> go.Figure:
    """No figure at all (before load, or refused): without plotly's 7 KB default template."""
    return go.Figure(layout={"template": "none"})


def _base(title: str, height: int = 320) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        template="none",
        height=height,
        margin={"l": 48, "r": 12, "t": 40, "b": 48},
        legend={"orientation": "h", "y": -0.25},
        font={"size": 11},
        autosize=True,
    )
    return fig


def empty(title: str) -> go.Figure:
    fig = _base(title)
    fig.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": EMPTY_NOTE, "showarrow": False, "font": {"size": 13}}],
    )
    return fig


def _bar(title: str, labels: list, values: list, **kw) -> go.Figure:
    if not labels or not any(v for v in values if v):
        return empty(title)
    fig = _base(title, kw.pop("height", 320))
    fig.add_trace(go.Bar(x=labels, y=values, marker_color=kw.pop("color", _BAR), **kw))
    fig.update_layout(yaxis=_count_axis(values))
    return fig


def _count_axis(values: list) -> dict:
    """Whole-number ticks for counts (plotly would label 1 file as 0.2, 0.4, ...)."""
    top = max((v for v in values if v is not None), default=0)
    return {"rangemode": "tozero", **({"dtick": 1} if top < 8 else {})}


def _hbar(title: str, labels: list, values: list, **kw) -> go.Figure:
    """Horizontal bars: long names stay readable on a narrow phone."""
    if not labels:
        return empty(title)
    fig = _base(title, max(240, 60 + 22 * len(labels)))
    fig.add_trace(
        go.Bar(y=labels, x=values, orientation="h", marker_color=kw.pop("color", _BAR), **kw)
    )
    fig.update_layout(yaxis={"autorange": "reversed", "automargin": True})
    return fig


def volume_over_time(vol: dict) -> go.Figure:
    title = "Permohonan per periode"
    if not vol["rows"]:
        return empty(title)
    fig = _base(title, 360)
    for code in [r["layanan"] for r in vol["per_service"]]:
        counts = {r["periode"]: r["jumlah"] for r in vol["rows"] if r["layanan"] == code}
        fig.add_trace(
            go.Bar(name=code, x=vol["periods"], y=[counts.get(p, 0) for p in vol["periods"]])
        )
    totals = [sum(r["jumlah"] for r in vol["rows"] if r["periode"] == p) for p in vol["periods"]]
    fig.update_layout(barmode="stack", xaxis={"type": "category"}, yaxis=_count_axis(totals))
    return fig


def volume_per_category(vol: dict, labels: dict[str, str]) -> go.Figure:
    rows = vol["per_category"]
    return _bar(
        "Permohonan per kategori",
        [labels.get(r["kategori"], r["kategori"]) for r in rows],
        [r["jumlah"] for r in rows],
    )


def wait_histogram(wait: dict) -> go.Figure:
    hist = wait["histogram"]
    fig = _bar("Sebaran waktu tunggu (hari kerja)", hist["bins"], hist["counts"])
    fig.update_layout(xaxis={"type": "category"})
    return fig


def wait_per_service(wait: dict) -> go.Figure:
    title = "Median & p90 waktu tunggu vs SLA"
    rows = wait["per_layanan"]
    if not rows:
        return empty(title)
    codes = [r["layanan"] for r in rows]
    fig = _base(title, 360)
    fig.add_trace(go.Bar(name="Median", x=codes, y=[r["median_hari"] for r in rows]))
    fig.add_trace(go.Bar(name="p90", x=codes, y=[r["p90_hari"] for r in rows]))
    fig.add_trace(
        go.Scatter(
            name="SLA", x=codes, y=[r["sla_hari"] for r in rows], mode="markers",
            marker={"symbol": "line-ew-open", "size": 24, "color": "#c62828"},
        )
    )  # fmt: skip
    fig.update_layout(barmode="group", yaxis={"title": "hari kerja"}, xaxis={"type": "category"})
    return fig


def sla_per_service(wait: dict) -> go.Figure:
    rows = wait["per_layanan"]
    fig = _hbar(
        "Tepat waktu per layanan (%)",
        [r["layanan"] for r in rows],
        [r["persen_tepat_waktu"] for r in rows],
        text=[f"{r['persen_tepat_waktu']}% dari {r['terbit']}" for r in rows],
    )
    if rows:
        fig.update_layout(xaxis={"range": [0, 105]})
    return fig


def sla_per_step(steps: list[dict]) -> go.Figure:
    rows = [r for r in steps if r["persen_tepat_waktu"] is not None]
    fig = _hbar(
        "Tepat waktu per tahap (%)",
        [r["label"] for r in rows],
        [r["persen_tepat_waktu"] for r in rows],
        text=[f"{r['persen_tepat_waktu']}% (SLA {r['sla_hari']} hari)" for r in rows],
    )
    if rows:
        fig.update_layout(xaxis={"range": [0, 105]})
    return fig


def time_per_step(steps: list[dict]) -> go.Figure:
    title = "Waktu per tahap (hari kerja)"
    if not steps:
        return empty(title)
    labels = [r["label"] for r in steps]
    fig = _base(title, max(260, 80 + 26 * len(steps)))
    fig.add_trace(go.Bar(name="Median", y=labels, x=[r["median_hari"] for r in steps],
                         orientation="h"))  # fmt: skip
    fig.add_trace(go.Bar(name="p90", y=labels, x=[r["p90_hari"] for r in steps],
                         orientation="h"))  # fmt: skip
    fig.update_layout(barmode="group", yaxis={"autorange": "reversed", "automargin": True})
    return fig


def backlog_age(back: dict) -> go.Figure:
    rows = back["umur"]
    return _bar(
        "Berkas terbuka menurut umur", [r["kelompok"] for r in rows], [r["berkas"] for r in rows]
    )


def backlog_state(back: dict, labels: dict[str, str]) -> go.Figure:
    rows = back["per_status"]
    fig = _hbar(
        "Berkas terbuka per tahap",
        [labels.get(r["status"], r["status"]) for r in rows],
        [r["berkas"] for r in rows],
    )
    return fig.update_layout(xaxis=_count_axis([r["berkas"] for r in rows]))


def rework_rounds(rework: dict) -> go.Figure:
    rows = rework["putaran"]
    fig = _bar(
        "Putaran perbaikan per berkas",
        [f"{r['putaran']} kali" for r in rows],
        [r["berkas"] for r in rows],
    )
    fig.update_layout(xaxis={"type": "category"})
    return fig


def workload(officers: list[dict]) -> go.Figure:
    title = "Beban kerja petugas"
    if not officers:
        return empty(title)
    names = [f"{r['nama'] or r['petugas_id']} ({r['peran']})" for r in officers]
    fig = _base(title, max(260, 80 + 26 * len(officers)))
    fig.add_trace(go.Bar(name="Aksi", y=names, x=[r["aksi"] for r in officers], orientation="h"))
    fig.add_trace(
        go.Bar(name="Berkas", y=names, x=[r["berkas"] for r in officers], orientation="h")
    )
    fig.add_trace(
        go.Bar(name="Aksi per minggu", y=names, x=[r["aksi_per_minggu"] for r in officers],
               orientation="h")
    )  # fmt: skip
    fig.update_layout(barmode="group", yaxis={"autorange": "reversed", "automargin": True})
    return fig


def _grade_bars(title: str, labels: list, rows: list[dict], value_key: str) -> go.Figure:
    fig = _hbar(
        title,
        labels,
        [r[value_key] for r in rows],
        color=[_GRADE_COLORS.get(r["mutu"], _BAR) for r in rows],
        text=[f"{r[value_key]} ({r['mutu']})" for r in rows],
    )
    if rows:
        fig.update_layout(xaxis={"range": [0, 105]})
    return fig


def ikm_per_unsur(ikm: dict) -> go.Figure:
    rows = ikm["per_unsur"]
    return _grade_bars("Nilai per unsur SKM", [r["unsur"] for r in rows], rows, "nilai")


def ikm_per_service(ikm: dict) -> go.Figure:
    rows = ikm["per_layanan"]
    labels = [f"{r['layanan']} · {r['responden']} resp." for r in rows]
    return _grade_bars("IKM per layanan (mutu A–D)", labels, rows, "ikm")


def per_kecamatan(areas: dict) -> go.Figure:
    rows = areas["per_kecamatan"]
    return _bar("Permohonan per kecamatan", [r["nama"] for r in rows], [r["berkas"] for r in rows])


def per_kelurahan(areas: dict) -> go.Figure:
    rows = [r for r in areas["per_kelurahan"] if r["berkas"]]
    return _hbar("Permohonan per kelurahan", [r["nama"] for r in rows], [r["berkas"] for r in rows])
