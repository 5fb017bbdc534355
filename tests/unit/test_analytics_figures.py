"""The /analitik charts are built from the service's figures, small, and never blank."""

import uuid

import plotly.graph_objects as go
from test_analytics import history, leader
from test_applications import applicant_token, ready_draft

from silek_app.services import analytics, applications
from silek_app.state import analytics as state
from silek_app.state import analytics_figures as charts


def test_every_chart_is_built_and_small(db):
    token = leader()
    history(2)
    figures = state._figures(analytics.dashboard(token, {}))
    assert set(figures) == set(state.FIGURE_TITLES)
    for name, fig in figures.items():
        assert isinstance(fig, go.Figure), name
        assert len(fig.to_json()) < 20_000, name
    assert list(figures["fig_volume"].data[0].y) == [2]
    cards = {c["id"]: c["value"] for c in state._cards(analytics.dashboard(token, {}))}
    assert cards["kartu-permohonan"] == "2" and cards["kartu-ikm"] == "94,44 (A)"


def test_no_data_gives_empty_state_charts(db):
    figures = state._figures(analytics.dashboard(leader(), {"kategori": "NON"}))
    for name, fig in figures.items():
        notes = [a.text for a in fig.layout.annotations]
        assert notes == [charts.EMPTY_NOTE], name


def _volume(services: int, months: int) -> tuple[dict, dict[str, str]]:
    """A volume figure as the service gives it: service i has i + 1 files every month."""
    codes = [f"SVC{i:02d}" for i in range(services)]
    periods = [f"2025-{m:02d}" for m in range(1, months + 1)]
    rows = [{"periode": p, "layanan": c, "kategori": "TK", "jumlah": i + 1}
            for p in periods for i, c in enumerate(codes)]  # fmt: skip
    per_service = [{"layanan": c, "jumlah": (i + 1) * months} for i, c in enumerate(codes)][::-1]
    total = sum(r["jumlah"] for r in rows)
    vol = {"freq": "M", "periods": periods, "rows": rows, "per_service": per_service,
           "per_category": [{"kategori": "TK", "jumlah": total}]}  # fmt: skip
    return vol, {c: f"Surat Izin Praktik Tenaga Nomor {i}" for i, c in enumerate(codes)}


def test_volume_legend_names_services_by_code_under_the_plot():
    vol, names = _volume(services=20, months=12)
    fig = charts.volume_over_time(vol, names)
    biggest = [r["layanan"] for r in vol["per_service"][: charts.TOP_SERVICES]]
    assert [t.name for t in fig.data] == [*biggest, charts.OTHERS]
    legend = fig.layout.legend
    assert fig.layout.showlegend and legend.orientation == "h"
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")
    # The full name is in the hover text only, and "Lainnya" keeps every other file.
    assert (
        names["SVC19"] in fig.data[0].hovertemplate and "12 layanan" in fig.data[-1].hovertemplate
    )
    per_month = [sum(t.y[m] for t in fig.data) for m in range(12)]
    assert per_month == [sum(range(1, 21))] * 12


def test_month_ticks_are_short_indonesian_and_few():
    fig = charts.volume_over_time(*_volume(services=3, months=12))
    axis = fig.layout.xaxis
    assert list(axis.ticktext) == ["Feb 25", "Apr 25", "Jun 25", "Agu 25", "Okt 25", "Des 25"]
    assert list(axis.tickvals) == ["Februari 2025", "April 2025", "Juni 2025", "Agustus 2025",
                                   "Oktober 2025", "Desember 2025"]  # fmt: skip
    assert fig.data[0].x[0] == "Januari 2025"  # every bar's hover names its month in full


def test_every_chart_fits_a_phone(db):
    token = leader()
    history(2)
    figures = state._figures(analytics.dashboard(token, {}))
    assert charts.CONFIG["responsive"] and not charts.CONFIG["displaylogo"]
    for name, fig in figures.items():
        layout = fig.layout
        assert layout.height and not (layout.title and layout.title.text), name
        for axis in (layout.xaxis, layout.yaxis):
            assert axis.automargin and axis.fixedrange, name
        assert layout.legend.orientation == "h", name
    assert [t.name for t in figures["fig_volume"].data] == ["SIPB"]
    assert "Surat Izin Praktik Bidan" in figures["fig_volume"].data[0].hovertemplate


def test_many_services_are_horizontal_bars_with_a_row_each():
    rows = [{"layanan": f"SVC{i:02d}", "nama": f"Layanan {i}", "persen_tepat_waktu": 80.5,
             "terbit": 10, "tepat_waktu": 8, "median_hari": 3.0, "p90_hari": 5.5, "sla_hari": 5}
            for i in range(37)]  # fmt: skip
    for fig in (charts.sla_per_service({"per_layanan": rows}),
                charts.wait_per_service({"per_layanan": rows})):  # fmt: skip
        assert {t.orientation for t in fig.data if t.type == "bar"} == {"h"}
        assert list(fig.layout.yaxis.tickvals) == [r["layanan"] for r in rows]
        assert fig.layout.height >= 22 * len(rows)
    assert fig.layout.showlegend and [t.name for t in fig.data] == ["Median", "p90", "SLA"]


def test_long_names_wrap_on_two_short_lines_and_stay_apart():
    steps = [
        {"status": "A", "label": "Peninjauan lapangan dan penyusunan BAP", "sla_hari": 1,
         "persen_tepat_waktu": 50.0},
        {"status": "B", "label": "Peninjauan lapangan tempat praktik dan penyusunan BAP",
         "sla_hari": 3, "persen_tepat_waktu": 75.0},
    ]  # fmt: skip
    fig = charts.sla_per_step(steps)
    ticks = list(fig.layout.yaxis.ticktext)
    for tick in ticks:
        lines = tick.split("<br>")
        assert len(lines) <= 2 and all(len(line) <= 18 for line in lines), tick
    # The categories are the full names, so two labels that shorten alike are two bars.
    assert list(fig.data[0].y) == [s["label"] for s in steps]


def test_tabs_on_one_result_share_its_figures_and_new_data_builds_new_ones(db):
    token = leader()
    history(2)
    first = state._shared_figures(analytics.dashboard(token, {}))
    # A second tab (its own dashboard call) on unchanged data: the same figures, not rebuilt.
    assert state._shared_figures(analytics.dashboard(token, {})) is first
    late = applicant_token(2)  # a new file: a new result, new figures
    ready_draft(late, "SIPB", 2)
    applications.submit(late, "SIPB", uuid.uuid4().hex)
    fresh = state._shared_figures(analytics.dashboard(token, {}))
    assert fresh is not first
    assert list(fresh["fig_volume"].data[0].y) == [3]
