"""Enumerations used across layers, each with its Norwegian label via ``label()``."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from boligvurdering.i18n import N_, tr

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
    def of_rank(cls, rank: int) -> RiskLevel:
        """The level of a rank (0–3); ``NOT_ASSESSED`` for anything else."""
        return next((level for level in cls if level.rank == rank), cls.NOT_ASSESSED)

    @classmethod
    def rank_of(cls, level: object) -> int:
        """Rank of a level string from a scoring result; 0 for anything unknown or missing."""
        try:
            return cls(level).rank  # type: ignore[arg-type]  # anything else is the ValueError below
        except ValueError:
            return 0

    @classmethod
    def highest_rank(cls, levels: Iterable[object]) -> int:
        """0 not assessed, 1 low, 2 moderate, 3 high — the worst of these domain levels."""
        return max((cls.rank_of(level) for level in levels), default=0)


def level_label(level: object) -> str:
    """A risk level id in words (``RiskLevel.label``); an unknown id is returned as it is."""
    try:
        return RiskLevel(str(level)).label()
    except ValueError:
        return str(level)


class Band(StrEnum):
    """An instrument's result band (``scoring``); ``outcome`` says whether it calls for action."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    LOW = "low"
    AT_RISK = "at_risk"
    NORMAL = "normal"
    BELOW_NORM = "below_norm"
    MALNOURISHED = "malnourished"
    MODERATE = "moderate"
    HIGH = "high"
    PASS = "pass"
    FAIL = "fail"
    NOT_ASSESSED = "not_assessed"

    def label(self, instrument: str = "") -> str:
        """The band in words; a FIRE-7 fail is a breach of the law, a FIRE-ADVICE fail is not."""
        special = {("FIRE-7", "fail"): N_("brudd på § 7 i forskrift om brannforebygging"),
                   ("FIRE-7", "pass"): N_("oppfyller § 7"),
                   ("FIRE-ADVICE", "fail"): N_("anbefaling ikke fulgt (ikke et lovbrudd)"),
                   ("FIRE-ADVICE", "pass"): N_("anbefalingene er fulgt")}
        return tr(special.get((instrument, self.value)) or {
            Band.POSITIVE: N_("minst ett ja – test gange og balanse"), Band.NEGATIVE: N_("ingen tegn på fallrisiko"),
            Band.AT_RISK: N_("økt risiko"), Band.LOW: N_("lav risiko"), Band.NORMAL: N_("normalt"),
            Band.BELOW_NORM: N_("under normen"), Band.MALNOURISHED: N_("underernært"), Band.MODERATE: N_("moderat"),
            Band.HIGH: N_("høy"), Band.PASS: N_("i orden"), Band.FAIL: N_("mangler"),
            Band.NOT_ASSESSED: N_("ikke kartlagt"),
        }[self])

    @property
    def outcome(self) -> str | None:
        """``"bad"`` (outside the limit), ``"good"`` (within it) or ``None`` (neither, or not assessed)."""
        if self in (Band.AT_RISK, Band.BELOW_NORM, Band.POSITIVE, Band.MALNOURISHED, Band.HIGH, Band.FAIL):
            return "bad"
        if self in (Band.LOW, Band.NORMAL, Band.NEGATIVE, Band.PASS):
            return "good"
        return None


def band_label(band: str, instrument: str = "") -> str:
    """A band id in words (``Band.label``); an unknown id is returned as it is."""
    try:
        return Band(band).label(instrument)
    except ValueError:
        return band


def band_outcome(band: object) -> str | None:
    """``Band.outcome`` of a band id; ``None`` for anything unknown."""
    try:
        return Band(str(band)).outcome
    except ValueError:
        return None


def band_of_concern(band: object) -> bool:
    """A band worth telling the client or the NAV statement about: outside the limit, or moderate."""
    return band_outcome(band) == "bad" or band == Band.MODERATE


def instrument_label(instrument: str) -> tuple[str, str]:
    """(name, unit) of a scored instrument in words; an unknown id is its own name."""
    name, unit = {
        "STEADI": (N_("Tre nøkkelspørsmål om fall"), ""),
        "SI": (N_("Stay Independent"), N_("poeng")),
        "TUG": (N_("Timed Up and Go"), "s"),
        "CST30": (N_("Reise seg fra stol på 30 s"), N_("ganger")),
        "BAL4": (N_("Balanse (tandemstilling)"), "s"),
        "FES-I-SHORT": (N_("Bekymring for å falle (Short FES-I)"), N_("poeng")),
        "MST": (N_("Ernæring (MST)"), N_("poeng")),
        "MNA-SF": (N_("Ernæring (MNA-SF)"), N_("poeng")),
        "FIRE-7": (N_("Brannsikring etter § 7"), N_("av 4 krav")),
        "FIRE-ADVICE": (N_("Brannråd (test, alder, komfyrvakt)"), N_("av 3 råd")),
    }.get(instrument, (instrument, ""))
    return tr(name), tr(unit)


def instrument_source(instrument: str) -> str | None:
    """The source citation of a scored instrument in words (the snapshot stores the instrument's
    id as its source); ``None`` for an unknown id."""
    source = {
        "STEADI": N_("CDC STEADI – Three Key Questions (offentlig eiendom, CDC)"),
        "SI": N_("CDC STEADI – Stay Independent-brosjyren (Rubenstein et al. 2011; offentlig eiendom)"),
        "TUG": N_("Timed Up and Go (Podsiadlo & Richardson 1991), grense 12 s etter CDC STEADI"),
        "CST30": N_("30 sekunders reise-seg-test (Rikli & Jones), normer etter CDC STEADI"),
        "BAL4": N_("4-trinns balansetest (CDC STEADI)"),
        "FES-I-SHORT": N_("Short FES-I (Kempen et al. 2008, ProFaNE); grenser etter Delbaere et al. 2010"),
        "MST": N_("MST – Malnutrition Screening Tool (Ferguson et al. 1999), anbefalt av Helsedirektoratet"),
        "MNA-SF": N_("MNA®-SF © Nestlé (Société des Produits Nestlé SA), brukt med kildehenvisning"),
        "FIRE-7": N_("Forskrift om brannforebygging § 7 (røykvarsler i hver etasje som dekker riktige rom og "
                     "høres, slokkeutstyr)"),
        "FIRE-ADVICE": N_("DSBs råd: test røykvarslerne hver måned, bytt dem etter 10 år, komfyrvakt"),
    }.get(instrument)
    return tr(source) if source else None


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
