"""/layanan/[kode] — the published Standar Pelayanan of one service."""

from __future__ import annotations

import reflex as rx

from silek_app.components.download_link import download_link
from silek_app.components.forms import fact
from silek_app.components.layout import page_frame
from silek_app.state.catalog import RequirementGroup, RequirementItem, ServiceDetailState


def _requirement(item: RequirementItem) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(item.name, size="2", weight="medium"),
            rx.badge(
                item.mandatory_label,
                color_scheme=rx.cond(item.mandatory_label == "Wajib", "red", "gray"),
                variant="soft",
            ),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.cond(item.description != "", rx.text(item.description, size="1", color_scheme="gray")),
        rx.cond(
            item.condition_label != "",
            rx.text(item.condition_label, size="1", color_scheme="amber", high_contrast=True),
        ),
        rx.cond(
            item.template != "",
            download_link(
                rx.hstack(
                    rx.icon("download", size=14),
                    rx.text("Unduh templat (PDF)", size="1"),
                    spacing="1",
                    align="center",
                ),
                href="/api/v1/templat/" + item.template,
                download=item.template,
                class_name="template-link",
                underline="none",
            ),  # fmt: skip
        ),
        rx.text(
            "Berkas: ",
            item.file_types_label,
            ", maks. ",
            item.max_size_mb,
            " MB",
            size="1",
            color_scheme="gray",
        ),
        padding_y="0.5rem",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        width="100%",
    )


def _requirement_group(group: RequirementGroup) -> rx.Component:
    return rx.tabs.content(
        rx.vstack(rx.foreach(group.requirements, _requirement), spacing="0", width="100%"),
        value=group.jenis,
        padding_top="0.5rem",
    )


def _requirements() -> rx.Component:
    return rx.tabs.root(
        rx.tabs.list(
            rx.foreach(
                ServiceDetailState.requirement_groups,
                lambda g: rx.tabs.trigger(g.jenis_label, value=g.jenis),
            ),
            style={"flexWrap": "wrap"},
        ),
        rx.foreach(ServiceDetailState.requirement_groups, _requirement_group),
        default_value="BARU",
        width="100%",
    )


def _standard_item(component) -> rx.Component:
    return rx.accordion.item(
        header=component["label"],
        content=rx.text(component["text"], size="2", white_space="pre-line"),
    )


def _found() -> rx.Component:
    svc = ServiceDetailState.service
    return rx.vstack(
        rx.hstack(
            rx.badge(svc["code"], variant="soft"),
            rx.badge(svc["category_label"], color_scheme="gray", variant="outline"),
            spacing="2",
        ),
        rx.heading(svc["name"], size="6", as_="h1", id="service-name"),
        rx.grid(
            fact("Jangka waktu", svc["sla_label"]),
            fact("Biaya", svc["fee_label"]),
            fact("Masa berlaku", svc["validity_label"]),
            fact("Kanal", svc["channel_label"]),
            columns=rx.breakpoints(initial="2", sm="4"),
            spacing="3",
            width="100%",
        ),
        rx.text(svc["fee_note"], size="1", color_scheme="gray"),
        rx.link(
            rx.button("Ajukan permohonan", size="3", width="100%", id="apply-button"),
            href=ServiceDetailState.apply_href,
            width="100%",
        ),
        rx.cond(
            ~ServiceDetailState.logged_in,
            rx.text(
                "Anda perlu masuk terlebih dahulu. Belum punya akun? ",
                rx.link("Daftar di sini", href="/daftar", underline="always"),
                ".",
                size="2",
            ),
        ),
        rx.heading("Persyaratan", size="4", as_="h2", margin_top="0.75rem"),
        _requirements(),
        rx.heading("Standar Pelayanan", size="4", as_="h2", margin_top="0.75rem"),
        rx.accordion.root(
            rx.foreach(ServiceDetailState.public_standard, _standard_item),
            type="multiple",
            collapsible=True,
            width="100%",
            variant="outline",
        ),
        rx.heading("Produk layanan", size="4", as_="h2", margin_top="0.75rem"),
        rx.text(svc["product"], size="2"),
        rx.heading("Dasar hukum", size="4", as_="h2", margin_top="0.75rem"),
        rx.el.ul(
            rx.foreach(ServiceDetailState.legal_basis, lambda x: rx.el.li(x)),
            style={"paddingLeft": "1.2em", "fontSize": "14px"},
        ),
        rx.heading("Pengaduan", size="4", as_="h2", margin_top="0.75rem"),
        rx.el.ul(
            rx.foreach(ServiceDetailState.complaint_channels, lambda x: rx.el.li(x)),
            style={"paddingLeft": "1.2em", "fontSize": "14px"},
        ),
        rx.callout(
            rx.vstack(
                rx.text("Maklumat Pelayanan", weight="bold"),
                rx.text(svc["maklumat"], white_space="pre-line"),
                spacing="1",
            ),
            icon="badge_check",
            color_scheme="green",
            high_contrast=True,
            margin_top="0.75rem",
            width="100%",
        ),
        rx.text("Ditetapkan dengan ", svc["sk_number"], size="1", color_scheme="gray"),
        spacing="2",
        width="100%",
        align="stretch",
    )


def service_detail_page() -> rx.Component:
    return page_frame(
        rx.cond(
            ServiceDetailState.loaded,
            rx.cond(
                ServiceDetailState.found,
                _found(),
                rx.vstack(
                    rx.heading("Layanan tidak ditemukan", size="6", as_="h1"),
                    rx.text(
                        "Kode layanan \u201c",
                        ServiceDetailState.service["code"],
                        "\u201d tidak terdaftar di katalog SILEK.",
                        id="service-not-found",
                    ),
                    rx.link(rx.button("Lihat katalog layanan"), href="/layanan"),
                    spacing="3",
                ),
            ),
            rx.center(rx.spinner(size="3"), padding="1.5rem"),
        ),
    )
