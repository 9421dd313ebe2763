"""More document texts (consent, disclosure, applied amounts, advice): merged into ``texts.TEXTS``.

Kept apart only to keep each catalogue module short; look texts up with ``texts.t(key)``.
"""

from __future__ import annotations

MORE_TEXTS: dict[str, str] = {
    # consent and disclosure
    "consent.note": "Brukeren har gitt {form} samtykke {date} til at opplysningene sendes til {who} "
                    "(registrert av {by}).",
    "consent.head": "Samtykke",
    "consent.recipient": "Mottaker",
    "consent.state": "Samtykke",
    "consent.given": "Gitt",
    "consent.refused": "Nektet",
    "consent.not_asked": "Ikke registrert",
    "consent.line": "{state}, {form}, {date}",
    "consent.tax_given": "Brukeren samtykker til at kommunen henter skatteopplysninger til behovsprøvingen.",
    "consent.tax_refused": "Brukeren har ikke samtykket til at kommunen henter skatteopplysninger; "
                           "skattemeldingen må legges ved.",
    "disclosure.head": "Utlevering av opplysninger",
    "disclosure.document": "Dokument",
    "disclosure.recipient": "Mottaker",
    "disclosure.sent_on": "Sendt",
    "disclosure.channel": "Kanal",
    "disclosure.by": "Sendt av",
    "disclosure.none": "Ingen dokumenter er registrert som sendt.",
    # household (HB 7.S.13)
    "app.household.persons": "{n} personer",
    "app.household.persons_one": "1 person",
    "app.household.member": "Husstandsmedlem",
    "app.household.member_income": "{who}: bruttoinntekt {amount} i året",
    "app.household.other_wealth": "Annen formue",
    "civil.enslig": "Enslig",
    "civil.gift": "Gift",
    "civil.samboer": "Samboer",
    "civil.separert": "Separert",
    "civil.skilt": "Skilt",
    "civil.enke_enkemann": "Enke eller enkemann",
    "miss.household_alone": "Husstanden er registrert med {n}, men brukeren er registrert som «bor alene». "
                            "Rett opp antall personer eller bosituasjonen.",
    "miss.household_together": "Husstanden er registrert med én person, men brukeren er registrert som «bor sammen "
                               "med andre». Registrer de andre i husstanden og inntekten deres.",
    "miss.nothing_granted": "Finansieringsplanen gir ikke tilskudd til tilpasning fra kommunen{loan}. "
                            "Søknaden lages ikke.",
    "miss.nothing_granted_loan": " og ikke startlån",
    "miss.nav_nothing": "Finansieringsplanen gir ikke tilskudd fra Nav i stedet for rampe. Søknaden lages ikke.",
    # application: amounts applied for
    "app.title_grant": "Søknad om tilskudd til tilpasning av bolig",
    "kind.tilskudd_grant": "Søknadspakke: tilskudd til tilpasning",
    "app.to_grant": "Til: {kommune}, tildeling av tilskudd",
    "app.purpose_grant": "Det søkes om {amount} i tilskudd til tilpasning av bolig (alle beløp er inkl. mva.). "
                         "Grunnlag: voksen med nedsatt funksjonsevne. Formål: tilpasning av nåværende bolig.",
    "app.purpose_loan": "Det søkes også om {amount} i startlån til utbedring og tilpasning.",
    "app.cost_incl_vat": "Kostnad inkl. mva.",
    "app.applied_grant": "Søkt tilskudd",
    "app.applied_loan": "Startlån",
    "app.cadastre": "Gårds- og bruksnummer",
    "app.cadastre_value": "gnr. {gnr}, bnr. {bnr}",
    "app.att.tax_fetched": "Skatteopplysninger (hentes av kommunen etter samtykke)",
    "nav.applied": "Det søkes om {amount} (inkl. mva.) i tilskudd i stedet for rampe.",
    # client letter: plain advice in «du» form for every risk domain
    "client.why.falls": "Svarene dine og testene viser at du kan falle lettere enn før.",
    "client.why.fire": "Svarene dine viser at det er større fare for brann hjemme hos deg, "
                       "eller at det er vanskelig å komme seg ut hvis det brenner.",
    "client.why.nutrition": "Svarene dine viser at kroppen kan få for lite mat og næring.",
    "client.why.housing": "Noe i boligen gjør det vanskeligere og mindre trygt å bo der.",
    "client.advice_head": "{area}: dette anbefaler vi",
    "client.advice_help": "Dette kan hjelpe deg:",
    "client.advice_line": "{title}. {text}",
    "client.advice_talk": "Vi har ikke avtalt noe tiltak for dette ennå. "
                          "Snakk med kontaktpersonen din om hva som passer for deg.",
    "client.advice.falls": "Tren styrke og balanse litt hver dag, og fjern løse tepper og ledninger på gulvet.",
    "client.advice.fire": "Test røykvarslerne hver måned, og slå av komfyren når du går fra kjøkkenet.",
    "client.advice.nutrition": "Spis flere små måltider hver dag, og si fra til fastlegen hvis du går ned i vekt.",
    "client.advice.housing": "Vi hjelper deg å finne ut hva som kan gjøres i boligen, og hvem som kan betale.",
    # therapist's statement, drafted as prose
    "st.condition": "Diagnose og tilstand: {text}.",
    "st.condition_missing": "Diagnose og tilstand: [skriv inn diagnose eller tilstand].",
    "role.other_service": "Annen tjeneste i kommunen",
    "miss.not_visited": "Besøket er ikke gjennomført ennå. Dokumentene lages etter besøket.",
    "miss.condition": "Diagnose eller tilstand er ikke registrert (skriv den inn over uttalelsen).",
    "st.lasting": "Funksjonsnedsettelsen er varig, det vil si at den ventes å vare i mer enn to år.",
    "st.aids": "Brukeren bruker {aids}.",
    "st.fallen": "Brukeren har falt i løpet av det siste året.",
    "st.unsteady": "Brukeren kjenner seg ustø når brukeren står og går.",
    "st.tests": "Testene ved besøket viser nedsatt funksjon: {text}.",
    "st.inst.TUG": "Timed Up and Go tok {value} sekunder (økt fallrisiko ved 12 sekunder eller mer)",
    "st.inst.CST30": "brukeren reiste seg {value} ganger på 30 sekunder (under normen for alderen)",
    "st.inst.BAL4": "brukeren sto {value} sekunder i tandemstilling (målet er 10 sekunder)",
    "st.inst.FES-I-SHORT": "brukeren er redd for å falle i vanlige gjøremål",
    "st.development": "Forventet utvikling: uten tiltak ventes funksjonen å bli dårligere og fallrisikoen "
                      "å øke. Med tiltakene kan brukeren fortsatt bo hjemme og klare seg mest mulig selv.",
    # Nav: tilskudd i stedet for rampe
    "nav.mobility_aid": "Hjelpemiddel inn og ut av boligen",
    "nav.condition": "Diagnose eller tilstand",
    "nav.lasting": "Varighet",
    "nav.lasting_yes": "Varig, over to år",
    "nav.lasting_no": "Ikke varig",
    "nav.fullmakt_note": "Søkeren gir fullmakt til ergoterapeuten ved å skrive under nederst.",
    # referrals
    "ref.to_gp_named": "Til: {gp}, fastlege for {name}",
    "ref.gp_urgent": "Vi ber om rask vurdering: funnene tyder på alvorlig risiko for underernæring.",
    "ref.fire_arranged": "Dette ordner kommunen allerede",
    "miss.fire_all_pass": "Alle minstekravene til brannsikkerhet (§ 7) er oppfylt. Det er ikke grunn til henvisning.",
    "app.fullmakt_given": "Fullmakt til ergoterapeut: foreligger ({form}, gitt {date}).",
    "app.fullmakt_missing": "Fullmakt til ergoterapeut: mangler.",
    "app.fullmakt_refused": "Fullmakt til ergoterapeut: mangler (søkeren har ikke gitt fullmakt, {date}).",
    "ref.access_head": "Tilgang til boligen",
    "ref.access_key_box": "Nøkkelboks",
    "ref.access_key_box_where": "{answer}. {where}",
    "ref.access_relative": "Pårørende å kontakte",
    "ref.access_best_time": "Beste tid å komme",
    "ref.access_none": "Ingen opplysninger om tilgang er registrert. Avtal besøket med kontaktpersonen.",
}
