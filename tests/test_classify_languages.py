"""A person's reply in English, Spanish, French, German, Portuguese, Italian and Dutch.

Every message here is written for these tests (none is copied from a corpus file). The user,
Sam Rivera in Montréal (America/Toronto), proposed "Tuesday 16 or Thursday 18 March, 10am-3pm
Montréal time"; that proposal sits in each quote and must never count as the contact's.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from outreach.classify import classify_message
from outreach.classify.dates import find_dates
from outreach.classify.quotes import split_reply
from outreach.classify.resume import find_resume_date
from outreach.classify.times import find_times
from outreach.classify.zones import zone

USER_TZ = "America/Toronto"
PROPOSAL = "> Would Tuesday 16 March or Thursday 18 March work, 10am-3pm Montreal time?\n> Sam Rivera\n"


def _mail(body: str, *, date_hdr: str = "Fri, 05 Mar 2027 10:00:00 +0100", extra: str = "") -> bytes:
    return (
        "From: Contact <contact@firm.example>\nTo: Sam Rivera <sam.rivera@example.edu>\n"
        f"Date: {date_hdr}\nSubject: Re: 20 minutes?\n{extra}"
        f"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}"
    ).encode()


def _instant(value: str | None) -> float | None:
    return None if value is None else datetime.fromisoformat(value).timestamp()


def _summary(intent: str, start: str | None, proposed: list[str], acted: bool) -> tuple[Any, ...]:
    """Times as instants (any equivalent offset is right), options in order."""
    return intent, _instant(start), sorted(_instant(t) for t in proposed), acted


@pytest.mark.parametrize(
    ("body", "want"),
    [
        (  # Spanish, Gmail attribution, 24-hour time with a named zone
            "Hola Sam:\n\nCon mucho gusto. ¿Te va bien el jueves 18 de marzo a las 15:00, hora de Madrid?\n\n"
            "Un saludo,\nLucía\n\nEl mar, 2 mar 2027 a las 9:00, Sam Rivera (<sam.rivera@example.edu>) escribió:\n"
            + PROPOSAL,
            ("accepted", "2027-03-18T15:00:00+01:00", [], True),
        ),
        (  # French, "jeudi 18 à 14 h" with HEC, Apple Mail attribution
            "Bonjour Sam,\n\nVolontiers ! Je vous propose jeudi 18 à 14 h HEC.\n\nBien à vous,\nClaire\n\n"
            "Le 2 mars 2027 à 09:00, Sam Rivera <sam.rivera@example.edu> a écrit :\n\n" + PROPOSAL,
            ("accepted", "2027-03-18T14:00:00+01:00", [], True),
        ),
        (  # German, "Do., 18.3., 16 Uhr MEZ", under a German attribution
            "Hallo Herr Rivera,\n\ngerne. Passt Ihnen Do., 18.3., 16 Uhr MEZ?\n\nViele Grüße\nJonas\n\n"
            "Am 02.03.27 um 09:00 schrieb Sam Rivera:\n" + PROPOSAL,
            ("accepted", "2027-03-18T16:00:00+01:00", [], True),
        ),
        (  # Portuguese, "dia 18/03 às 10h" in Lisbon
            "Olá Sam,\n\nCom prazer! Podemos conversar no dia 18/03 às 10h (hora de Lisboa).\n\nAbraço,\nRui\n\n"
            "Em ter., 2 de mar. de 2027 às 09:00, Sam Rivera <sam.rivera@example.edu> escreveu:\n" + PROPOSAL,
            ("accepted", "2027-03-18T10:00:00+00:00", [], True),
        ),
        (  # Italian, two options with one zone after the last
            "Ciao Sam,\n\nvolentieri! Ti propongo martedì 16 alle 16:00 oppure giovedì 18 alle 17:30 (ora di Roma)."
            "\n\nA presto,\nGiulia\n\nIl giorno mar 2 mar 2027 alle ore 09:00 Sam Rivera <sam.rivera@example.edu> "
            "ha scritto:\n" + PROPOSAL,
            ("accepted", None, ["2027-03-16T16:00:00+01:00", "2027-03-18T17:30:00+01:00"], True),
        ),
        (  # Dutch, a dotted time with "uur" and a Dutch attribution
            "Beste Sam,\n\nIk praat graag even met je. Zullen we donderdag 18 maart om 15.30 uur afspreken?\n\n"
            "Groeten,\nEva\n\nOp 2 mrt 2027, om 09:00 heeft Sam Rivera <sam.rivera@example.edu> het volgende "
            "geschreven:\n" + PROPOSAL,
            ("accepted", "2027-03-18T15:30:00+01:00", [], True),
        ),
        (  # one time for either of two days ("jeweils"), Outlook's German header block
            "Hallo Herr Rivera,\n\ngern. Mittwoch, 24.3., oder Freitag, 26.3., jeweils 11 Uhr MEZ?\n\nGruß\nAnna\n\n"
            "Von: Sam Rivera <sam.rivera@example.edu>\nGesendet: Dienstag, 2. März 2027 09:00\n"
            "An: Anna <contact@firm.example>\nBetreff: 20 minutes?\n\n"
            "Would Tuesday 16 March or Thursday 18 March work, 10am-3pm Montreal time?",
            ("accepted", None, ["2027-03-24T11:00:00+01:00", "2027-03-26T11:00:00+01:00"], True),
        ),
        (  # a conversion into the user's zone is the same instant, not a second option
            "Bonjour Sam,\n\nAvec plaisir : jeudi 18 mars à 19 h heure de Paris, soit 14 h pour vous.\n\nClaire",
            ("accepted", "2027-03-18T19:00:00+01:00", [], True),
        ),
        (  # bottom-posted reply (Thunderbird): the new text is under the quote
            "Am 02.03.27 um 09:00 schrieb Sam Rivera:\n" + PROPOSAL + "\nHallo Sam,\n\n"
            "Donnerstag passt mir gut, um 17 Uhr unserer Zeit. Ich schicke eine Einladung.\n\nBeste Grüße\nJonas\n",
            ("accepted", "2027-03-18T17:00:00+01:00", [], True),
        ),
    ],
)
def test_acceptances_and_times(body: str, want: tuple[str, str | None, list[str], bool]) -> None:
    """Yes, times, dates and zones in seven languages; the user's quoted proposal never counts."""
    out = classify_message(_mail(body), user_tz=USER_TZ).to_json()
    start = (out["meeting"] or {}).get("start")
    got = _summary(out["intent"], start, out["proposed_times"], out["confidence"] >= 0.6)
    assert got == _summary(*want)


@pytest.mark.parametrize(
    ("body", "intent"),
    [
        ("Hola Sam,\n\nLo siento, pero no puedo comprometerme a más llamadas.\n\nSuerte,\nAna", "declined"),
        ("Bonjour,\n\nJe dois malheureusement décliner, mon agenda ne le permet pas.\n\nCordialement", "declined"),
        ("Hallo,\n\nleider dürfen wir keine Gespräche mit Externen führen.\n\nGruß", "declined"),
        ("Olá Sam,\n\nNão tenho disponibilidade para conversas deste tipo.\n\nAbraço", "declined"),
        ("Ciao Sam,\n\npurtroppo non posso, sono sommerso di lavoro.\n\nCiao", "declined"),
        ("Hoi Sam,\n\nHelaas kan ik je niet helpen, het is te druk.\n\nGroet", "declined"),
        ("Hi Sam,\n\nWe get so many of these that I don't really do them anymore. Good luck!\n\nKim", "declined"),
        ("Bonjour,\n\nPourriez-vous me relancer dans quelques semaines ? C'est la course.\n\nClaire", "later"),
        ("Hola,\n\n¿Me escribes de nuevo a partir del 12 de abril? Ahora no puedo.\n\nLucía", "later"),
        ("Hallo,\n\nMelden Sie sich gerne nach Ostern wieder bei mir.\n\nJonas", "later"),
        ("Bonjour,\n\nMerci de ne plus me contacter.\n", "unsubscribe"),
        ("Hallo,\n\nBitte keine weiteren E-Mails an diese Adresse.\n", "unsubscribe"),
        ("Olá,\n\nNão me contacte mais, por favor.\n", "unsubscribe"),
        ("Hola,\n\nAntes de agendar, ¿es para un trabajo de clase o buscas empleo?\n\nPablo", "question"),
        ("Ciao,\n\nprima di fissare, può dirmi di cosa vuole parlare?\n\nMarco", "question"),
        ("Hi Sam,\n\nBefore I say yes - what's your background, agency or in-house?\n\nKai", "question"),
    ],
)
def test_intents_by_cue_vocabulary(body: str, intent: str) -> None:
    """Paraphrases of no, later, stop and a question before committing, in seven languages."""
    raw = _mail(body + "\n\nEl 2 mar 2027, Sam Rivera escribió:\n" + PROPOSAL)
    out = classify_message(raw, user_tz=USER_TZ).to_json()
    assert (out["intent"], out["confidence"] >= 0.6) == (intent, True)


@pytest.mark.parametrize(
    ("body", "cc", "want"),
    [
        (  # French, the colleague is only in Cc
            "Bonjour Sam,\n\nJe ne suis pas la bonne personne. Je mets en copie ma collègue Léa, mieux placée.\n",
            "Léa Martin <lea.martin@firm.example>",
            ["lea.martin@firm.example"],
        ),
        (  # Outlook @-mention with a mailto link, and the user's own address in the quote is never one
            "Hi Sam,\n\n@Jane Okoro<mailto:jane.okoro@firm.example> is the right person for this - she runs "
            "our research team.\n\nFrom: Sam Rivera <sam.rivera@example.edu>\nSent: Tuesday\nTo: Contact\n"
            "Subject: chat\n\nhi",
            "",
            ["jane.okoro@firm.example"],
        ),
    ],
)
def test_referrals(body: str, cc: str, want: list[str]) -> None:
    """A pointer to a colleague by Cc or @-mention is a referral; the user's own addresses never are."""
    out = classify_message(_mail(body, extra=f"Cc: {cc}\n" if cc else ""), user_tz=USER_TZ).to_json()
    assert (out["intent"], [r["email"] for r in out["referrals"]]) == ("referral", want)


def test_minus_zero_date_is_not_punished() -> None:
    """A Date in -0000 (UTC, local zone unknown) is a full reference: the acceptance is acted on."""
    body = "Happy to chat! Let's do Monday, December 7 at 2pm ET - https://zoom.us/j/123456789\n\nPat"
    out = classify_message(_mail(body, date_hdr="Tue, 01 Dec 2026 16:02:11 -0000"), user_tz=USER_TZ).to_json()
    assert (out["intent"], out["confidence"], out["meeting"]["start"], out["meeting"]["url"]) == (
        "accepted",
        0.9,
        "2026-12-07T14:00:00-05:00",
        "https://zoom.us/j/123456789",
    )


def test_bare_weekday_means_the_users_proposed_date() -> None:
    """ "Thursday works" names the Thursday the user proposed, not the next one on the calendar."""
    body = "Hi Sam,\n\nThursday at 11:00 your time suits me.\n\nErik\n\nOn Tue, Mar 2, 2027, Sam wrote:\n"
    raw = _mail(body + PROPOSAL, date_hdr="Wed, 03 Mar 2027 10:00:00 +0100")
    out = classify_message(raw, user_tz=USER_TZ).to_json()
    assert (out["meeting"]["start"], out["confidence"] >= 0.6) == ("2027-03-18T11:00:00-04:00", True)


@pytest.mark.parametrize(
    ("text", "today", "want"),
    [
        ("jeudi 18 mars", date(2027, 3, 5), date(2027, 3, 18)),
        ("Do., 18.3.", date(2027, 3, 5), date(2027, 3, 18)),
        ("dia 18/03", date(2027, 3, 5), date(2027, 3, 18)),
        ("el martes 30 de marzo", date(2027, 3, 5), date(2027, 3, 30)),
        ("16. März 2027", date(2027, 3, 5), date(2027, 3, 16)),
        ("donderdag 18 maart", date(2027, 3, 5), date(2027, 3, 18)),
        ("04/02", date(2027, 1, 25), date(2027, 2, 4)),  # day-first is the nearer reading
        ("Thursday 04/03", date(2027, 2, 25), date(2027, 3, 4)),  # the weekday decides
        ("Tuesday 03/04", date(2027, 2, 25), date(2027, 3, 4)),
        ("the 28th", date(2027, 1, 16), date(2027, 1, 28)),
        ("mañana", date(2027, 3, 5), date(2027, 3, 6)),
        ("übermorgen", date(2027, 3, 5), date(2027, 3, 7)),
    ],
)
def test_dates(text: str, today: date, want: date) -> None:
    """Month and weekday names in seven languages, day-first and dotted dates, ordinal days."""
    assert [m.day for m in find_dates(text, today)] == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("serían las 9 de la mañana aquí", []),
        ("mañana por la mañana a las 10", [date(2027, 3, 6)]),
        ("Guten Morgen! Heute Morgen geht nicht, morgen um 10 schon", [date(2027, 3, 5), date(2027, 3, 6)]),
        ("Goede morgen, morgen om 10 uur?", [date(2027, 3, 6)]),
    ],
)
def test_the_morning_is_not_tomorrow(text: str, want: list[date]) -> None:
    """Spanish "mañana" and German and Dutch "morgen" after an article or a day name the morning, not tomorrow."""
    assert [m.day for m in find_dates(text, date(2027, 3, 5))] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("mardi 16 mars de 15 h à 15 h 30 (heure de Bruxelles)", ["2027-03-16T15:00:00+01:00"]),
        ("jueves 18 de marzo, 10:30 a. m. (hora Colombia)", ["2027-03-18T10:30:00-05:00"]),
        ("martedì 16 marzo, ore 18.00", ["2027-03-16T18:00:00+01:00"]),
        ("Do., 18.3.: 14 Uhr bei Ihnen, also 19 Uhr bei mir", ["2027-03-18T14:00:00-04:00"]),
        ("quinta, 18/03, às 11h, 13h ou 15h (horário de Brasília)",
         ["2027-03-18T11:00:00-03:00", "2027-03-18T13:00:00-03:00", "2027-03-18T15:00:00-03:00"]),
        ("Dienstag ist leider schon vorbei, 16.3. um 10 Uhr geht nicht.", []),
        ("Thursday at 15:30 MESZ", ["2027-03-11T15:30:00+01:00"]),
        ("either 9am or 4:30pm ET on Tue 3/16 works", ["2027-03-16T09:00:00-04:00", "2027-03-16T16:30:00-04:00"]),
        ("Options (all times Eastern): Tuesday 16 March, 2pm", ["2027-03-16T14:00:00-04:00"]),
        ("Thursday 18th, 6.30pm GMT?", ["2027-03-18T18:30:00+00:00"]),
        ("Pode ser na quarta, dia 17, às 14h?", ["2027-03-17T14:00:00+01:00"]),
        ("Passt Ihnen Mittwoch, der 17. März, um 16 Uhr?", ["2027-03-17T16:00:00+01:00"]),
        ("dinsdag 16 maart om 10 uur jouw tijd", ["2027-03-16T10:00:00-04:00"]),
        ("el jueves 18 a las 9 hora de Nueva York", ["2027-03-18T09:00:00-04:00"]),
        ("el martes 16 a las 9 (hora del Este)", ["2027-03-16T09:00:00-04:00"]),
        ("am Dienstag, 16. März, um 11 Uhr oder am Donnerstag, 18. März, um 15 Uhr",
         ["2027-03-16T11:00:00+01:00", "2027-03-18T15:00:00+01:00"]),
        # a zone for both options, each read on its own day (Berlin changes its clocks on 28 March)
        ("either Thursday, 25 March at 16:00 or Tuesday, 30 March at 16:00 (both Berlin time)",
         ["2027-03-25T16:00:00+01:00", "2027-03-30T16:00:00+02:00"]),
        ("either Mon 4pm or Wed 11am ET next week", ["2027-03-08T16:00:00-05:00", "2027-03-10T11:00:00-05:00"]),
    ],
)  # fmt: skip
def test_times(text: str, want: list[str]) -> None:
    """24-hour, "h" and dotted pm times, localised zone phrases and abbreviations, conversions and refusals,
    options joined by "or" in the user's zone, a zone for a whole list or range, weekday-and-day forms."""
    ref = datetime(2027, 3, 5, 10, 0, tzinfo=zone("Europe/Paris"))
    got = [t.timestamp() for t in find_times(text, ref, zone(USER_TZ)).times]
    assert got == [datetime.fromisoformat(w).timestamp() for w in want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Escríbeme de nuevo a partir del 6 de abril.", date(2027, 4, 6)),
        ("Melden Sie sich gerne ab dem 12. April wieder.", date(2027, 4, 12)),
        ("Stuur me gerust opnieuw een mailtje vanaf maandag 19 april.", date(2027, 4, 19)),
        ("Me procura de novo a partir do dia 7 de abril?", date(2027, 4, 7)),
        ("Je suis absente jusqu'au 22 mars inclus.", date(2027, 3, 22)),
        ("Ik ben afwezig tot en met dinsdag 16 maart.", date(2027, 3, 17)),
        ("I'm out of the office until Monday.", date(2027, 3, 8)),
        ("I will not return until 03/15/2027.", date(2027, 3, 15)),
        ("Could we aim for the second half of April?", date(2027, 4, 15)),
        ("Schreiben Sie mir doch im Juni noch einmal.", date(2027, 6, 1)),
        ("Stuur me begin mei een berichtje.", date(2027, 5, 1)),
        ("Riscrivimi a metà aprile.", date(2027, 4, 15)),
        ("Estoy fuera hasta finales de marzo; escríbeme en abril.", date(2027, 4, 1)),
        ("¿Lo vemos el mes que viene?", date(2027, 4, 1)),
        ("Je suis disponible, mais pas avant le 22 mars.", date(2027, 3, 22)),
        ("Schreiben Sie mir in zwei Wochen noch einmal.", date(2027, 3, 19)),
        ("Ricontattami tra un mese.", date(2027, 4, 2)),
        ("Can you follow up with me in a bit? What you're after matters to set expectations.", None),
        # A bare day counts from the date before it; "after" a day is the day after; the end of what keeps
        # them busy is the day after it; a day written "the 14th of June".
        ("Away until 20 April; write to me from the 21st.", date(2027, 4, 21)),
        ("Estoy fuera hasta el 9 de abril, escríbeme a partir del 12.", date(2027, 4, 12)),
        ("Try me after March 20th.", date(2027, 3, 21)),
        ("Schreiben Sie mir gern nach dem 9. April noch einmal.", date(2027, 4, 10)),
        ("Our audit finishes on 26 March, so any time after that.", date(2027, 3, 27)),
        ("Reach out on or after the 12th of April.", date(2027, 4, 12)),
        ("Check back the first week of April?", date(2027, 4, 1)),
        # The period in the sentence asking to be written to wins over another one; "d'ici", "binnen".
        ("I'm off from next week. Please get in touch again once I'm back in May.", date(2027, 5, 1)),
        ("Ik ben vanaf volgende week weg. Mail me in mei nog een keer.", date(2027, 5, 1)),
        ("Pourriez-vous me relancer d'ici deux semaines ?", date(2027, 3, 19)),
    ],
)
def test_resume_dates(text: str, want: date | None) -> None:
    """The first day contact is welcome again, as people say it in seven languages (a month after "until" or
    one already begun is no restart, and three-letter words are no months)."""
    assert find_resume_date(text, date(2027, 3, 5)) == want


@pytest.mark.parametrize(
    "attribution",
    [
        "El mar, 2 mar 2027 a las 9:00, Sam Rivera (<sam.rivera@example.edu>) escribió:",
        "Le mar. 2 mars 2027 à 09:00, Sam Rivera <sam.rivera@example.edu> a écrit :",
        "Am Di., 2. März 2027 um 09:00 Uhr schrieb Sam Rivera <sam.rivera@example.edu>:",
        "Em ter., 2 de mar. de 2027 às 09:00, Sam Rivera <sam.rivera@example.edu> escreveu:",
        "Il giorno mar 2 mar 2027 alle ore 09:00 Sam Rivera <sam.rivera@example.edu> ha scritto:",
        "Op di 2 mrt 2027 om 09:00 schreef Sam Rivera <sam.rivera@example.edu>:",
        "De : Sam Rivera <sam.rivera@example.edu>\nEnvoyé : mardi 2 mars 2027 09:00\nÀ : Claire\nObjet : chat",
        "Da: Sam Rivera <sam.rivera@example.edu>\nInviato: martedì 2 marzo 2027 09:00\nA: Giulia\nOggetto: chat",
        "Van: Sam Rivera <sam.rivera@example.edu>\nVerzonden: dinsdag 2 maart 2027 09:00\nAan: Eva\nOnderwerp: x",
        "De: Sam Rivera <sam.rivera@example.edu>\nEnviado: terça-feira, 2 de março de 2027 09:00\nPara: Rui\n"
        "Assunto: conversa",
        "Sam Rivera <sam.rivera@example.edu>\n02/03/2027 09:00\n\nA\ncontact@firm.example",
    ],
)
def test_localised_quote_headers(attribution: str) -> None:
    """Attributions and Outlook/Notes header blocks in seven languages start the quoted history."""
    text = f"Ok.\n\n{attribution}\n\nWould Tuesday 16 March at 2pm work?\nSam Rivera"
    assert split_reply(text).body == "Ok."


@pytest.mark.parametrize(
    ("to", "body", "want"),
    [
        (
            "Sam Rivera <sam.rivera@example.edu>",
            "Bonjour Karine,\n\nJe confirme demain à 14 h sur le chantier.\n",
            "unknown",
        ),
        ("sam.rivera@example.edu", "Hi Sammy,\n\nThanks, but I'll have to pass.\n", "declined"),
        ("Sam Rivera <sam.rivera@example.edu>", "Hola Sam,\n\nLo siento, pero no puedo comprometerme.\n", "declined"),
    ],
)
def test_greeting_someone_else(to: str, body: str, want: str) -> None:
    """A greeting to another name is misdirected mail, but only when the user's own name is known."""
    raw = _mail(body).replace(b"To: Sam Rivera <sam.rivera@example.edu>", f"To: {to}".encode())
    assert classify_message(raw, user_tz=USER_TZ).intent == want


IN_THREAD = "In-Reply-To: <sam-1@example.edu>\n"


@pytest.mark.parametrize(
    ("body", "want"),
    [
        # Refusals by structure (a negated ability, no time, "we don't do these", a bare no), not by sentence.
        ("Hi Sam,\n\nI wish I could, but it's just not realistic this spring.\n\nTed", ("declined", 0.85)),
        ("Nope, sorry!\n\nTed", ("declined", 0.85)),
        ("Hola Sam,\n\nno podemos atender este tipo de solicitudes.\n\nInés", ("declined", 0.85)),
        ("Bonjour Sam,\n\nje ne suis pas en mesure d'accepter, navrée.\n\nAnne", ("declined", 0.85)),
        ("Hallo Sam,\n\ndas klappt bei mir in nächster Zeit leider nicht.\n\nUte", ("declined", 0.85)),
        ("Olá Sam,\n\nnão vou conseguir, desculpe.\n\nJoão", ("declined", 0.85)),
        ("Ciao Sam,\n\nnon ce la faccio proprio, scusami.\n\nGino", ("declined", 0.85)),
        ("Hoi Sam,\n\ndat lukt me helaas niet.\n\nBas", ("declined", 0.85)),
        ("Hi Sam,\n\nMy calendar won't allow it, I'm afraid.\n\nTed", ("declined", 0.85)),
        # A rule of the employer's beside a negation, in any order and language.
        ("Hi Sam,\n\nPer company policy, staff can't take part in these.\n\nTed", ("declined", 0.85)),
        ("Hallo Sam,\n\nunsere Richtlinien erlauben das leider nicht.\n\nUte", ("declined", 0.85)),
        ("Olá Sam,\n\na política da empresa não permite estas conversas.\n\nJoão", ("declined", 0.85)),
        # Never again, as a list, an address or "no more messages".
        ("Please don't reach out to me again.", ("unsubscribe", 0.9)),
        ("Ich möchte keine weiteren Nachrichten von Ihnen.", ("unsubscribe", 0.9)),
        ("Não quero receber mais e-mails, obrigado.", ("unsubscribe", 0.9)),
        ("Non voglio più ricevere queste mail.", ("unsubscribe", 0.9)),
        ("Supprimez mon adresse de vos fichiers, merci.", ("unsubscribe", 0.9)),
        ("Please delete my personal data and refrain from contacting me in the future.", ("unsubscribe", 0.9)),
        # "yes" and "sure" that answer nothing: a refusal that mentions saying yes, a remark that is "pretty sure".
        (
            "Hi Sam,\n\nI'm not taking on these kinds of calls at the moment. My plate's full, and saying yes to"
            " everything means doing none of it well.\n\nCaroline",
            ("declined", 0.85),
        ),
        ("Sam! I'm pretty sure you taught my son. He still talks about your class.", ("unknown", 0.3)),
        # Stopped taking such calls, in other words and languages.
        ("Hola Sam,\n\nhace meses dejé de aceptar llamadas así. Te lo digo claro.\n\nJavi", ("declined", 0.85)),
        ("Bonjour Sam,\n\nj'ai arrêté d'accepter ce genre d'échanges, désolée.\n\nAnne", ("declined", 0.85)),
        ("Ciao Sam,\n\nho smesso di accettare questo tipo di chiamate.\n\nGino", ("declined", 0.85)),
        ("Dag Sam, ik heb het veel te druk om hier tijd voor vrij te maken, sorry.\n\nBas", ("declined", 0.85)),
        # A yes whose proposed dates do not suit, asking for others: an acceptance without a time yet.
        ("Ciao Sam, volentieri! Quelle due date purtroppo non riesco. Quando ti andrebbe bene la settimana dopo?",
         ("accepted", 0.55)),
        ("Happy to! Unfortunately neither of those days works - what other times would suit you?", ("accepted", 0.55)),
        # Not the right person, pointing at nobody: a decline, in other languages.
        ("Bonjour Sam,\n\nje ne suis vraiment pas la bonne personne pour cela.\n\nN.", ("declined", 0.85)),
        ("Hola Sam, no estoy haciendo este tipo de llamadas ahora mismo.", ("declined", 0.85)),
        # Erasure requests and "stop contacting me", by law and in plain words.
        ("Gelieve mij niet langer te contacteren en mijn persoonsgegevens te verwijderen.", ("unsubscribe", 0.9)),
        ("Bitte um Löschung meiner personenbezogenen Daten.", ("unsubscribe", 0.9)),
        ("Por favor, eliminen todos mis datos.", ("unsubscribe", 0.9)),
        # Yes, but weeks from now: a restart month or date is a deferral, in seven languages.
        ("Hi Sam,\n\nHappy to, but could we do it in May?\n\nTed", ("later", 0.55)),
        ("Hallo Sam,\n\ngerne, aber erst im Mai.\n\nUte", ("later", 0.8)),
        ("Ciao Sam,\n\nvolentieri, ma ne parliamo a maggio?\n\nGino", ("later", 0.55)),
        ("Hola Sam,\n\nencantada, ¿lo vemos el mes que viene?\n\nInés", ("later", 0.55)),
        ("Hoi Sam,\n\nleuk, maar kunnen we het in mei doen?\n\nBas", ("later", 0.55)),
        ("Hi Sam,\n\nCan you ping me again in about six weeks?\n\nTed", ("later", 0.8)),
        ("Hola Sam,\n\nahora me es imposible; llámame en dos semanas.\n\nInés", ("later", 0.8)),
        ("Hi Sam,\n\nOur employer won't let staff do these, sorry.\n\nTed", ("declined", 0.85)),
        ("Hi Sam,\n\nKind of you, but no thank you.\n\nTed", ("declined", 0.85)),
        ("Hi Sam,\n\nThat's not really something I can do at the moment.\n\nTed", ("declined", 0.85)),
        ("Hola Sam,\n\nno me interesa, gracias.\n\nInés", ("declined", 0.85)),
        # A short question back, whatever it asks, and an opener that is no greeting.
        ("C'est dans le cadre de vos études ?\n\nAnne", ("question", 0.5)),
        ("Hallo Sam, wofür genau brauchen Sie das Gespräch?\n\nUte", ("question", 0.5)),
        ("Done - invite on its way.\n\nTed", ("accepted", 0.55)),
        ("Perfecto, te mando la invitación.\n\nInés", ("accepted", 0.55)),
        ("Pouvez-vous préciser le sujet de l'échange ?\n\nAnne", ("question", 0.55)),
        # A doubt about being of use, "niet op in gaan", a list or future mailings to be left out of.
        ("Hi Sam,\n\nI doubt I'd be much use to you, I left the industry a while ago.\n\nTed", ("declined", 0.85)),
        ("Hoi Sam,\n\nwij gaan daar niet op in, sorry.\n\nBas", ("declined", 0.85)),
        ("Please keep me off any future mailings.", ("unsubscribe", 0.9)),
        ("Not interested - no further emails, thanks.", ("unsubscribe", 0.9)),
        ("Hi Sam,\n\ncould you check back with me the first week of April?\n\nTed", ("later", 0.8)),
        # Contractions typed without an apostrophe; "make sure" is no yes; objects refused "no more".
        ("hey sam, sorry, i cant take this on.\n\nted", ("declined", 0.85)),
        ("Hi, I'll make sure he reads it when he's back.\n\nTed's assistant", ("unknown", 0.3)),
        ("Hallo Sam,\n\nderartige Gespräche führe ich nicht mehr.\n\nUte", ("declined", 0.85)),
        ("Hoi Sam,\n\nwij plannen geen losse afspraken met studenten.\n\nBas", ("declined", 0.85)),
        ("Olá Sam,\n\nestou completamente sem agenda.\n\nJoão", ("declined", 0.85)),
        ("Unterlassen Sie künftig jede Kontaktaufnahme.", ("unsubscribe", 0.9)),
        ("Hoi Sam,\n\nStuur me volgende maand nog een berichtje?\n\nBas", ("later", 0.8)),
        # One vocabulary for yes and for confirming a time ("c'est noté", "works great"), and "passt ... nicht" no yes.
        ("Bonjour Sam,\n\nc'est noté pour mardi 16 mars à 15 h.\n\nAnne", ("accepted", 0.9)),
        ("Hi Sam,\n\nTuesday 16 March at 11am works great.\n\nTed", ("accepted", 0.9)),
        ("Hallo Sam,\n\ndas passt mir zeitlich leider gar nicht.\n\nUte", ("declined", 0.85)),
        # Cues match lower-cased text position for position, whatever the case or a letter that lowers to two.
        ("HI SAM,\n\nI'M AFRAID I'LL HAVE TO PASS.\n\nTED", ("declined", 0.85)),
        ("Hi Sam,\n\nİstanbul has me busy - not interested, sorry.\n\nTed", ("declined", 0.85)),
    ],
)
def test_intent_families(body: str, want: tuple[str, float]) -> None:
    """Cue families and sentence rules carry to wording no rule was written from, in seven languages."""
    raw = _mail(body + "\n\nEl 2 mar 2027, Sam Rivera escribió:\n" + PROPOSAL, extra=IN_THREAD)
    out = classify_message(raw, user_tz=USER_TZ).to_json()
    assert (out["intent"], out["confidence"]) == want


def test_a_mailing_footer_is_not_an_unsubscribe() -> None:
    """A tool's footer under a person's yes ("Unsubscribe: https://...") is not the person asking to stop."""
    body = "Sure, Thursday 18 March at 11am works.\n\nUnsubscribe from these updates: https://news.example/u/1\n"
    out = classify_message(_mail(body, extra=IN_THREAD), user_tz=USER_TZ).to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-03-18T11:00:00+01:00")


def test_question_needs_a_thread() -> None:
    """A short note with a question mark that answers no message (a notification) is not a question back."""
    raw = _mail("Did you get the slides from the meetup?\n\nTed")
    assert classify_message(raw, user_tz=USER_TZ).to_json()["intent"] == "unknown"


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("Thursday's good for me, talk then!", "2027-03-18T10:00:00-04:00"),
        ("Done - I've sent an invite for Tuesday.", "2027-03-16T10:00:00-04:00"),
        ("Tuesday doesn't work, but happy to chat another time.", None),
    ],
)
def test_a_day_picks_the_users_proposed_time(body: str, want: str | None) -> None:
    """An acceptance that names only a day takes that day's time from the user's quoted proposal."""
    raw = _mail(body + "\n\nOn Tue, Mar 2, 2027, Sam wrote:\n" + PROPOSAL, extra=IN_THREAD)
    meeting = classify_message(raw, user_tz=USER_TZ).to_json()["meeting"] or {}
    assert _instant(meeting.get("start")) == _instant(want)


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("Le ruego que no me escriba más.\n\nEl 2 mar 2027, Sam Rivera escribió:\n", "unsubscribe"),
        ("Il faut que je file.\n\nLe 2 mars 2027, Sam Rivera a écrit :\n", "unknown"),
    ],
)
def test_an_opening_like_an_attribution_is_the_reply(body: str, want: str) -> None:
    """A reply that opens with "Le"/"El" is its own text, not a quote attribution joined across a blank line."""
    out = classify_message(_mail(body + PROPOSAL, extra=IN_THREAD), user_tz=USER_TZ)
    assert (out.intent, out.body) == (want, body.split("\n\n")[0])


def test_a_list_of_times_in_the_users_zone_is_options() -> None:
    """Times listed one per line in the user's own zone are options, not conversions of the first."""
    body = "Sure, could do:\n\n* Tue 3/16 9:30am Montreal time\n* Thu 3/18 4pm Montreal time\n\nTed\n\n"
    body += "On Tue, Mar 2, 2027, Sam wrote:\n"
    out = classify_message(_mail(body + PROPOSAL, extra=IN_THREAD), user_tz=USER_TZ).to_json()
    assert sorted(map(_instant, out["proposed_times"])) == [
        _instant("2027-03-16T09:30:00-04:00"),
        _instant("2027-03-18T16:00:00-04:00"),
    ]


def test_a_yes_naming_a_day_and_a_cc_is_an_acceptance() -> None:
    """A yes that picks a proposed day and hands over to a Cc'd person too is accepted, with the referral."""
    body = "Sure, Tuesday suits me. I've cc'd Ana, who did the same course.\n\nOn Tue, Mar 2, 2027, Sam wrote:\n"
    raw = _mail(body + PROPOSAL, extra="Cc: Ana Lopez <ana.lopez@firm.example>\n" + IN_THREAD)
    out = classify_message(raw, user_tz=USER_TZ).to_json()
    assert (out["intent"], _instant(out["meeting"]["start"]), [r["email"] for r in out["referrals"]]) == (
        "accepted",
        _instant("2027-03-16T10:00:00-04:00"),
        ["ana.lopez@firm.example"],
    )


@pytest.mark.parametrize(
    ("body", "cc", "want"),
    [
        ("Sam, I'm swamped - Tom, over to you!", "Tom Reyes <tom.reyes@firm.example>", ["tom.reyes@firm.example"]),
        ("Sam, te pongo en copia a Javier.", "Javier Mora <javier.mora@firm.example>", ["javier.mora@firm.example"]),
        ("Sam, sorry, I can't help.", "Ana Lopez <ana.lopez@firm.example>", []),
    ],
)
def test_cc_named_in_the_text(body: str, cc: str, want: list[str]) -> None:
    """A Cc'd person counts when the text hands over to them by name or says they are copied."""
    out = classify_message(_mail(body, extra=f"Cc: {cc}\n"), user_tz=USER_TZ).to_json()
    assert [r["email"] for r in out["referrals"]] == want


def _added_recipient(to: str, cc: str, body: str) -> bytes:
    return (
        f"From: Greg Hall <greg.hall@firm.example>\nTo: {to}\nCc: {cc}\nDate: Fri, 05 Mar 2027 10:00:00 -0600\n"
        f"Subject: Re: 20 minutes?\n{IN_THREAD}Content-Type: text/plain; charset=utf-8\n\n{body}"
        "\n\nFrom: Sam Rivera <sam.rivera@example.edu>\nSent: Thursday, March 4, 2027 2:00 PM\n"
        "To: Greg Hall <greg.hall@firm.example>\nSubject: 20 minutes?\n\nWould you have 20 minutes?\n"
    ).encode()


@pytest.mark.parametrize(
    ("to", "cc", "body", "want"),
    [
        (  # Outlook puts an @-mentioned colleague in To beside the user
            "Sam Rivera <sam.rivera@example.edu>, Nadia Rahman <nadia.rahman@firm.example>",
            "",
            "Thanks for the note. @Nadia Rahman<mailto:nadia.rahman@firm.example> can you help Sam out?",
            ("referral", ["nadia.rahman@firm.example"]),
        ),
        (  # a forward to a colleague, the user in Cc: the introduction is the referral
            "Chris Morgan <chris.morgan@firm.example>",
            "Sam Rivera <sam.rivera@example.edu>",
            "Hi Chris, forwarding this along: you'd be a much better person for Sam to talk to.\n\n"
            "Sam, meet Chris Morgan, who leads our research team.",
            ("referral", ["chris.morgan@firm.example"]),
        ),
        (  # the same colleague in To, never named: only copied for information
            "Sam Rivera <sam.rivera@example.edu>, Nadia Rahman <nadia.rahman@firm.example>",
            "",
            "Sorry, I can't take this on right now.",
            ("declined", []),
        ),
    ],
)
def test_a_person_added_to_to_counts_like_a_cc(to: str, cc: str, body: str, want: tuple[str, list[str]]) -> None:
    """Once the quoted history says which recipient is the user, a new person in To is read as a Cc'd one."""
    out = classify_message(_added_recipient(to, cc, body), user_tz=USER_TZ).to_json()
    assert (out["intent"], [r["email"] for r in out["referrals"]]) == want


def test_a_weekday_next_week_ignores_the_users_proposed_days() -> None:
    """ "Wed 11am next week" is next week's Wednesday, even when the user proposed a later Wednesday."""
    days = find_dates("I could do Wed 11am ET next week", date(2027, 3, 18), [date(2027, 3, 17), date(2027, 4, 7)])
    assert [d.day for d in days] == [date(2027, 3, 24)]


ORDINAL_QUOTE = (
    "\n\nOn Tue, Mar 2, 2027, Sam Rivera <sam.rivera@example.edu> wrote:\n"
    "> Could we talk on Tuesday, March 16 at 10:00 AM or Thursday, March 18 at 2:00 PM?\n> Sam\n"
)


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("Sure, the first option works for me.", "2027-03-16T10:00:00-04:00"),
        ("Je tweede voorstel past me prima.", "2027-03-18T14:00:00-04:00"),
        ("Perfecto, la primera opción me viene bien.", "2027-03-16T10:00:00-04:00"),
        ("Gerne, der zweite Termin passt.", "2027-03-18T14:00:00-04:00"),
        ("Het tweede tijdstip komt mij het beste uit. Stuur je een uitnodiging?", "2027-03-18T14:00:00-04:00"),
        ("Opa! Pode contar comigo. O segundo horário fica ótimo pra mim.", "2027-03-18T14:00:00-04:00"),
        ("The first option doesn't work for me, sorry.", None),
        ("The first one works, but could we start at 10:30?", "2027-03-16T10:30:00-04:00"),
    ],
)
def test_a_reply_may_pick_the_users_time_by_its_rank(body: str, want: str | None) -> None:
    """ "The first option works" picks that one of the user's quoted times, read in the user's zone; its hour on the
    sender's clock restates it, another near it moves it."""
    out = classify_message(_mail(body + ORDINAL_QUOTE, extra=IN_THREAD), user_tz=USER_TZ).to_json()
    assert _instant((out["meeting"] or {}).get("start")) == _instant(want)


def test_a_rank_pick_restated_on_the_senders_clock_keeps_the_slot() -> None:
    """ "The first one works, 8 am my time" from Regina (-06:00 all year) restates the user's 10:00 Eastern slot."""
    mail = _mail("The first one works, 8 am my time." + ORDINAL_QUOTE, date_hdr="Fri, 05 Mar 2027 10:00:00 -0600",
                 extra=IN_THREAD)
    out = classify_message(mail, user_tz=USER_TZ).to_json()
    assert (out["meeting"] or {}).get("start") == "2027-03-16T10:00:00-04:00"


def test_the_language_of_a_reply_by_its_common_words() -> None:
    """Each of the seven languages is told by its function words; a reply too short or too mixed names none."""
    from outreach.classify.language import likely_language

    texts = [
        "Thanks for reaching out, happy to chat on Tuesday if that works for you.",
        "Hola, gracias por escribir. El martes me viene bien, pero usted dirá.",
        "Bonjour, merci pour votre message. Je suis disponible mardi, c'est avec plaisir.",
        "Hallo, danke für Ihre Mail. Ich bin am Dienstag gerne für Sie da.",
        "Olá, obrigada pela mensagem. Estou disponível na terça-feira, com muito gosto.",
        "Ciao, grazie per il messaggio. Martedì sono libero, possiamo sentirci alle 15.",
        "Hoi, dank voor je bericht. Ik ben dinsdag graag beschikbaar voor een gesprek.",
        "OK!",
        "Merci, thanks, danke.",
    ]
    assert [likely_language(text) for text in texts] == ["en", "es", "fr", "de", "pt", "it", "nl", None, None]
