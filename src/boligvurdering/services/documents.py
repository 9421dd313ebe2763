"""Documents of a visit: gather what each needs from the services, list what is missing, render.

``DocumentService(ctx)`` is the one entry point for the GUI and the CLI. It reads records,
answers, scores, measures, photos and (when the coordinator's ``ctx.plan`` service exists) the
financing plan, ramp calculation, household data and stored statement, and turns them into
``reports.model.DocumentData``. Rendering happens in ``boligvurdering.reports``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boligvurdering.domain.consent import (
    DOCUMENT_RECIPIENT,
    ConsentForm,
    Recipient,
    SendChannel,
    recipient_label,
)
from boligvurdering.domain.errors import NotFound, Problem, ValidationFailed
from boligvurdering.domain.formatting import format_date
from boligvurdering.fileio import write_durably
from boligvurdering.i18n import tr, use_language
from boligvurdering.reports import collect
from boligvurdering.reports.model import (
    Advice,
    DisclosureLine,
    DocumentData,
    Person,
    PhotoItem,
    SignOff,
)
from boligvurdering.reports.texts import t
from boligvurdering.services.access import guard
from boligvurdering.services.consent import APPLICATION_CHANNEL, ConsentRefused, consent_problem
from boligvurdering.services.language import LanguageService
from boligvurdering.services.measures import MeasureService

if TYPE_CHECKING:
    from boligvurdering.scoring import ScoreResult
    from boligvurdering.services.context import AppContext

ENTRANCE_ROWS = (("falls_mobility_aid", "nav.mobility_aid"), ("housing_entrance_rise_cm", "nav.rise"),
                 ("housing_entrance_available_length_m", "nav.available"),
                 ("housing_entrance_threshold_mm", "nav.threshold"), ("housing_entrance_door_width_cm", "nav.door_width"),
                 ("housing_entrance_door_swing", "nav.door_swing"), ("housing_entrance_door_landing", "nav.door_landing"),
                 ("housing_entrance_path_width_m", "nav.path_width"), ("housing_entrance_path_slope", "nav.terrain"),
                 ("housing_entrance_path_surface", "nav.surface"), ("housing_entrance_steps", "nav.steps"),
                 ("housing_entrance_handrail_both_sides", "nav.handrails"))
KINDS = ("client", "archive", "tilskudd", "nav-rampe", "fastlege", "brannvesen")
ACCEPTED = ("accepted", "done")


class DocumentService:
    """Gather, check and render the documents of a visit."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @staticmethod
    def kinds() -> dict[str, str]:
        """Document id → Norwegian name, in menu order."""
        return {k: t(f"kind.{k}") for k in KINDS}

    # -- sources ---------------------------------------------------------------------------
    def _photos(self, visit_id: str, room_names: dict[str, str]) -> tuple[PhotoItem, ...]:
        service = self.ctx.photos

        def loader(record: Any) -> Any:
            return lambda: service.print_bytes_of(record)

        return tuple(PhotoItem(r.caption, room_names.get(r.room_id or "", ""), loader(r))
                     for r in service.list(visit_id))

    # -- gathering ---------------------------------------------------------------------------
    @guard("visit.read", "document.read")
    def gather(self, visit_id: str, kind: str = "archive", statement: str | None = None) -> DocumentData:
        """Everything the document ``kind`` may print, as plain data."""
        ctx = self.ctx
        try:
            visit = ctx.visits.get(visit_id)
        except ValueError:  # not a UUID at all
            raise NotFound(t("miss.no_visit", id=visit_id)) from None
        client = ctx.clients.get(visit.client_id)
        dwelling = next((d for d in ctx.clients.dwellings(client.id) if d.id == visit.dwelling_id), None)
        rooms = ctx.visits.rooms(visit_id)
        room_names = {r.id: r.name for r in rooms}
        answers, per_room = ctx.answers.answers(visit_id)
        score = ctx.assessment.result(visit_id)  # the typed result, rendered here in the document's language

        measures = MeasureService(ctx).list(visit_id)
        plan = ctx.plan.plan(visit_id, score=score, measures=measures)  # carries the ramp too
        household = ctx.plan.household(visit_id)
        entrance = next((per_room.get(r.id, {}) for r in rooms if r.type == "entrance"), {})
        contact = visit.contact
        role = next((m.role for m in visit.members if contact and m.member.id == contact.id), "")
        data = DocumentData(
            kind=kind, visit_id=visit.id, created=format_date(date.today()),
            client=collect.client_info(client, dwelling, visit.visit_date or date.today(),
                                       floors_seen=answers.get("housing_floors")),
            kommune=ctx.plan.settings().name,
            contact=Person(contact.name, collect.role_label(role or contact.role), contact.phone, contact.email)
            if contact else None,
            team=tuple(SignOff(m.member.name, collect.role_label(m.role), format_date(m.signed_at))
                       for m in visit.members),
            visit_date=format_date(visit.visit_date), status=visit.status,
            referral=self._referral(visit), what_matters=str(answers.get("opening_what_matters") or ""),
            findings=collect.findings(score), instruments=collect.instruments(score),
            checks=collect.checks(score), rules=collect.rules(score),
            derived=collect.derived(score),
            housing_step=t("archive.housing_step", step=score.housing_step) if score.housing_step else "",
            answer_groups=collect.answer_groups(ctx.registry, answers),
            room_groups=collect.room_groups(ctx.registry, rooms, per_room),
            facts=collect.facts(ctx.registry, answers),
            photos=self._photos(visit_id, room_names),
            follow_ups=collect.follow_ups(score, visit.visit_date, date.today()),
            plan=collect.plan_view(plan),
            ramp=collect.ramp_view(plan["ramp"]) if plan.get("ramp") else None,
            household=collect.household_rows(household), household_size=collect.household_size(household),
            lasting=household.get("lasting_reduced_function"),
            entrance=self._entrance_rows(entrance, answers), condition=visit.condition, created_on=date.today(),
            visit_on=visit.visit_date,
            **self._consent_fields(visit_id, kind), **self._measure_fields(visit_id, score, measures, room_names))
        data.statement = statement if statement is not None else self.statement(visit_id, data)
        return data

    def _measure_fields(self, visit_id: str, score: ScoreResult, measures: list[Any],
                        room_names: dict[str, str]) -> dict[str, Any]:
        """Measure lines with the catalogue's «du» explanation, and advice for every risk domain."""
        catalogue = self.ctx.plan.catalogue

        def explain(catalogue_id: str | None) -> str:
            entry = catalogue.get(catalogue_id) if catalogue_id else None
            return tr(str(getattr(entry, "explanation", "") or ""))

        lines = tuple(collect.measure_line(m, room_names, explain(m.catalogue_id)) for m in measures)
        advice = [Advice(m.domain, m.title, m.explanation) for m in lines if m.status != "rejected" and m.explanation]
        covered = {a.domain for a in advice}
        if any(f.level == "high" and f.domain not in covered for f in collect.findings(score)):
            from boligvurdering.measures import propose

            data = self.ctx.answers.assessment_data(visit_id)
            advice += [Advice(pr.domain, tr(pr.title), explain(pr.measure_id))
                       for pr in propose(score, data, catalogue) if pr.domain not in covered and explain(pr.measure_id)]
        return {"measures": lines, "advice": tuple(dict.fromkeys(advice))}

    def _consent_fields(self, visit_id: str, kind: str) -> dict[str, Any]:
        """The recipient's consent in words, the tax-data consent and the disclosure log."""
        consents = self.ctx.consent.consents(visit_id)
        recipient = DOCUMENT_RECIPIENT.get(kind)
        record = consents.get(recipient.value) if recipient else None
        note = ""
        if recipient is not None and record is not None and record.given:
            note = t("consent.note", form=ConsentForm(record.form).label().lower(), date=format_date(record.given_on),
                     who=recipient.phrase(), by=record.recorded_by or t("common.unknown").lower())
        tax = consents.get(Recipient.SKATTEDATA.value)
        fullmakt = consents.get(Recipient.FULLMAKT.value)
        if fullmakt is None:
            fullmakt_note = t("app.fullmakt_missing")
        elif fullmakt.given:
            fullmakt_note = t("app.fullmakt_given", form=ConsentForm(fullmakt.form).label().lower(),
                              date=format_date(fullmakt.given_on))
        else:
            fullmakt_note = t("app.fullmakt_refused", date=format_date(fullmakt.given_on))
        log = tuple(DisclosureLine(t(f"kind.{d.document}"), recipient_label(d.document), format_date(d.sent_on),
                                   SendChannel(d.channel).label(), d.sent_by)
                    for d in self.ctx.consent.disclosures(visit_id))
        rows = tuple((r.label(), t("consent.line", state=t("consent.given" if c.given else "consent.refused"),
                                   form=ConsentForm(c.form).label().lower(), date=format_date(c.given_on))
                      if (c := consents.get(r.value)) else t("consent.not_asked")) for r in Recipient)
        return {"consent_note": note, "tax_consent": None if tax is None else tax.given, "disclosures": log,
                "consents": rows, "fullmakt": None if fullmakt is None else fullmakt.given,
                "fullmakt_note": fullmakt_note}

    def _referral(self, visit: Any) -> tuple[tuple[str, str], ...]:
        from boligvurdering.domain.enums import ReferralSource

        rows = []
        if visit.referral_source:
            rows.append((t("archive.referral"), ReferralSource(visit.referral_source).label()))
        if visit.referral_date:
            rows.append((t("archive.referral_date"), format_date(visit.referral_date)))
        if visit.referral_reason:
            rows.append((t("archive.referral_reason"), visit.referral_reason))
        return tuple(rows)

    def _entrance_rows(self, entrance: dict[str, Any], answers: dict[str, Any]) -> tuple[tuple[str, str], ...]:
        """What Nav asks about the entrance: measurements, door swing, landing, path, terrain, mobility aid."""
        rows = []
        for qid, key in ENTRANCE_ROWS:
            q = self.ctx.registry.question(qid)
            value = answers.get(qid) if qid == "falls_mobility_aid" else entrance.get(qid)
            if q is not None and value is not None:
                rows.append((t(key), collect.answer_text(q, value)))
        return tuple(rows)

    @guard("answers.read:opening")
    def statement(self, visit_id: str, data: DocumentData | None = None) -> str:
        """The stored statement, else a draft from the findings."""
        stored = self.ctx.plan.statement(visit_id)
        if stored:
            return str(stored)
        from boligvurdering.reports.minimise import minimise
        from boligvurdering.reports.statement import draft_statement

        if data is not None:  # gathered already, in the document's language
            return draft_statement(minimise(data))
        with use_language(self.language(visit_id)):  # the draft is written in the letter's målform
            return draft_statement(minimise(self.gather(visit_id, "tilskudd", statement="")))

    @guard("answers.write:opening", "plan.statement.save")
    def save_statement(self, visit_id: str, text: str) -> bool:
        """Store the edited statement. Always ``True`` (the GUI still reads the result)."""
        self.ctx.plan.save_statement(visit_id, text)
        return True

    @guard("visit.read")
    def applied_amount(self, visit_id: str, kind: str) -> float | None:
        """The amount an application document applies for (None for other documents)."""
        if kind not in APPLICATION_CHANNEL:
            return None
        plan = self.ctx.plan.plan(visit_id)
        return sum(float(c.get("amount") or 0) for c in plan.get("channels", ())
                   if c.get("id") == APPLICATION_CHANNEL[kind])

    # -- checking and rendering -------------------------------------------------------------
    @guard("visit.read")
    def missing(self, visit_id: str, kind: str, data: DocumentData | None = None) -> list[str]:
        """What must be recorded before document ``kind`` can be made (Norwegian sentences)."""
        from boligvurdering.reports.requirements import missing_for

        if kind not in KINDS:
            raise NotFound(t("miss.title") + f": {kind}")
        data = data or self.gather(visit_id, kind)
        refused = consent_problem(kind, self.ctx.consent.consents(visit_id))
        return ([refused] if refused else []) + missing_for(data, kind)

    @guard("visit.read")
    def language(self, visit_id: str) -> str:
        """The document language of a visit: the client's målform, else the kommune's."""
        try:
            visit = self.ctx.visits.get(visit_id)
        except ValueError:  # not a UUID at all
            raise NotFound(t("miss.no_visit", id=visit_id)) from None
        return LanguageService(self.ctx).document_language(visit.client_id)

    @guard("visit.read", "document.render")
    def render_bytes(self, visit_id: str, kind: str, statement: str | None = None,
                     language: str | None = None) -> bytes:
        """The document as PDF bytes, in ``language`` (default: ``self.language``).

        Raises ``ValidationFailed`` listing what is missing.
        """
        from boligvurdering.reports import render_document

        with use_language(language or self.language(visit_id)):
            data = self.gather(visit_id, kind, statement)
            self._refuse(visit_id, kind, data)  # in the document's language: the data is keyed in it
            return render_document(data)

    def _refuse(self, visit_id: str, kind: str, data: DocumentData) -> None:
        refused = consent_problem(kind, self.ctx.consent.consents(visit_id))
        if refused:
            self.ctx.consent.log_refusal(visit_id, kind)
            raise ConsentRefused(refused)
        problems = self.missing(visit_id, kind, data)
        if problems:
            raise ValidationFailed([Problem("", m) for m in problems], t("miss.title"))

    @guard("visit.read", "document.render")
    def render(self, visit_id: str, kind: str, out: Path, statement: str | None = None,
               language: str | None = None) -> Path:
        """Write the document to ``out`` atomically (temporary file, then replace)."""
        pdf = self.render_bytes(visit_id, kind, statement, language)
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_durably(out, pdf)
        return out
