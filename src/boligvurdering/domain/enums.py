"""Enumerations used across layers, each with its Norwegian label via ``label()``."""

from __future__ import annotations

from enum import StrEnum

from boligvurdering.i18n import tr

RISK_DOMAINS = ("falls", "fire", "nutrition", "housing")
"""The four scored risk domains, in report order."""
FORM_DOMAINS = ("opening", *RISK_DOMAINS, "other")
"""Every domain a questionnaire may belong to."""
ROOM_TYPES = ("entrance", "stairs", "hall", "living_room", "kitchen", "bathroom",
              "bedroom", "laundry", "balcony", "other")
"""The room types of a visit (forms, scoring and measure triggers refer to these)."""
INSTRUMENT_IDS = ("STEADI", "SI", "TUG", "CST30", "BAL4", "MST", "MNA-SF", "FES-I-SHORT", "FIRE-7", "FIRE-ADVICE")
"""The scored screening instruments."""


def domain_label(domain: str) -> str:
    """Norwegian name of a risk domain; any other id is returned as it is."""
    return {"falls": tr("Fall"), "fire": tr("Brann"), "nutrition": tr("Ernæring"),
            "housing": tr("Bolig")}.get(domain, domain)


class Role(StrEnum):
    """Roles of team members and user accounts."""

    ERGOTERAPEUT = "ergoterapeut"
    FYSIOTERAPEUT = "fysioterapeut"
    BOLIGKONSULENT = "boligkonsulent"
    BYGGTEKNISK = "byggteknisk"
    TEAMLEDER = "teamleder"
    ADMINISTRATOR = "administrator"

    def label(self) -> str:
        return {
            Role.ERGOTERAPEUT: tr("Ergoterapeut"),
            Role.FYSIOTERAPEUT: tr("Fysioterapeut"),
            Role.BOLIGKONSULENT: tr("Boligkonsulent"),
            Role.BYGGTEKNISK: tr("Byggteknisk rådgiver"),
            Role.TEAMLEDER: tr("Teamleder"),
            Role.ADMINISTRATOR: tr("Administrator"),
        }[self]


LINDAAS_ROLES = (Role.ERGOTERAPEUT, Role.FYSIOTERAPEUT, Role.BOLIGKONSULENT, Role.BYGGTEKNISK)
OTHER_SERVICE = "other_service"  # a measure carried out by another municipal service


def responsible_label(code: str) -> str:
    """Who carries out a measure, in words (never the code)."""
    if code == OTHER_SERVICE:
        return tr("Annen kommunal tjeneste")
    try:
        return Role(code).label()
    except ValueError:
        return tr("Annen") if code else ""


class VisitStatus(StrEnum):
    """Pipeline of a case, from referral to closure (in order)."""

    HENVIST = "henvist"
    PLANLAGT = "planlagt"
    GJENNOMFORT = "gjennomfort"
    SIGNERT = "signert"
    RAPPORT_SENDT = "rapport_sendt"
    SOKNAD_SENDT = "soknad_sendt"
    VEDTAK = "vedtak"
    TILTAK_UTFORT = "tiltak_utfort"
    OPPFOLGING = "oppfolging"
    AVSLUTTET = "avsluttet"

    def label(self) -> str:
        return {
            VisitStatus.HENVIST: tr("Henvist"),
            VisitStatus.PLANLAGT: tr("Planlagt"),
            VisitStatus.GJENNOMFORT: tr("Gjennomført"),
            VisitStatus.SIGNERT: tr("Signert"),
            VisitStatus.RAPPORT_SENDT: tr("Rapport sendt"),
            VisitStatus.SOKNAD_SENDT: tr("Søknad sendt"),
            VisitStatus.VEDTAK: tr("Vedtak"),
            VisitStatus.TILTAK_UTFORT: tr("Tiltak utført"),
            VisitStatus.OPPFOLGING: tr("Oppfølging"),
            VisitStatus.AVSLUTTET: tr("Avsluttet"),
        }[self]


class RoomType(StrEnum):
    """Kinds of rooms walked through on a visit."""

    ENTRANCE = "entrance"
    STAIRS = "stairs"
    HALL = "hall"
    LIVING_ROOM = "living_room"
    KITCHEN = "kitchen"
    BATHROOM = "bathroom"
    BEDROOM = "bedroom"
    LAUNDRY = "laundry"
    BALCONY = "balcony"
    OTHER = "other"

    def label(self) -> str:
        return {
            RoomType.ENTRANCE: tr("Inngangsparti og uteområde"),
            RoomType.STAIRS: tr("Trapp"),
            RoomType.HALL: tr("Gang og entré"),
            RoomType.LIVING_ROOM: tr("Stue"),
            RoomType.KITCHEN: tr("Kjøkken"),
            RoomType.BATHROOM: tr("Bad og toalett"),
            RoomType.BEDROOM: tr("Soverom"),
            RoomType.LAUNDRY: tr("Vaskerom og bod"),
            RoomType.BALCONY: tr("Balkong og terrasse"),
            RoomType.OTHER: tr("Annet rom"),
        }[self]


class RiskLevel(StrEnum):
    """Domain risk level; ``NOT_ASSESSED`` when nothing was answered."""

    NOT_ASSESSED = "not_assessed"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"

    def label(self) -> str:
        return {
            RiskLevel.NOT_ASSESSED: tr("Ikke kartlagt"),
            RiskLevel.LOW: tr("Lav"),
            RiskLevel.MODERATE: tr("Moderat"),
            RiskLevel.HIGH: tr("Høy"),
        }[self]

    @property
    def rank(self) -> int:
        return {"not_assessed": 0, "low": 1, "moderate": 2, "high": 3}[self.value]

    @classmethod
    def rank_of(cls, level: object) -> int:
        """Rank of a level string from a scoring result; 0 for anything unknown or missing."""
        try:
            return cls(level).rank  # type: ignore[arg-type]  # anything else is the ValueError below
        except ValueError:
            return 0


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"

    def label(self) -> str:
        return tr("Kvinne") if self is Sex.FEMALE else tr("Mann")


class DwellingType(StrEnum):
    ENEBOLIG = "enebolig"
    REKKEHUS = "rekkehus"
    TOMANNSBOLIG = "tomannsbolig"
    LEILIGHET = "leilighet"
    OMSORGSBOLIG = "omsorgsbolig"
    ANNET = "annet"

    def label(self) -> str:
        return {
            DwellingType.ENEBOLIG: tr("Enebolig"),
            DwellingType.REKKEHUS: tr("Rekkehus"),
            DwellingType.TOMANNSBOLIG: tr("Tomannsbolig"),
            DwellingType.LEILIGHET: tr("Leilighet"),
            DwellingType.OMSORGSBOLIG: tr("Omsorgsbolig"),
            DwellingType.ANNET: tr("Annet"),
        }[self]


class Tenure(StrEnum):
    EIER = "eier"
    BORETTSLAG = "borettslag"
    LEIER_PRIVAT = "leier_privat"
    LEIER_KOMMUNAL = "leier_kommunal"

    def label(self) -> str:
        return {
            Tenure.EIER: tr("Selveier"),
            Tenure.BORETTSLAG: tr("Andel i borettslag"),
            Tenure.LEIER_PRIVAT: tr("Leier privat"),
            Tenure.LEIER_KOMMUNAL: tr("Leier kommunal bolig"),
        }[self]


class ReferralSource(StrEnum):
    SELF = "self"
    RELATIVE = "relative"
    GP = "gp"
    HOME_CARE = "home_care"
    HOSPITAL = "hospital"
    OTHER = "other"

    def label(self) -> str:
        return {
            ReferralSource.SELF: tr("Brukeren selv"),
            ReferralSource.RELATIVE: tr("Pårørende"),
            ReferralSource.GP: tr("Fastlege"),
            ReferralSource.HOME_CARE: tr("Hjemmetjenesten"),
            ReferralSource.HOSPITAL: tr("Sykehus"),
            ReferralSource.OTHER: tr("Annen"),
        }[self]


class MeasureStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DONE = "done"

    def label(self) -> str:
        return {
            MeasureStatus.PROPOSED: tr("Foreslått"),
            MeasureStatus.ACCEPTED: tr("Vedtatt i teamet"),
            MeasureStatus.REJECTED: tr("Avvist"),
            MeasureStatus.DONE: tr("Utført"),
        }[self]
