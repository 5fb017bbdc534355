"""The /analitik charts are built from the service's figures, small, and never blank."""

import plotly.graph_objects as go
from test_analytics import history, leader

from silek_app.services import analytics
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
