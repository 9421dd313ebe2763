"""Qt item models are thin adapters: tested without any widget."""

from datetime import date

from PySide6.QtCore import Qt

from boligvurdering.domain.records import ClientRecord, MeasureRecord, VisitSummary
from boligvurdering.gui.models import ROW_ROLE, SORT_ROLE, client_model, measure_model, visit_model


def test_client_model_rows_and_roles():
    model = client_model()
    client = ClientRecord("1", "14838812345", "Åse", "Øvrebø", date(1938, 3, 14), "F", phone="55 00 00 00")
    model.set_rows([client])
    assert model.rowCount() == 1 and model.columnCount() == 3  # no fødselsnummer column (privacy)
    assert "14838812345" not in [model.index(0, c).data() for c in range(3)]
    assert model.index(0, 0).data() == "Øvrebø, Åse"
    assert model.index(0, 1).data() == "14.03.1938"
    assert model.index(0, 0).data(ROW_ROLE) is client
    assert model.index(0, 1).data(SORT_ROLE) == date(1938, 3, 14)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Navn"


def test_visit_model_says_when_no_date():
    model = visit_model()
    model.set_rows([VisitSummary("v", "c", "Åse Øvrebø", "planlagt", None)])
    assert model.index(0, 0).data() == "Ikke avtalt"
    assert model.index(0, 2).data() == "Planlagt"


def test_measure_model_cost_and_rejection_reason():
    model = measure_model()
    rows = [
        MeasureRecord("m1", "v", "Fjerne terskel", "housing", "proposed", quantity=2, unit_price=1500.0),
        MeasureRecord("m2", "v", "Komfyrvakt", "fire", "rejected", reject_reason="Har allerede"),
        MeasureRecord("m3", "v", "Håndlist", "falls", "accepted", responsible_role="byggteknisk"),
    ]
    model.set_rows(rows)
    assert model.index(0, 4).data() == "kr\u00a03\u00a0000"
    assert model.index(0, 4).data(SORT_ROLE) == 3000.0
    assert model.index(1, 1).data() == "Avvist: Har allerede"
    assert model.index(2, 3).data() == "Byggteknisk rådgiver"
    assert model.index(1, 4).data() == "Ikke satt"
