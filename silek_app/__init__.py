"""SILEK — Sistem Layanan Elektronik, DPMPTSP Kota Solok."""
