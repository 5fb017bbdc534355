"""/permohonan/[nomor]/terkirim: what happens next, by when, and a printable receipt."""

from __future__ import annotations

import reflex as rx

from silek_app.components.completion import completion_dates
from silek_app.components.forms import error_callout
from silek_app.components.layout import page_frame
from silek_app.state.receipt import ReceiptState

R = ReceiptState.receipt


def _item(label: str, key: str) -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(label), rx.data_list.value(R[key], id=f"receipt-{key}")
    )


def receipt_page() -> rx.Component:
    return page_frame(
        rx.cond(
            R.get("reference", "") != "",
            rx.vstack(
                rx.callout(
                    rx.vstack(
                        rx.text("Permohonan berhasil dikirim", weight="bold", size="4"),
                        rx.text("Nomor registrasi Anda:", size="2"),
                        rx.text(R["reference"], size="6", weight="bold", id="receipt-number",
                                font_family="monospace"),
                        spacing="1",
                    ),
                    icon="circle_check", color_scheme="green", width="100%",
                ),
                rx.card(
                    rx.data_list.root(
                        _item("Layanan", "service_name"),
                        _item("Jenis permohonan", "jenis_label"),
                        _item("Pemohon", "applicant"),
                        _item("Tanggal diajukan", "submitted"),
                        orientation="vertical",
                    ),
                    rx.box(completion_dates(R, "receipt"), margin_top="0.75rem"),
                    width="100%",
                ),
                rx.heading("Apa yang terjadi selanjutnya", size="4", as_="h2"),
                rx.el.ol(
                    rx.el.li("Front Office DPMPTSP memeriksa kelengkapan berkas Anda."),
                    rx.el.li("Bila ada yang perlu diperbaiki, Anda mendapat pemberitahuan dengan "
                             "catatan petugas per dokumen; waktu layanan berhenti sampai Anda "
                             "mengirim perbaikan."),
                    rx.el.li("Berkas diverifikasi secara teknis oleh Dinas Kesehatan, lalu "
                             "ditandatangani secara elektronik."),
                    rx.el.li("Izin dapat diunduh di SILEK setelah terbit."),
                    style={"paddingLeft": "1.2em", "lineHeight": "1.7", "fontSize": "14px"},
                ),
                rx.text("Batas waktu (SLA) adalah ", R["sla_days"], " hari kerja sejak "
                        "pengajuan, tidak termasuk Sabtu, Minggu, hari libur nasional, dan cuti "
                        "bersama.", size="2", color_scheme="gray"),
                rx.heading("Pengaduan", size="4", as_="h2"),
                rx.text(R["complaints"], size="2"),
                rx.hstack(
                    rx.button("Cetak tanda terima", on_click=rx.call_script("window.print()"),
                              variant="soft", id="print-receipt"),
                    rx.link(rx.button("Lacak permohonan", variant="outline"),
                            href="/lacak?nomor=" + R["reference"]),
                    spacing="2", wrap="wrap",
                ),
                spacing="3", width="100%",
            ),
            rx.cond(ReceiptState.error != "", error_callout(ReceiptState.error, "receipt-error"),
                    rx.center(rx.spinner(size="3"), padding="1.5rem")),
        ),
        title="Tanda Terima Permohonan",
    )  # fmt: skip
