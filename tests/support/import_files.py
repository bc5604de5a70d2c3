"""Spreadsheets for the import tests: the issue's XLSX travel list (a two-leg overnight trip with a hotel and its
receipt, a train trip with per diem only) and the receipt next to it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HEADERS = [
    "Reise",
    "Ansatt",
    "Dato",
    "Fra kl",
    "Til dato",
    "Til kl",
    "Fra",
    "Til",
    "Antall km",
    "Reiseformål",
    "Overnatting",
    "Kostnadstype",
    "Beløp",
    "Kvittering",
]
RECEIPT = b"%PDF-1.4 hotel receipt"


def travel_list(folder: Path, employee: str) -> Path:
    """An .xlsx travel list: a two-leg overnight trip with a hotel and its receipt, a train trip with per diem
    only (the ticket on the company card, so no cost row), in real date, time and number cells."""
    (folder / "kvitteringer").mkdir()
    (folder / "kvitteringer" / "hotell.pdf").write_bytes(RECEIPT)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Reiser november 2026"])
    ws.append(HEADERS)
    d, t = dt.datetime, dt.time
    ws.append(
        [1, employee, d(2026, 11, 2), t(7, 30), None, None, "Oslo", "Bergen", 463, "Kundemøte", "hotell"]
    )
    ws.append([1, employee, d(2026, 11, 2), *[None] * 8, "Hotell", 1450.0, "kvitteringer/hotell.pdf"])
    ws.append(
        [1, employee, d(2026, 11, 3), None, d(2026, 11, 3), t(18, 15), "Bergen", "Oslo", 463, "Kundemøte"]
    )
    ws.append(
        [
            2,
            employee,
            d(2026, 11, 10),
            t(6, 45),
            d(2026, 11, 10),
            t(20, 30),
            "Oslo",
            "Trondheim",
            None,
            "Kurs",
            "ingen",
        ]
    )
    path = folder / "reiser.xlsx"
    wb.save(path)
    return path
