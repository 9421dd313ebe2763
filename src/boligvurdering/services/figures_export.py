"""Figures as tables, and their export to CSV (semicolon, UTF-8 with BOM for Excel) and XLSX."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boligvurdering.domain.enums import domain_label
from boligvurdering.domain.errors import InvalidValue
from boligvurdering.fileio import write_durably
from boligvurdering.i18n import tr
from boligvurdering.services.backlog import NATIONAL_2021, Figures
from boligvurdering.services.pipeline import channel_label


@dataclass(frozen=True)
class FigureTable:
    """One titled table: a header row and data rows (numbers stay numbers)."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def _monthly(f: Figures) -> FigureTable:
    rows = [(m, r, v) for m, r, v in zip(f.months, f.referrals, f.visits, strict=True)]
    rows.append((tr("Sum"), sum(f.referrals), sum(f.visits)))
    return FigureTable("monthly", tr("Henvisninger og besøk per måned"),
                       (tr("Måned"), tr("Henvisninger"), tr("Besøk")), rows)


def _times(f: Figures) -> FigureTable:
    return FigureTable("times", tr("Ventetid (median, dager)"), (tr("Måling"), tr("Dager")), [
        (tr("Fra henvisning til besøk"), f.median_referral_to_visit),
        (tr("Fra besøk til rapport"), f.median_visit_to_report),
    ])


def _nutrition(f: Figures) -> FigureTable:
    rows = [
        (tr("Kartlagt for underernæring (av besøkte brukere)"), f.screened, f.visited_clients,
         Figures.share(f.screened, f.visited_clients), NATIONAL_2021["screened"]),
        (tr("I ernæringsmessig risiko (av kartlagte)"), f.at_risk, f.screened,
         Figures.share(f.at_risk, f.screened), NATIONAL_2021["at_risk"]),
        (tr("Med ernæringsplan (av dem i risiko)"), f.with_plan, f.at_risk,
         Figures.share(f.with_plan, f.at_risk), NATIONAL_2021["plan"]),
    ]
    return FigureTable("nutrition", tr("Ernæring"),
                       (tr("Mål"), tr("Antall"), tr("Av"), tr("Andel %"), tr("Landet 2021 %")), rows)


def _risk(f: Figures) -> FigureTable:
    n = f.visited_clients
    rows = [
        (tr("Høy fallrisiko"), f.high_falls, n, Figures.share(f.high_falls, n)),
        (tr("Høy brannrisiko"), f.high_fire, n, Figures.share(f.high_fire, n)),
        (tr("Brudd på brannforebyggende forskrift § 7"), f.fire7_failures, n, Figures.share(f.fire7_failures, n)),
    ]
    return FigureTable("risk", tr("Fall og brann (besøkte brukere)"),
                       (tr("Mål"), tr("Antall"), tr("Av"), tr("Andel %")), rows)


def _measures(f: Figures) -> FigureTable:
    rows = [(domain_label(d), p, a, done) for d, p, a, done in f.measures]
    return FigureTable("measures", tr("Tiltak per område"),
                       (tr("Område"), tr("Foreslått"), tr("Vedtatt"), tr("Utført")), rows)


def _applications(f: Figures) -> FigureTable:
    rows = [(channel_label(ch), n, d, g, applied, granted) for ch, n, d, g, applied, granted in f.applications]
    return FigureTable("applications", tr("Søknader per kanal"),
                       (tr("Kanal"), tr("Sendt"), tr("Avgjort"), tr("Innvilget"), tr("Søkt beløp (kr)"),
                        tr("Innvilget beløp (kr)")), rows)


def _ages(f: Figures) -> FigureTable:
    return FigureTable("ages", tr("Alder ved besøk"), (tr("Aldersgruppe"), tr("Brukere")), list(f.age_bands))


def figure_tables(f: Figures) -> list[FigureTable]:
    """Every figure of the period as a table, in report order."""
    return [_monthly(f), _times(f), _nutrition(f), _risk(f), _measures(f), _applications(f), _ages(f)]


def _period(f: Figures) -> str:
    return tr("Periode: {a} – {b}", a=f.start.isoformat(), b=f.end.isoformat())


def to_csv_text(f: Figures) -> str:
    """All tables in one CSV text (``;``-separated, decimal comma), a blank line between tables."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow([_period(f)])
    for table in figure_tables(f):
        w.writerow([])
        w.writerow([table.title])
        w.writerow(table.headers)
        for row in table.rows:
            w.writerow(["" if v is None else (str(v).replace(".", ",") if isinstance(v, float) else v) for v in row])
    return out.getvalue()


def write_csv(f: Figures, path: Path) -> Path:
    _atomic_write(path, to_csv_text(f).encode("utf-8-sig"))
    return path


def write_xlsx(f: Figures, path: Path) -> Path:
    """One sheet per table, bold headers, widths fitted, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for table in figure_tables(f):
        ws = wb.create_sheet(table.title[:31])
        ws.append([table.title])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([_period(f)])
        ws.append(list(table.headers))
        for cell in ws[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append(list(row))
        for i, header in enumerate(table.headers):
            width = max([len(str(header))] + [len(str(r[i])) for r in table.rows if r[i] is not None])
            ws.column_dimensions[chr(ord("A") + i)].width = min(max(width + 2, 10), 60)
    buf = io.BytesIO()
    wb.save(buf)
    _atomic_write(path, buf.getvalue())
    return path


def export(f: Figures, path: Path) -> Path:
    """Export by file suffix: ``.csv`` or ``.xlsx``."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return write_csv(f, path)
    if suffix == ".xlsx":
        return write_xlsx(f, path)
    raise InvalidValue(tr("Velg et filnavn som slutter på .xlsx eller .csv."))


def _atomic_write(path: Path, data: bytes) -> None:
    try:
        write_durably(path, data)
    except OSError as exc:
        raise InvalidValue(tr("Kan ikke skrive {p}: {e}", p=path, e=exc.strerror or exc)) from None
