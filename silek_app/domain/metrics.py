"""Analytics figures over whole tables of applications, status events and SKM answers.

Pure and vectorised (pandas/numpy): no database, no Reflex. The service layer loads
only the needed columns into DataFrames and passes them here; every function
returns plain JSON-able values (figures, never rows).

Input frames (timestamps are UTC, naive or aware):

* ``apps``: id, service (code), status, kelurahan (code, "LUAR" or ""),
  submitted_at, completed_at;
* ``events``: application_id, actor_id, actor_role, to_status, created_at;
* ``skm`` (domain/skm_figures.py): service, created_at, u1..u9.

Days are WIB dates and working days follow the office calendar
(:class:`~silek_app.domain.workcalendar.WorkCalendar`): a stay from day a to day b
lasts the working days in (a, b], as in the SLA clock (domain/sla.py), and a pause
(applicant holds the file) covers the working days in (pause start, pause end].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from silek_app.domain.wilayah import kelurahan_list
from silek_app.domain.workcalendar import WorkCalendar
from silek_app.domain.workflow import WorkflowDefinition

_WIB_OFFSET = np.timedelta64(7, "h")
UNKNOWN_AREA = "Tidak diketahui"
OUTSIDE_AREA = "Di luar Kota Solok"
# Upper edges (inclusive) of the wait-time histogram, in working days.
WAIT_BINS = (1, 2, 3, 4, 5, 7, 10, 14, 20, 30)
AGE_BUCKETS = ((2, "0–2 hari kerja"), (5, "3–5 hari kerja"), (10, "6–10 hari kerja"),
               (20, "11–20 hari kerja"), (None, "> 20 hari kerja"))  # fmt: skip


@dataclass(frozen=True)
class ServiceMeta:
    code: str
    name: str
    category: str
    sla_days: int
    workflow: WorkflowDefinition


# ---------------------------------------------------------------- working days


def busday_calendar(cal: WorkCalendar, first: dt.date, last: dt.date) -> np.busdaycalendar:
    """A numpy calendar (Mon-Fri minus the office holidays) valid for ``[first, last]``."""
    days = cal.non_working_dates(first, last)
    return np.busdaycalendar(weekmask="1111100", holidays=np.array(days, dtype="datetime64[D]"))


def utc_naive(values: pd.Series | np.ndarray) -> np.ndarray:
    """UTC instants as a plain datetime64[ns] array (cheap when already one)."""
    if isinstance(values, np.ndarray) and values.dtype == "datetime64[ns]":
        return values
    if isinstance(values, pd.Series) and values.dtype == "datetime64[ns]":
        return values.to_numpy()
    ts = pd.to_datetime(pd.Series(values), utc=True).dt.tz_convert(None)
    return ts.to_numpy(dtype="datetime64[ns]")


def wib_dates(values: pd.Series | np.ndarray) -> np.ndarray:
    """The WIB calendar date (datetime64[D]) of each UTC instant; NaT stays NaT."""
    return (utc_naive(values) + _WIB_OFFSET).astype("datetime64[D]")


def working_days(start: np.ndarray, end: np.ndarray, bdc: np.busdaycalendar) -> np.ndarray:
    """Working days d with start < d <= end for each pair of dates; 0 when end <= start.

    Pairs with a missing date give -1, so callers can mask them out.
    """
    start = np.asarray(start, dtype="datetime64[D]")
    end = np.asarray(end, dtype="datetime64[D]")
    out = np.full(start.shape, -1, dtype=np.int64)
    ok = ~(np.isnat(start) | np.isnat(end))
    if ok.any():
        one = np.timedelta64(1, "D")
        counts = np.busday_count(start[ok] + one, end[ok] + one, busdaycal=bdc)
        out[ok] = np.maximum(counts, 0)
    return out


# ---------------------------------------------------------------- helpers


def state_table(catalog: Mapping[str, ServiceMeta]) -> pd.DataFrame:
    """One row per (service, state) of the services' workflows: step SLA, desk, flags.

    ``pauses`` leaves out the initial (draft) state: before the submission the
    clock has not started, so time there is neither work nor a pause.
    """
    rows = [
        {"service": m.code, "state": st.code, "label": st.label, "step_sla": st.sla_days,
         "pauses": st.pauses_clock and st.code != m.workflow.initial_state,
         "terminal": st.terminal, "initial": st.code == m.workflow.initial_state,
         "desk": st.actor_role}
        for m in catalog.values() for st in m.workflow.states
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["service", "state", "label", "step_sla", "pauses",
                                       "terminal", "initial", "desk"])  # fmt: skip


def _pct(part: float, whole: float) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _num(value: float) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 1)


def stays(
    events: pd.DataFrame, open_ids: Collection[int], now: dt.datetime, bdc: np.busdaycalendar
) -> pd.DataFrame:
    """One row per stay of a file in a state: application_id, state, hours, days, closed.

    A stay ends at the next event of the same file. The last stay of a file that
    is still open runs until ``now`` (closed=False); the last stay of a finished
    file (its final state) is dropped.
    """
    cols = ["application_id", "state", "hours", "days", "closed"]
    if events.empty:
        return pd.DataFrame(columns=cols)
    raw_at = utc_naive(events["created_at"])
    order = np.lexsort((raw_at.view("int64"), events["application_id"].to_numpy()))
    ids = events["application_id"].to_numpy()[order]
    at = raw_at[order]
    same_next = np.zeros(len(ids), dtype=bool)
    same_next[:-1] = ids[1:] == ids[:-1]
    leave = np.empty_like(at)
    leave[:-1] = at[1:]
    still_open = ~same_next & np.isin(ids, np.asarray(list(open_ids), dtype=np.int64))
    now_utc = np.datetime64(pd.Timestamp(now).tz_convert(None).to_datetime64(), "ns")
    leave = np.where(same_next, leave, np.where(still_open, now_utc, np.datetime64("NaT")))
    keep = same_next | still_open
    enter_d = wib_dates(at[keep])
    leave_d = wib_dates(leave[keep])
    return pd.DataFrame(
        {
            "application_id": ids[keep],
            "state": events["to_status"].to_numpy()[order][keep],
            "hours": (leave[keep] - at[keep]) / np.timedelta64(1, "h"),
            "days": working_days(enter_d, leave_d, bdc),
            "closed": same_next[keep],
        }
    )


# ---------------------------------------------------------------- figures


def volume(apps: pd.DataFrame, catalog: Mapping[str, ServiceMeta], freq: str = "M") -> dict:
    """Submitted files per period ("M" month, "W" ISO week) and service, with category."""
    sub = apps[apps["submitted_at"].notna()]
    if sub.empty:
        return {"freq": freq, "periods": [], "rows": [], "per_service": [], "per_category": []}
    days = wib_dates(sub["submitted_at"])
    # Group on integer periods and turn only the distinct ones into labels.
    if freq == "W":
        period = (days.astype("int64") + 3) // 7  # Monday-based weeks (1970-01-01 a Thursday)
    else:
        period = days.astype("datetime64[M]").astype("int64")
    frame = pd.DataFrame({"p": period, "layanan": np.asarray(sub["service"], dtype=object)})
    sizes = frame.groupby(["p", "layanan"], sort=True).size()
    labels = {p: _period_label(p, freq) for p in sizes.index.get_level_values(0).unique()}
    category = {c: m.category for c, m in catalog.items()}
    counts = pd.Series(sizes.to_numpy(), index=pd.MultiIndex.from_arrays([
        [labels[p] for p in sizes.index.get_level_values(0)],
        sizes.index.get_level_values(1),
        [category.get(c, "") for c in sizes.index.get_level_values(1)],
    ]))  # fmt: skip
    rows = [{"periode": p, "layanan": s, "kategori": k, "jumlah": int(n)}
            for (p, s, k), n in counts.items()]  # fmt: skip
    per_service = sizes.groupby(level=1).sum().sort_values(ascending=False)
    per_category = counts.groupby(level=2).sum()
    return {
        "freq": freq,
        "periods": sorted(labels.values()),
        "rows": rows,
        "per_service": [{"layanan": s, "jumlah": int(n)} for s, n in per_service.items()],
        "per_category": [{"kategori": k, "jumlah": int(n)} for k, n in per_category.items()],
    }


def _period_label(period: int, freq: str) -> str:
    if freq == "W":
        monday = np.datetime64(int(period) * 7 - 3, "D").astype(dt.date)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}"
    return str(np.datetime64(int(period), "M"))


def paused_days(stay: pd.DataFrame, states: pd.DataFrame, apps: pd.DataFrame) -> pd.Series:
    """Working days each file spent with the applicant (pausing states), by application id."""
    pausing = set(states.loc[states["pauses"], "state"])
    held = stay[stay["state"].isin(pausing)]
    return held.groupby("application_id")["days"].sum().reindex(apps["id"], fill_value=0)


def wait_times(
    apps: pd.DataFrame, paused: pd.Series, catalog: Mapping[str, ServiceMeta],
    issued_status: str, bdc: np.busdaycalendar,
) -> pd.DataFrame:  # fmt: skip
    """Issued files: id, service, days (submission to issue, working days, pauses excluded)."""
    done = apps[(apps["status"] == issued_status) & apps["submitted_at"].notna()
                & apps["completed_at"].notna()]  # fmt: skip
    gross = working_days(wib_dates(done["submitted_at"]), wib_dates(done["completed_at"]), bdc)
    net = np.maximum(gross - paused.reindex(done["id"], fill_value=0).to_numpy(), 0)
    sla = done["service"].map({c: m.sla_days for c, m in catalog.items()}).to_numpy()
    return pd.DataFrame({"id": done["id"].to_numpy(), "service": done["service"].to_numpy(),
                         "days": net, "within": net <= sla})  # fmt: skip


def wait_figures(wait: pd.DataFrame, catalog: Mapping[str, ServiceMeta]) -> dict:
    """Histogram, median and p90 overall and per service, against the service SLA."""
    edges = [-1, *WAIT_BINS, np.inf]
    labels = [f"≤ {WAIT_BINS[0]}"] + [f"{lo + 1}–{hi}" if hi > lo + 1 else str(hi)
              for lo, hi in zip(WAIT_BINS, WAIT_BINS[1:], strict=False)]  # fmt: skip
    labels.append(f"> {WAIT_BINS[-1]}")
    counts = (
        np.histogram(wait["days"].to_numpy(), bins=edges)[0] if len(wait) else [0] * len(labels)
    )
    per_service = []
    if len(wait):
        grouped = wait.groupby("service")
        stats = grouped["days"].quantile([0.5, 0.9]).unstack()
        within = grouped["within"].agg(["sum", "size"])
        for code, row in stats.iterrows():
            meta = catalog[code]
            per_service.append({
                "layanan": code, "nama": meta.name, "kategori": meta.category,
                "sla_hari": meta.sla_days, "terbit": int(within.at[code, "size"]),
                "median_hari": _num(row[0.5]), "p90_hari": _num(row[0.9]),
                "tepat_waktu": int(within.at[code, "sum"]),
                "persen_tepat_waktu": _pct(within.at[code, "sum"], within.at[code, "size"]),
            })  # fmt: skip
    return {
        "histogram": {"bins": labels, "counts": [int(c) for c in counts]},
        "terbit": len(wait),
        "median_hari": _num(wait["days"].median()) if len(wait) else None,
        "p90_hari": _num(wait["days"].quantile(0.9)) if len(wait) else None,
        "persen_tepat_waktu": _pct(int(wait["within"].sum()), len(wait)),
        "per_layanan": per_service,
    }


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """Linear-interpolated quantile of sorted ``values`` repeated ``weights`` times (pandas'
    default), without materialising the repetition."""
    total = int(weights.sum())
    pos = q * (total - 1)
    ends = np.cumsum(weights)
    lo = values[np.searchsorted(ends, np.floor(pos), side="right")]
    hi = values[np.searchsorted(ends, np.ceil(pos), side="right")]
    return float(lo + (hi - lo) * (pos - np.floor(pos)))


def step_figures(stay: pd.DataFrame, apps: pd.DataFrame, states: pd.DataFrame) -> list[dict]:
    """Per state: closed stays, median/p90 hours and working days, step SLA and compliance.

    Stays are first counted per (service, state, days), a small table, so the
    step SLA of each service's workflow is joined without touching every stay.
    """
    closed = stay[stay["closed"]]
    if closed.empty:
        return []
    # Count on one integer key (service, state, days): far cheaper than grouping strings.
    svc_codes, svc_names = pd.factorize(np.asarray(apps["service"], dtype=object))
    svc = svc_codes[pd.Index(apps["id"]).get_indexer(closed["application_id"])]
    st_codes, st_names = pd.factorize(np.asarray(closed["state"], dtype=object))
    days = closed["days"].to_numpy(dtype=np.int64)
    span = int(days.max()) + 1
    keys, n = np.unique((svc * len(st_names) + st_codes) * span + days, return_counts=True)
    pair, day = np.divmod(keys, span)
    svc_i, st_i = np.divmod(pair, len(st_names))
    counts = pd.DataFrame({"service": np.asarray(svc_names)[svc_i],
                           "state": np.asarray(st_names)[st_i], "days": day, "n": n})  # fmt: skip
    counts = counts.merge(states, on=["service", "state"], how="left")
    counts = counts[~counts["initial"].fillna(False).astype(bool)]
    counts["has_sla"] = (counts["step_sla"] > 0) & ~counts["pauses"].fillna(False).astype(bool)
    counts["within"] = counts["days"] <= counts["step_sla"]
    medians = pd.Series(closed["hours"].to_numpy()).groupby(st_codes).median()
    hours = pd.Series(medians.to_numpy(), index=np.asarray(st_names)[medians.index])
    out = []
    for state, g in counts.groupby("state", sort=False):
        by_day = g.groupby("days")["n"].sum().sort_index()
        days, weights = by_day.index.to_numpy(), by_day.to_numpy()
        timed = g[g["has_sla"]]
        out.append({
            "status": state, "label": str(g["label"].iloc[0]), "singgah": int(weights.sum()),
            "median_jam": _num(hours.get(state)),
            "median_hari": _num(_weighted_quantile(days, weights, 0.5)),
            "p90_hari": _num(_weighted_quantile(days, weights, 0.9)),
            "rata_hari": _num(float((days * weights).sum() / weights.sum())),
            "sla_hari": int(timed["step_sla"].max()) if len(timed) else None,
            "persen_tepat_waktu": _pct(int(timed.loc[timed["within"], "n"].sum()),
                                       int(timed["n"].sum())),
        })  # fmt: skip
    out.sort(key=lambda r: (r["median_hari"] or 0, r["median_jam"] or 0), reverse=True)
    return out


def rework(events: pd.DataFrame, apps: pd.DataFrame, states: pd.DataFrame) -> dict:
    """Share of submitted files returned for revision at least once, and the rounds."""
    submitted = apps.loc[apps["submitted_at"].notna(), "id"]
    pausing = set(states.loc[states["pauses"], "state"])
    returned = events[events["to_status"].isin(pausing)]
    rounds = returned.groupby("application_id").size().reindex(submitted, fill_value=0)
    dist = rounds.value_counts().sort_index()
    return {
        "berkas": len(submitted),
        "dikembalikan": int((rounds > 0).sum()),
        "persen_dikembalikan": _pct(int((rounds > 0).sum()), len(submitted)),
        "putaran": [{"putaran": int(k), "berkas": int(v)} for k, v in dist.items()],
    }


def backlog(
    apps: pd.DataFrame, paused: pd.Series, states: pd.DataFrame,
    catalog: Mapping[str, ServiceMeta], today: dt.date, bdc: np.busdaycalendar,
) -> dict:  # fmt: skip
    """Open files (submitted, not final) by state, desk and age in working days."""
    # State codes mean the same in every workflow (TERBIT is final everywhere),
    # so a set of codes avoids joining every file with its service's workflow.
    closed = set(states.loc[states["terminal"] | states["initial"], "state"])
    open_apps = apps[apps["submitted_at"].notna() & ~apps["status"].isin(closed)]
    today_arr = np.full(len(open_apps), np.datetime64(today, "D"))
    age = working_days(wib_dates(open_apps["submitted_at"]), today_arr, bdc)
    age = np.maximum(age - paused.reindex(open_apps["id"], fill_value=0).to_numpy(), 0)
    edges = [-1, *[hi for hi, _ in AGE_BUCKETS[:-1]], np.inf]
    buckets = np.histogram(age, bins=edges)[0] if len(age) else [0] * len(AGE_BUCKETS)
    sla = open_apps["service"].map({c: m.sla_days for c, m in catalog.items()}).to_numpy()
    desk = open_apps.merge(states, left_on=["service", "status"], right_on=["service", "state"],
                           how="left")  # fmt: skip
    return {
        "terbuka": len(open_apps),
        "lewat_sla": int((age > sla).sum()) if len(age) else 0,
        "umur": [
            {"kelompok": label, "berkas": int(n)}
            for (_, label), n in zip(AGE_BUCKETS, buckets, strict=True)
        ],  # fmt: skip
        "per_status": [
            {"status": k, "berkas": int(v)} for k, v in open_apps["status"].value_counts().items()
        ],  # fmt: skip
        "per_meja": [
            {"peran": k, "berkas": int(v)}
            for k, v in desk["desk"].fillna("").value_counts().items()
        ],  # fmt: skip
    }


def workload(events: pd.DataFrame, officer_roles: Collection[str]) -> list[dict]:
    """Per officer: actions, distinct files handled, active weeks and actions per week."""
    ev = events[events["actor_role"].isin(officer_roles) & events["actor_id"].notna()]
    if ev.empty:
        return []
    # Monday-based week number (1970-01-01 was a Thursday).
    week = (wib_dates(ev["created_at"]).astype("int64") + 3) // 7  # as in volume()
    frame = pd.DataFrame({"actor": ev["actor_id"].astype("int64").to_numpy(), "week": week,
                          "app": ev["application_id"].to_numpy(),
                          "role": ev["actor_role"].to_numpy()})  # fmt: skip
    g = frame.groupby("actor")
    agg = pd.DataFrame({"aksi": g.size(), "berkas": g["app"].nunique(),
                        "minggu": g["week"].nunique(), "peran": g["role"].first()})  # fmt: skip
    return [{"petugas_id": int(a), "peran": r.peran, "aksi": int(r.aksi), "berkas": int(r.berkas),
             "minggu_aktif": int(r.minggu), "aksi_per_minggu": _num(r.aksi / max(r.minggu, 1))}
            for a, r in agg.sort_values("aksi", ascending=False).iterrows()]  # fmt: skip


def areas(apps: pd.DataFrame) -> dict:
    """Submitted files per kecamatan and kelurahan of Kota Solok (plus outside / unknown)."""
    sub = apps.loc[apps["submitted_at"].notna(), "kelurahan"].fillna("")
    counts = sub.value_counts()
    kelurahan, kecamatan = [], {}
    for kel in kelurahan_list():
        n = int(counts.get(kel.code, 0))
        kelurahan.append({"kode": kel.code, "nama": kel.name, "kecamatan": kel.kecamatan_name,
                          "berkas": n})  # fmt: skip
        kecamatan[kel.kecamatan_code] = kecamatan.get(kel.kecamatan_code, 0) + n
    names = {k.kecamatan_code: k.kecamatan_name for k in kelurahan_list()}
    known = {k.code for k in kelurahan_list()}
    outside = int(counts.get("LUAR", 0))
    return {
        "per_kecamatan": [{"kode": c, "nama": names[c], "berkas": n} for c, n in kecamatan.items()],
        "per_kelurahan": kelurahan,
        "luar_kota": outside,
        "tidak_diketahui": int(counts[[c for c in counts.index if c not in known]].sum()) - outside,
    }
