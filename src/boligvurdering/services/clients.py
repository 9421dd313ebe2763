"""Client register: create, update, search. All input validated here, for GUI and import alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from boligvurdering.domain import validation as v
from boligvurdering.domain.anonymise import is_pseudonym
from boligvurdering.domain.errors import NotFound, Problem, ValidationFailed
from boligvurdering.domain.records import ClientRecord, DwellingRecord
from boligvurdering.i18n import DOCUMENT_LANGUAGES, tr
from boligvurdering.services import audit
from boligvurdering.services.access import guard, require
from boligvurdering.services.collect import Collector
from boligvurdering.store import clients as repo
from boligvurdering.store import visits as visit_repo

if TYPE_CHECKING:
    from boligvurdering.services.context import AppContext


def clean_client(data: dict[str, Any], c: Collector, *, anonymised: bool = False) -> dict[str, Any]:
    """Validate client fields; national ID gives birth date and sex when they are missing.

    ``anonymised``: an anonymised client's pseudonym stands for the national ID (only the team sync says so).
    """
    pseudonym = data.get("national_id") if anonymised and is_pseudonym(data.get("national_id")) else None
    nid = None if pseudonym else c.field("national_id", lambda: v.national_id(data.get("national_id")))
    out: dict[str, Any] = {
        "national_id": pseudonym or (nid.value if nid else None),
        "given_name": c.field("given_name", lambda: v.name(data.get("given_name"), tr("Fornavn"))),
        "family_name": "" if pseudonym and data.get("family_name") == "" else  # anonymised: no family name
        c.field("family_name", lambda: v.name(data.get("family_name"), tr("Etternavn"))),
        "phone": c.field("phone", lambda: v.phone(data.get("phone"))),
        "lives_alone": c.field("lives_alone", lambda: v.optional_bool(data.get("lives_alone"), tr("Bor alene"))),
    }
    born = data.get("birth_date")
    out["birth_date"] = c.field("birth_date", lambda: v.iso_date(born, tr("Fødselsdato"))) if born else (nid.birth_date if nid else None)
    if nid and out["birth_date"] and out["birth_date"] != nid.birth_date:
        c.problems.append(Problem(f"{c.prefix}birth_date", tr("Fødselsdatoen stemmer ikke med fødselsnummeret.")))
    sex = data.get("sex")
    out["sex"] = c.field("sex", lambda: v.sex(sex)) if sex else (nid.sex if nid else None)
    if pseudonym and not (out["birth_date"] and out["sex"]):
        c.problems.append(Problem(f"{c.prefix}national_id", tr("En anonymisert bruker må ha fødselsdato og kjønn.")))
    notes = data.get("notes", "")
    if not isinstance(notes, str):
        c.problems.append(Problem(f"{c.prefix}notes", tr("Merknad må være tekst.")))
    out["notes"] = notes if isinstance(notes, str) else ""
    if "gp_name" in data:  # only when given: forms without the field never clear it
        gp = data["gp_name"]
        if not isinstance(gp, str) or len(gp) > 200:
            c.problems.append(Problem(f"{c.prefix}gp_name", tr("Fastlege må være tekst (høyst 200 tegn).")))
        else:
            out["gp_name"] = gp.strip()
    if "malform" in data:  # the client's målform of documents; only when given (older files lack it)
        if data["malform"] not in ("", *DOCUMENT_LANGUAGES):
            choices = tr(" eller ").join((tr("Bokmål"), tr("Nynorsk")))
            c.problems.append(Problem(f"{c.prefix}malform", tr("{label} må være {choices}.", label=tr("Målform"),
                                                                 choices=choices)))
        else:
            out["malform"] = data["malform"]
    return out


def _cadastre(data: dict[str, Any], c: Collector, out: dict[str, Any]) -> dict[str, Any]:
    """Gårdsnummer and bruksnummer: whole numbers of at most five digits (only when given)."""
    for key, label in (("gnr", tr("Gårdsnummer")), ("bnr", tr("Bruksnummer"))):
        if key not in data:
            continue
        value = str(data[key] if data[key] is not None else "").strip()
        if value and not (value.isdigit() and len(value) <= 5):
            c.problems.append(Problem(f"{c.prefix}{key}", tr("{label} må være et helt tall.", label=label)))
        else:
            out[key] = value
    return out


def clean_dwelling(data: dict[str, Any], c: Collector) -> dict[str, Any]:
    return _cadastre(data, c, {
        "address": c.field("address", lambda: v.name(data.get("address"), tr("Adresse"))),
        "postal_code": c.field("postal_code", lambda: v.postal_code(data.get("postal_code"))),
        "postal_place": data.get("postal_place") if isinstance(data.get("postal_place"), str) else "",
        "municipality_number": c.field("municipality_number", lambda: v.municipality_number(data.get("municipality_number", ""))),
        "dwelling_type": c.field("dwelling_type", lambda: v.enum_value(data.get("dwelling_type", "annet"), v.DWELLING_TYPES, tr("Boligtype"))),
        "floors": c.field("floors", lambda: v.optional_int(data.get("floors"), tr("Antall etasjer"), 1, 10)),
        "entrance_floor": c.field("entrance_floor", lambda: v.optional_int(data.get("entrance_floor"), tr("Inngangsetasje"), -2, 30)),
        "has_lift": c.field("has_lift", lambda: v.optional_bool(data.get("has_lift"), tr("Heis"))),
        "tenure": c.field("tenure", lambda: v.enum_value(data["tenure"], v.TENURES, tr("Eierform")) if data.get("tenure") else ""),
        "year_built": c.field("year_built", lambda: v.optional_int(data.get("year_built"), tr("Byggeår"), 1600, 2100)),
    })


class ClientService:
    """Use cases of the client register."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @guard("client.write")
    def create(self, client: dict[str, Any], dwelling: dict[str, Any] | None = None) -> ClientRecord:
        """Register a client (and dwelling). Raises ``ValidationFailed`` listing every problem."""
        c = Collector()
        fields = clean_client(client, c)
        dwell = clean_dwelling(dwelling, c) if dwelling is not None else None
        c.raise_if_any(tr("Brukeren kan ikke lagres"))
        require(self.ctx, "client.write")
        with self.ctx.db.transaction() as s:
            if repo.client_by_national_id(s, national_id=fields["national_id"]):
                raise ValidationFailed([Problem("national_id", tr("Det finnes allerede en bruker med dette fødselsnummeret."))],
                                       tr("Brukeren kan ikke lagres"))
            record = repo.add_client(s, **fields)
            if dwell is not None:
                repo.upsert_dwelling(s, client_id=record.id, **dwell)
            audit.record(self.ctx, s, "client.create", client_id=record.id, record_type="client", record_id=record.id)
        return record

    @guard("client.write")
    def update(self, client_id: str, client: dict[str, Any]) -> ClientRecord:
        c = Collector()
        fields = clean_client(client, c)
        c.raise_if_any(tr("Endringen kan ikke lagres"))
        require(self.ctx, "client.write")
        with self.ctx.db.transaction() as s:
            other = repo.client_by_national_id(s, national_id=fields["national_id"])
            if other and other.id != client_id:
                raise ValidationFailed([Problem("national_id", tr("Et annet brukerkort har dette fødselsnummeret."))])
            before = repo.get_client(s, client_id=client_id)
            after = repo.update_client(s, client_id=client_id, **fields)
            audit.record(self.ctx, s, "client.update", client_id=client_id, record_type="client", record_id=client_id, details=audit.changes(before, after))
            return after

    @guard("client.write")
    def save_dwelling(self, client_id: str, dwelling: dict[str, Any], dwelling_id: str | None = None) -> DwellingRecord:
        c = Collector()
        fields = clean_dwelling(dwelling, c)
        c.raise_if_any(tr("Boligen kan ikke lagres"))
        require(self.ctx, "client.write")
        with self.ctx.db.transaction() as s:
            record = repo.upsert_dwelling(s, client_id=client_id, id=dwelling_id, **fields)
            audit.record(self.ctx, s, "dwelling.save", client_id=client_id, record_type="dwelling", record_id=record.id, details={"fields": sorted(fields)})
            return record

    def remove(self, client_id: str) -> bool:
        """Delete a client registered by mistake; one with visits is deactivated instead (kept, audited).

        Erasure of a client with visits is the privacy function's job (``services.privacy``).

        Returns:
            ``True`` when deleted, ``False`` when deactivated.
        """
        require(self.ctx, "client.write")
        with self.ctx.db.transaction() as s:
            if repo.get_client(s, client_id=client_id) is None:
                raise NotFound(tr("Fant ikke brukeren."))
            if visit_repo.list_visits(s, client_id=client_id, limit=1):
                audit.record(self.ctx, s, "client.deactivate", client_id=client_id, record_type="client",
                             record_id=client_id, details={"changed": {"active": [True, False]}})
                repo.update_client(s, client_id=client_id, active=False)
                return False
            audit.record(self.ctx, s, "client.delete", record_type="client", record_id=client_id)
            repo.delete_client(s, client_id=client_id)
            return True

    def reactivate(self, client_id: str) -> ClientRecord:
        require(self.ctx, "client.write")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "client.reactivate", client_id=client_id, record_type="client",
                         record_id=client_id, details={"changed": {"active": [False, True]}})
            return repo.update_client(s, client_id=client_id, active=True)

    def search(self, text: str = "", limit: int = 200) -> list[ClientRecord]:
        require(self.ctx, "client.read")
        with self.ctx.db.transaction() as s:
            found = repo.search_clients(s, text=text, limit=limit)
            audit.record(self.ctx, s, "client.search", details={"results": len(found)})
            return found

    def get(self, client_id: str) -> ClientRecord:
        require(self.ctx, "client.read")
        with self.ctx.db.transaction() as s:
            record = repo.get_client(s, client_id=client_id)
            audit.record(self.ctx, s, "client.read", client_id=client_id if record else "", record_type="client", record_id=client_id)
        if record is None:
            raise NotFound(tr("Fant ikke brukeren."))
        return record

    def dwellings(self, client_id: str) -> list[DwellingRecord]:
        require(self.ctx, "client.read")
        with self.ctx.db.transaction() as s:
            audit.record(self.ctx, s, "dwelling.read", client_id=client_id, record_type="client", record_id=client_id)
            return repo.dwellings_of(s, client_id=client_id)
