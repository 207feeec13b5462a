"""Readings learned from the fresh sets (tests/data/classify_fresh), each on a message written here in other words."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from outreach.classify import classify_message
from outreach.classify.resume import find_resume_date
from outreach.classify.slots import named_proposal, ordinal_proposal, requested_shift
from outreach.classify.times import find_times
from outreach.classify.zones import zone
from tests.helpers import delivery_report_body

USER = "Sam Rivera <sam.rivera@example.edu>"
QUOTE = "\n\nOn Tue, Feb 2, 2027 at 9:00 AM Sam Rivera <sam.rivera@example.edu> wrote:\n> Could we talk?\n"


def _mail(body: str, *, sender: str = "Pat Lee <pat.lee@firm.example>", headers: str = "") -> bytes:
    return (
        f"From: {sender}\nTo: {USER}\nDate: Thu, 04 Feb 2027 10:00:00 -0500\nSubject: Re: 20 minutes?\n"
        f"In-Reply-To: <sam-1@example.edu>\n{headers}Content-Type: text/plain; charset=utf-8\n\n{body}"
    ).encode()


def test_a_left_the_company_auto_reply_names_the_successor() -> None:
    """ "I left X on <date>; please contact Y at y@" in an automatic reply is auto_reply with Y as the referral."""
    body = "Thank you for your email. I left Firm Co on January 29 and this mailbox is not monitored. " \
        "For the analytics team, please contact Elena Park at elena.park@firm.example."
    out = classify_message(_mail(body, headers="Auto-Submitted: auto-generated\n")).to_json()
    assert (out["intent"], [r["email"] for r in out["referrals"]]) == ("auto_reply", ["elena.park@firm.example"])


def test_a_german_left_the_company_notice_with_a_date_inside_names_the_successor() -> None:
    """ "Herr Vogt hat die Firma Ende März 2027 verlassen" (the date inside the phrase) names the successor as the
    referral, as "hat die Firma verlassen" does."""
    body = ("Dieses Postfach wird nicht mehr gelesen. Herr Jan Vogt hat die Firma zum 31. März verlassen. Bei Fragen "
            "wenden Sie sich bitte an Frau Petra Lange: petra.lange@firm.example")
    out = classify_message(_mail(body, headers="Auto-Submitted: auto-replied\n")).to_json()
    assert (out["intent"], [r["email"] for r in out["referrals"]]) == ("auto_reply", ["petra.lange@firm.example"])


def test_a_notification_to_a_list_address_is_not_a_relayed_reply() -> None:
    """A code-review notification in a thread, sent to a no-reply list address with the user in Cc, is bulk."""
    raw = (
        "From: Maya Lind <notifications@forge.example>\nTo: repo <repo@noreply.forge.example>\nCc: " + USER + "\n"
        "Date: Fri, 12 Feb 2027 13:04:50 -0800\nSubject: Re: [sam/repo] Fix the hour (PR #14)\n"
        "Precedence: list\nList-Id: sam/repo <repo.sam.forge.example>\nIn-Reply-To: <sam/repo/pull/14@forge.example>\n"
        "Content-Type: text/plain\n\nLooks good. Could we name the argument explicitly here?\n"
    ).encode()
    assert classify_message(raw).to_json()["intent"] == "unknown"


def test_a_bounce_names_the_address_its_text_reports_not_a_message_id() -> None:
    """The failed address is the one the notice reports, never the returned message's Message-ID."""
    raw = (
        b"Return-Path: <>\nFrom: mailer-daemon@mail.provider.example\nTo: sam.rivera@example.edu\n"
        b"Date: Thu, 11 Feb 2027 18:45:31 +0530\nSubject: Undelivered Mail Returned to Sender\n"
        b"Auto-Submitted: auto-replied\nContent-Type: text/plain\n\n"
        b"A message that you sent could not be delivered to one or more of its recipients. "
        b"This is a permanent error.\n\n"
        b"s.iyer@far.example Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <s.iyer@far.example>... "
        b"User unknown\n\n"
        b"Message-ID: <1kgv-9e0e-8752@example.edu>\nFrom: Sam Rivera <sam.rivera@example.edu>\n"
        b"To: Sanjana Iyer <s.iyer@far.example>\nSubject: Informational interview request\n"
    )
    out = classify_message(raw).to_json()
    assert (out["intent"], out["bounced_recipient"]) == ("bounce", "s.iyer@far.example")


def test_a_help_desk_person_pointing_elsewhere_is_a_referral() -> None:
    """A shared mailbox's person who says who to write to instead, with standing hours in the signature."""
    body = "Hi Sam,\n\nDaniel moved on last year. The person you'll want is our data lead, Joon Park. You can reach " \
        "him directly at joon.park@firm.example.\n\nMarisol\nMember Services | 416-555-0162 | " \
        "Hours: Mon-Fri, 9 am - 5 pm ET"
    out = classify_message(_mail(body + QUOTE, sender="Firm Co <help@firm.example>")).to_json()
    assert (out["intent"], out["meeting"], [r["email"] for r in out["referrals"]]) == (
        "referral",
        None,
        ["joon.park@firm.example"],
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Does Thu 2/25 at 4 work? That's my time, I'm in Vancouver.", ["2027-02-25T16:00:00-08:00"]),
        ("Does Thu 2/25 at 4 work? That's my time.", ["2027-02-25T16:00:00+00:00"]),
        ("Our office hours: Mon-Fri, 9 am - 5 pm ET.", []),
        ("Horario de atención: lunes a viernes de 9 a 18 h.", []),
        ("I could do Friday 26 Feb, 5pm SGT (4am Toronto). Would that suit?", ["2027-02-26T17:00:00+08:00"]),
        ("Friday 26 Feb at 9am PT / 12pm ET works", ["2027-02-26T09:00:00-08:00"]),
        ("let's do Friday Feb 26 at 7:30am your time, which I believe is 4:30pm.", ["2027-02-26T07:30:00-05:00"]),
        ("Thursday works. Just so we're not caught out, let's lock in 1pm Sydney time.", ["2027-02-25T13:00:00+11:00"]),
        ("Could we make it Friday 26 Feb 11:30am SGT? 1pm is when our meeting ends.", ["2027-02-26T11:30:00+08:00"]),
        ("Wednesday (2/24) I'm free anytime between 2 and 4pm ET, so pick a time.", ["2027-02-24T14:00:00-05:00"]),
        ("Wie wär's mit Montag, 1. März, 10:00 oder Dienstag, 2. März, 15:30 (Wiener Zeit)?",
         ["2027-03-01T10:00:00+01:00", "2027-03-02T15:30:00+01:00"]),
        ("Mañana a las 9:30 me iría mejor que a las 12, ¿te va?", ["2027-02-20T09:30:00+00:00"]),
        ("Mon agenda bouge énormément; réservez un créneau ici.", []),
        ("I could do Thursday 4/3 at 17:30 Israel time, or Monday 8/3 at 16:00 Israel time.",
         ["2027-03-04T17:30:00+02:00", "2027-03-08T16:00:00+02:00"]),
        ("Your Tuesday evening works. On my side that is Wednesday 24 February at 9:00 am Singapore time.",
         ["2027-02-24T09:00:00+08:00"]),
        # clock times in words
        ("¿te va bien el viernes 26 a las tres y media de la tarde?", ["2027-02-26T15:30:00+00:00"]),
        ("Mercoledì 24 alle 15 e trenta ti andrebbe bene?", ["2027-02-24T15:30:00+00:00"]),
        ("Passt Ihnen Dienstag, der 23. Februar, um halb drei?", ["2027-02-23T14:30:00+00:00"]),
        ("Morgen om half vier kan ik wel.", ["2027-02-20T15:30:00+00:00"]),
        ("How about half past two on Friday 26 February?", ["2027-02-26T14:30:00+00:00"]),
        ("De las dos opciones que propone, la segunda me queda mejor.", []),
        ("Je peux vous proposer mercredi 24 à 11h ou jeudi 25 à 17h30, dites-moi ce qui vous arrange.",
         ["2027-02-24T11:00:00+00:00", "2027-02-25T17:30:00+00:00"]),
        ("Je vous propose le jeudi 25 février à 10h00 (heure de Luxembourg).", ["2027-02-25T10:00:00+01:00"]),
        ("How about Wednesday 24 February at 9 my time (Mountain)?", ["2027-02-24T09:00:00-07:00"]),
        ("Ti propongo martedì 23 febbraio alle 14:00, ora svizzera.", ["2027-02-23T14:00:00+01:00"]),
        ("Could we do Monday 22 February, 10am Atlantic time?", ["2027-02-22T10:00:00-04:00"]),
        ("ok can. Thu 25 Feb 1530hrs at my office?", ["2027-02-25T15:30:00+00:00"]),
        ("Could do Thursday 25th at half two, or Friday 26th at 11, UK time.",
         ["2027-02-25T14:30:00+00:00", "2027-02-26T11:00:00+00:00"]),
        ("I could do Friday 26 February 4pm SG time (8am for me), if that suits?", ["2027-02-26T16:00:00+08:00"]),
        ("Je vous propose le jeudi 25 février à dix heures et demie, heure de Paris.", ["2027-02-25T10:30:00+01:00"]),
        ("Che ne dice di venerdì 26 febbraio alle dieci e mezza?", ["2027-02-26T10:30:00+00:00"]),
        ("¿Qué tal el miércoles 24 de febrero a las 16:00 de tu hora (Toronto)?", ["2027-02-24T16:00:00-05:00"]),
        ("El viernes no puedo, ¿te viene bien el martes 23 a las 11 (hora de Buenos Aires)?",
         ["2027-02-23T11:00:00-03:00"]),
        ("Accueil du public : du lundi au vendredi, 9h-12h et 14h-17h", []),
        ("I'm out Friday; Monday 2/22 works, just not at 3. Can we do 3:30 instead?", ["2027-02-22T15:30:00+00:00"]),
    ],
)  # fmt: skip
def test_where_the_sender_says_they_are_is_their_time(text: str, want: list[str]) -> None:
    """ "my time" is the sender's named place when they give one, else the Date header's offset; standing hours
    are not a proposal."""
    ref = datetime(2027, 2, 19, 4, 41, tzinfo=zone("UTC"))
    got = [t.timestamp() for t in find_times(text, ref, zone("America/Toronto")).times]
    assert got == [datetime.fromisoformat(w).timestamp() for w in want]


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("I'm afraid I'm snowed under and will have to give this one a miss. Good luck!", ("declined", 0.85)),
        ("I'm stepping back from these conversations for now, sorry.", ("declined", 0.85)),
        ("Just landed and the signal is terrible. Will read this properly once I'm back on wifi.", ("unknown", 0.4)),
        ("?", ("unknown", 0.3)),
        ("who gave u my email", ("question", 0.55)),
        ("Unrelated, sorry, but did you ever get the data from Paulo?", ("unknown", 0.4)),
        ("Could you send over your CV first? Then I'll know whether I can help.", ("question", 0.85)),
        ("We're not hiring and neither of us has the bandwidth for calls right now. Sorry!", ("declined", 0.85)),
        ("I've had to stop doing one-on-one career conversations this year.", ("declined", 0.85)),
        ("Happy to point you in the right direction, but first: which stage interests you?", ("question", 0.85)),
        ("I appreciate you thinking of me but I don't mentor anymore. Good luck to you.", ("declined", 0.85)),
        ("October is wall-to-wall, sorry. Drop me a line again in November and I'll make time.", ("later", 0.8)),
        ("I used to do these, but I've stopped taking them on; my plate is simply too full.", ("declined", 0.85)),
        ("Thanks. Let me know what specifically you'd like to cover.", ("question", 0.55)),
        ("Thanks, invoice received. Let me know if the PO number changes.", ("unknown", 0.3)),
        ("Merci d'effacer l'ensemble des données me concernant et de ne plus m'écrire.", ("unsubscribe", 0.9)),
        ("Ik wil best praten, maar nu gaat het niet. Kun je over een tijdje nog eens aankloppen?", ("later", 0.55)),
        ("Can't this time around, I'm afraid. Good luck with the search!", ("declined", 0.85)),
        ("Thank you for your note. Please don't include me in future outreach of this kind.", ("unsubscribe", 0.9)),
        ("I'd want to understand a bit more about what you're hoping to get from me. Let me know.", ("question", 0.55)),
        ("Happy to consider it. Send over your CV and a few lines, and I'll see whether I'm useful.",
         ("question", 0.85)),
        ("This isn't really my area. Try Ben Ashford: linkedin.example/in/benashford", ("referral", 0.55)),
        ("Hallo, schicken Sie mir bitte vorab Ihren Lebenslauf. Danach melde ich mich.", ("question", 0.85)),
        ("Sadly no -- I'm buried until the new year and I'd rather say no now than flake on you.", ("declined", 0.85)),
        ("Our office does not conduct informational interviews and I am unable to make an exception.",
         ("declined", 0.85)),
        ("Seriously though, is this a job search thing or are you still freelancing?", ("question", 0.55)),
        ("¿Me puedes mandar tu CV antes? Así veo en qué te puedo ayudar y no te hago perder el tiempo.",
         ("question", 0.55)),
        ("Antes de nada me gustaría saber de dónde has sacado mi correo", ("question", 0.5)),
        ("Wait -- are you the one who wrote the flood series? If so, yes, but I have questions for you first.",
         ("question", 0.85)),
        ("Hey Tom -- can you send me the donor numbers before Thursday's meeting?", ("unknown", 0.4)),
        ("Quite hectic with our filing. Can we talk after Hari Raya? Pls drop me a msg again then.", ("later", 0.8)),
        ("Currently we are in the midst of our filing. Kindly revert on or after 10th March.", ("later", 0.8)),
        ("Envoyez-moi d'abord votre CV, je verrai ensuite", ("question", 0.85)),
        ("I'm far from design these days, but Tom on our content team would be perfect - drop him a line.",
         ("referral", 0.55)),
        ("Salut, mauvais timing, on est en plein lancement. Relance-moi d'ici quelque temps, avec plaisir.",
         ("later", 0.8)),
        ("Non credo di essere la persona giusta, scusami. In bocca al lupo!", ("declined", 0.85)),
        ("Hoi, kunnen we dit later in het jaar oppakken? Nu is het echt te druk.", ("later", 0.8)),
        ("Ich fordere Sie auf, meine personenbezogenen Daten zu löschen und mich nicht weiter zu kontaktieren.",
         ("unsubscribe", 0.9)),
        ("Merci de m'envoyer votre CV avant que l'on fixe quoi que ce soit.", ("question", 0.85)),
        ("I'm afraid I'm not really in a position to help; I'd be the wrong person to ask.", ("declined", 0.85)),
        ("Negative on the call. I left that world two years ago. Best of luck.", ("declined", 0.85)),
        ("Merci, mais je ne suis pas disponible pour ce genre d'échanges. Bonne chance pour la suite.",
         ("declined", 0.85)),
        ("Esta semana no puedo ni respirar. Escríbeme a partir del lunes que viene y lo miramos con calma.",
         ("later", 0.8)),
        ("Je vous demande de supprimer l'ensemble de mes données personnelles et de ne plus me contacter.",
         ("unsubscribe", 0.9)),
    ],
)
def test_readings_in_other_words(body: str, want: tuple[str, float]) -> None:
    """Refusals, holding notes, bare marks, unpunctuated questions and asides, as the fresh sets wrote them."""
    out = classify_message(_mail(body + QUOTE)).to_json()
    assert (out["intent"], out["confidence"]) == want


def test_a_vague_period_names_no_restart_day() -> None:
    """ "Try me again in a few weeks" is later with no day (as the corpora label "unas semanas", "ein paar Wochen")."""
    out = classify_message(_mail("Sorry, it's bedlam here. Could you try me again in a few weeks?" + QUOTE)).to_json()
    assert (out["intent"], out["resume_after"]) == ("later", None)


def test_an_outlook_recall_is_no_answer() -> None:
    """Outlook's "Recall:" of a message (in any client language) is a notice, never a question or an answer."""
    raw = _mail("Vanessa Roy would like to recall the message, \"RE: 20 minutes?\".").replace(
        b"Subject: Re: 20 minutes?", b"Subject: Recall: 20 minutes?"
    )
    assert classify_message(raw).to_json()["intent"] == "unknown"


def test_a_japanese_outlook_header_block_starts_the_quote() -> None:
    """Outlook's Japanese header block (差出人, 送信日時, 宛先, 件名) starts the quoted history."""
    body = (
        "Dear Sam,\n\nI would be happy to speak with you.\n\n22 February (Mon) 14:00 JST is convenient for me.\n\n"
        "差出人: Sam Rivera <sam.rivera@example.edu>\n送信日時: 2027年2月3日 8:05\n"
        "宛先: Misaki Tanaka\n件名: 20 minutes?\n\n"
        "Could we talk on Tuesday, February 16 at 10:00 AM ET?\n"
    )
    out = classify_message(_mail(body), user_tz="America/Toronto").to_json()
    assert (out["intent"], out["meeting"]["start"], out["proposed_times"]) == (
        "accepted",
        "2027-02-22T14:00:00+09:00",
        [],
    )


def test_the_users_time_picked_by_rank_is_never_a_quote_header() -> None:
    """ "Le premier créneau me convient" picks the first time of the user's proposal, not the time on the
    attribution line above it ("Le 12/01/2028 à 19:04, ... a écrit :")."""
    body = (
        "Bonjour,\n\nLe premier créneau que vous proposez me convient tout à fait.\n\n"
        "Le 02/02/2027 à 19:04, Sam Rivera a écrit :\n"
        "> Je vous propose le mardi 16 février à 14h00 ou le jeudi 18 février à 10h00 (heure de Toronto).\n"
    )
    out = classify_message(_mail(body), user_tz="America/Toronto").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-02-16T14:00:00-05:00")


def test_a_portuguese_greeting_is_not_someone_elses_name() -> None:
    """ "Fala, Sam!" greets the user; "segunda não rola, mas pode ser terça às 10h" is Tuesday at 10."""
    body = "Fala, Sam! Beleza?\n\nBora conversar sim. Segunda não rola pra mim, mas pode ser terça (9/2) às 10h?\n"
    out = classify_message(_mail(body + QUOTE), user_tz="America/Toronto").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-02-09T10:00:00-05:00")


def test_the_introducer_thanked_on_a_reply_all_is_no_referral() -> None:
    """ "Thanks Renata for connecting us" to the Cc'd introducer keeps her out of the referrals."""
    body = "Sam, sure thing, and thanks Renata for connecting us. Tuesday 2/16 at 3pm ET works for me."
    raw = _mail(body + QUOTE, headers="Cc: Renata Flores <renata.flores@example.com>\n")
    out = classify_message(raw).to_json()
    assert (out["intent"], out["referrals"]) == ("accepted", [])


def test_a_refusal_with_a_booking_page_in_its_signature_is_a_decline() -> None:
    """A no with a "book time with me" link under it is declined: the link is the signature's standing offer."""
    html = (
        "<p>Hi Sam,<br>Appreciate you reaching out, but I'm going to pass. Good luck out there!<br>Kyle</p>"
        "<table><tr><td>Kyle Brennan | Sales</td></tr><tr><td><a href='https://meetings.firm.example/kyle/demo'>"
        "My calendar</a></td></tr></table>"
    )
    raw = _mail(html).replace(b"Content-Type: text/plain", b"Content-Type: text/html")
    out = classify_message(raw).to_json()
    assert (out["intent"], out["meeting"]) == ("declined", None)


def test_a_shared_mailbox_naming_who_is_responsible_is_a_referral() -> None:
    """ "Für Produktfragen ist bei uns Katrin zuständig; schreiben Sie ihr direkt: katrin@" points on."""
    body = (
        "Hallo Frau Rivera,\n\nvielen Dank für Ihre Nachricht. Für Fragen rund ums Produktmanagement ist bei uns "
        "Katrin Albers zuständig. Am besten schreiben Sie ihr direkt: katrin.albers@firm.example\n\nPaul"
    )
    out = classify_message(_mail(body + QUOTE, sender="Firm | Kontakt <kontakt@firm.example>")).to_json()
    assert (out["intent"], [r["email"] for r in out["referrals"]]) == ("referral", ["katrin.albers@firm.example"])


def test_an_inline_answer_picks_the_users_day() -> None:
    """A reply written between the quoted lines ("Thursday. Tuesday I'm on shift") picks Thursday's proposed time."""
    body = (
        "On Sat, Feb 13, 2027 at 8:15 PM Sam Rivera <sam.rivera@example.edu> wrote:\n> Hi Dr. Romero,\n\n"
        "Welcome to the dark side.\n\n> Would Tuesday, February 16 at 4:00 PM ET or Thursday, February 18 at "
        "12:00 PM ET work for you?\n\nSure. Thursday. Tuesday I'm on shift in the ED.\n\n> Thank you!\n"
    )
    out = classify_message(_mail(body), user_tz="America/New_York").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-02-18T12:00:00-05:00")


def test_next_quarter_is_its_first_day() -> None:
    """ "Reach back out next quarter" (in February) is later from 1 April."""
    body = "We're under a hiring pause through the end of Q1. Please reach back out next quarter!"
    out = classify_message(_mail(body + QUOTE)).to_json()
    assert (out["intent"], out["resume_after"]) == ("later", "2027-04-01")


def test_an_address_inside_a_booking_link_is_no_referral() -> None:
    """A booking URL that carries an address (".../bookwithme/user/5f1e@firm.example/...") names nobody."""
    body = (
        "Ich spreche gern mit Ihnen. Buchen Sie sich einen Termin: "
        "https://outlook.example.com/bookwithme/user/5f1e2c7a9b@firm.example/meetingtype/Kennenlernen30?anonymous"
    )
    out = classify_message(_mail(body + QUOTE)).to_json()
    assert (out["intent"], out["referrals"]) == ("accepted", [])


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Me encuentro fuera de la oficina. Volveré el lunes 8 de febrero.", "2027-02-08"),
        ("Volte a escrever-me daqui a duas semanas.", "2027-02-18"),
        ("I'm on a boat with no bandwidth. Reach out Monday the 22nd or later.", "2027-02-22"),
        ("Estou fora do escritório. Regresso na segunda-feira, 15 de fevereiro.", "2027-02-15"),
        ("Con gusto, pero tengo un cierre. Escríbame de nuevo el lunes 22 de febrero, ya de regreso.", "2027-02-22"),
    ],
)
def test_more_restart_days(text: str, want: str) -> None:
    """ "Volveré el lunes 8", "daqui a duas semanas": a return in the future tense, a count in the feminine."""
    assert find_resume_date(text, date(2027, 2, 4)).isoformat() == want


def _notice(headers: str, body: str) -> dict[str, object]:
    if "Content-Type" not in headers:
        headers += "Content-Type: text/plain; charset=utf-8\n"
    raw = f"To: Sam Rivera <sam.rivera@example.edu>\nDate: Thu, 04 Feb 2027 10:00:00 -0500\n{headers}\n{body}".encode()
    return classify_message(raw).to_json()


def test_automatic_notices_that_are_no_auto_reply() -> None:
    """A no-reply notice outside any thread ("this is an automated message") and a "Delivered:" report are unknown,
    though both carry Auto-Submitted."""
    password = _notice(
        "From: Alumni Network <no-reply@alumni.example>\nSubject: Your password was changed\n"
        "Auto-Submitted: auto-generated\n",
        "Your password was changed. This is an automated message; do not reply to this message.",
    )
    report = delivery_report_body(
        "Final-Recipient: rfc822; pat@firm.example\nAction: delivered\nStatus: 2.0.0", "Delivered.", "", "d"
    )
    delivered = _notice(
        "From: postmaster@firm.example\nSubject: Delivered: 20 minutes?\nAuto-Submitted: auto-replied\n"
        "In-Reply-To: <sam-1@example.edu>\nMIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=d\n",
        report,
    )
    assert (password["intent"], delivered["intent"]) == ("unknown", "unknown")


@pytest.mark.parametrize(
    ("headers", "body", "want"),
    [
        (  # a Korean provider's notice: the server's answer names the address
            "From: MAILER-DAEMON@mail.far.example\nReturn-Path: <>\nSubject: [발송실패] 20 minutes?\n",
            "보내신 메일이 다음 수신자에게 전달되지 못했습니다.\n\n서버 응답 : 550 5.1.1 <jiwoo.park@far.example>: "
            "Recipient address rejected: User unknown\n",
            "jiwoo.park@far.example",
        ),
        (  # only the subject names it
            "From: Mail System <postmaster@far.example>\nReturn-Path: <>\n"
            "Subject: Undeliverable mail: g.olsen@far.example\n",
            "Your message could not be delivered. The mailbox has been deactivated.\n",
            "g.olsen@far.example",
        ),
    ],
)
def test_a_failed_address_named_where_the_notice_puts_it(headers: str, body: str, want: str) -> None:
    """The failed address in a server answer quoted in any language, or in the subject alone."""
    out = _notice(headers, body)
    assert (out["intent"], out["bounced_recipient"]) == ("bounce", want)


def test_a_rank_pick_with_a_restatement_in_the_senders_zone() -> None:
    """ "A primeira opção funciona pra mim (vai ser 10h aqui em São Paulo)": the user's first slot, in the zone the
    user named for it ("horário de Munique"), not the sender's restatement."""
    body = (
        "Oi Sam, tudo bem?\n\nA primeira opção funciona pra mim (vai ser 10h aqui em São Paulo, tranquilo).\n\n"
        "Em sex., 12 de fev. de 2027 às 14:00, Sam Rivera <sam.rivera@example.edu> escreveu:\n"
        "> Eu poderia quinta-feira, 18 de fevereiro, às 14h ou sexta-feira, 19 de fevereiro, às 15h "
        "(horário de Munique).\n"
    )
    out = classify_message(_mail(body), user_tz="Europe/Berlin").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-02-18T14:00:00+01:00")


def test_a_list_of_people_after_an_interjection_is_a_referral() -> None:
    """ "Ha, I never say no, but this month I have to. Two people who'd be better: - Leila <leila@...>": "Ha" greets
    nobody, and the list is the referral."""
    body = (
        "Ha, I get a lot of these and I never say no, but this month I have to. Two people who'd be better anyway:\n\n"
        "- Leila Haddadi <leila@windward.example> -- ran comms at Windward\n"
        "- Tom Barker, tom.barker@northernlights.example -- freelance strategy\n\nUse my name freely.\n"
    )
    out = classify_message(_mail(body + QUOTE)).to_json()
    assert (out["intent"], [r["email"] for r in out["referrals"]]) == (
        "referral",
        ["leila@windward.example", "tom.barker@northernlights.example"],
    )


def test_a_formal_greeting_by_surname_greets_the_user() -> None:
    """ "Madame Rivera," greets the user by surname: the time she proposes is read, not set aside as misdirected."""
    body = "Madame Rivera,\n\nPourrions-nous plutôt nous parler le mardi 23 février à 15h (heure de Bruxelles) ?"
    out = classify_message(_mail(body + QUOTE), user_tz="America/Toronto").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-02-23T15:00:00+01:00")


def test_a_colleague_put_in_cc_in_german_is_a_referral() -> None:
    """ "Ich habe meinen Kollegen Jonas Berger in Cc gesetzt. Jonas, magst du dich melden?" points on to Jonas."""
    body = (
        "Hallo Frau Rivera,\n\nich selbst bin inzwischen im Risikomanagement. "
        "Ich habe aber meinen Kollegen Jonas Berger in Cc gesetzt.\n\n"
        "Jonas, magst du dich direkt bei Frau Rivera melden?\n\nViele Grüße\nThomas"
    )
    raw = _mail(body + QUOTE, headers="Cc: Jonas Berger <jonas.berger@firm.example>\n")
    out = classify_message(raw).to_json()
    assert (out["intent"], [r["email"] for r in out["referrals"]]) == ("referral", ["jonas.berger@firm.example"])


def test_a_slot_word_is_no_office_hours() -> None:
    """ "Va benissimo il primo orario che mi ha proposto": "orario" here is the slot, not opening hours, so the line
    stays the reply's text and picks the user's first time."""
    body = (
        "Gentile Sam,\n\nva benissimo il primo orario che mi ha proposto.\n\nA presto,\nMarco\n\n"
        "Il giorno 12 feb 2027, alle ore 13:00, Sam Rivera <sam.rivera@example.edu> ha scritto:\n"
        "> Le propongo martedì 16 febbraio alle 10:00 o giovedì 18 febbraio alle 15:00 (ora di Toronto).\n"
    )
    out = classify_message(_mail(body), user_tz="America/Toronto").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-02-16T10:00:00-05:00")


def test_grand_greets_nobody_and_the_slot_you_suggested_works() -> None:
    """ "Grand, Tuesday at 4 works" is a yes, not a note to someone called Grand; "the first slot you suggested
    works" picks the user's first time."""
    grand = classify_message(_mail("Grand, Tuesday 16 Feb at 4 works. Talk then" + QUOTE)).to_json()
    body = (
        "Sam,\n\nThe first slot you suggested works. I'll send the link now.\n\nRob\n\n"
        "On Tue, Feb 9, 2027 at 9:00 AM Sam Rivera <sam.rivera@example.edu> wrote:\n"
        "> Could we talk on Tuesday, February 16 at 10:00 AM ET or Thursday, February 18 at 2:00 PM ET?\n"
    )
    first = classify_message(_mail(body), user_tz="America/New_York").to_json()
    assert (grand["intent"], first["intent"], first["meeting"]["start"]) == (
        "accepted",
        "accepted",
        "2027-02-16T10:00:00-05:00",
    )


def test_an_introducer_answering_with_the_contact_on_copy_refers_nobody() -> None:
    """The Cc'd person the user's quoted message greeted was the addressee all along, not a referral."""
    raw = (
        "From: Dan Okafor <dan.okafor@example.com>\nTo: " + USER + "\nCc: Ines Varga <ines.varga@lab.example>\n"
        "Date: Thu, 04 Feb 2027 10:00:00 -0500\nSubject: Re: Intro via Dan\nIn-Reply-To: <sam-1@example.edu>\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Sam, meet Ines; Ines, meet Sam. I'll let you two take it from here.\n\nDan\n\n"
        "On Tue, Feb 2, 2027 at 9:00 AM Sam Rivera <sam.rivera@example.edu> wrote:\n"
        "> Hi Ines, Dan suggested I get in touch.\n> Could we talk for 20 minutes next week?\n"
    ).encode()
    out = classify_message(raw, user_tz="America/New_York").to_json()
    assert (out["intent"], out["referrals"]) == ("unknown", [])


def test_a_colleague_copied_in_by_the_addressee_is_still_a_referral() -> None:
    """When the greeted person answers and copies someone else in, that someone is a referral."""
    raw = (
        "From: Ines Varga <ines.varga@lab.example>\nTo: " + USER + "\nCc: Omar Haddad <omar.haddad@lab.example>\n"
        "Date: Thu, 04 Feb 2027 10:00:00 -0500\nSubject: Re: Intro via Dan\nIn-Reply-To: <sam-1@example.edu>\n"
        "Content-Type: text/plain; charset=utf-8\n\nOmar runs our research team and is the better person; "
        "I've copied him here.\n\nInes\n\n"
        "On Tue, Feb 2, 2027 at 9:00 AM Sam Rivera <sam.rivera@example.edu> wrote:\n> Hi Ines,\n> Could we talk?\n"
    ).encode()
    out = classify_message(raw, user_tz="America/New_York").to_json()
    assert (out["intent"], out["referrals"]) == (
        "referral",
        [{"name": "Omar Haddad", "email": "omar.haddad@lab.example"}],
    )


def test_won_t_regret_it_is_no_decline() -> None:
    """ "You won't regret it" recommends; only an unnegated regret is a weak decline."""
    assert classify_message(_mail("Great idea, Sam. You won't regret it.")).to_json()["intent"] != "declined"
    assert classify_message(_mail("I regret that I can't make time for this.")).to_json()["intent"] == "declined"


def _ses_notice(json_body: str) -> bytes:
    return (
        "From: SES <no-reply@sns.amazonaws.com>\nTo: sam.rivera@example.edu\n"
        "Date: Thu, 04 Feb 2027 10:00:00 +0000\nSubject: AWS Notification Message\n"
        "Content-Type: text/plain; charset=UTF-8\n\n" + json_body + "\n\n--\nIf you wish to stop receiving "
        "notifications from this topic, please click the link below to unsubscribe.\n"
    ).encode()


def test_an_ses_bounce_broken_by_sendmail_s_line_limit_is_still_read() -> None:
    """Amazon SES's JSON bounce is read even where an MTA broke its long line with "!" and a fold."""
    body = (
        '{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":'
        '"ana.silva@far.example","action":"failed","status":"5.1.1"}]},"mail":{"headers":[{"name":"!\n '
        'Subject","value":"Hello"}]}}'
    )
    out = classify_message(_ses_notice(body)).to_json()
    assert (out["intent"], out["bounced_recipient"]) == ("bounce", "ana.silva@far.example")


def test_an_ses_complaint_is_an_unsubscribe_and_a_delivery_is_nothing() -> None:
    """SES's complaint is a spam complaint like ARF (never write again); its delivery report is no answer."""
    complaint = (
        '{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"a@far.example"}]}}'
    )
    delivery = '{"notificationType":"Delivery","delivery":{"recipients":["a@far.example"]}}'
    intents = [classify_message(_ses_notice(b)).to_json()["intent"] for b in (complaint, delivery)]
    assert intents == ["unsubscribe", "unknown"]


REFUSALS = [
    "We're in a quiet period before earnings, so I can't take external calls. Apologies.",
    "Honestly, I'm not comfortable getting on a call with someone I haven't met.",
    "Our legal team asks us not to speak with people outside the company about our work.",
    "Thanks for reaching out. We aren't hiring, so I don't think a conversation would be productive.",
    "I'd rather not, to be honest.",
    "Lamentablemente no voy a poder hacer la llamada, estoy muy liado.",
    "Il ne m'est pas possible de faire des appels de ce genre. Bonne continuation.",
    "Ein Telefonat ist mir leider nicht möglich. Viel Erfolg!",
    "Prefiro não marcar essa conversa agora, espero que entenda.",
    "Preferisco non fare colloqui informali, scusami.",
    "Een gesprek lukt me helaas niet, te druk.",
]


@pytest.mark.parametrize("body", REFUSALS)
def test_a_refusal_in_its_own_words_is_a_decline(body: str) -> None:
    """The sender can't or won't have the call, in a sentence naming no day: declined, acted on."""
    out = classify_message(_mail(body + QUOTE), user_tz="America/New_York").to_json()
    assert (out["intent"], out["confidence"]) == ("declined", 0.85)


def test_a_refused_day_beside_another_is_no_decline() -> None:
    """ "I can't do Thursday", "I can't wait to chat", "no puedo el jueves pero el viernes": not a no."""
    bodies = [
        "Sure, happy to talk. I can't do Thursday but Friday at 10 works.",
        "I can't wait to chat! Friday at 10 works.",
        "Claro, no puedo el jueves pero el viernes a las 10 me va bien.",
    ]
    outs = [classify_message(_mail(b + QUOTE), user_tz="America/New_York").to_json() for b in bodies]
    assert [(o["intent"], o["meeting"]["start"] if o["meeting"] else None) for o in outs] == [
        ("accepted", "2027-02-05T10:00:00-05:00")
    ] * 3


def test_until_a_bare_month_resumes_on_its_first_day() -> None:
    """ "On leave until April" in five languages: back on 1 April; a later month asked for wins."""
    texts = [
        "I am on leave until April, after that gladly.",
        "Estoy de baja hasta abril.",
        "Ich bin bis April in Elternzeit.",
        "Estou de licença até abril; depois disso, com prazer.",
        "Ik ben tot april met verlof.",
        "Busy until the end of May; write to me in June.",
    ]
    assert [find_resume_date(t, date(2027, 2, 4)) for t in texts] == [date(2027, 4, 1)] * 5 + [date(2027, 6, 1)]


def test_busy_for_weeks_then_all_yours_is_later() -> None:
    """ "Heads-down for the next six weeks; after that I'm all yours" and "give it a few weeks" defer the call."""
    bodies = [
        "I'm heads-down on a launch for the next six weeks; after that I'm all yours.",
        "We're mid-reorg. Give it a few weeks and circle back?",
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in bodies] == ["later", "later"]


def test_busy_until_a_day_soon_is_later_in_every_language() -> None:
    """Busy until a day a week or so away ("crazy busy until the 9th", "hasta el 9 estoy a tope", "bis zum 9. bin
    ich ausgelastet") puts the call off: later, not unknown (a date that far is too near to defer on its own)."""
    bodies = [
        "I'm crazy busy until the 9th, then happy to.",
        "Hasta el 9 estoy a tope, luego encantada.",
        "Bis zum 9. bin ich komplett ausgelastet, danach gern.",
        "Je suis débordée jusqu'au 9, ensuite avec plaisir.",
        "Tot de 9e heb ik het erg druk, daarna graag.",
        "Até dia 9 estou atolada, depois com prazer.",
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in bodies] == ["later"] * 6


def test_a_weekday_after_an_article_of_any_one_is_no_date() -> None:
    """ "Any Wednesday after 4pm", "un jueves a las 16h", "jeden Donnerstag um 16 Uhr" name no one day, so no meeting
    starts; Portuguese "a quinta às 16h" is the Thursday (its "a" is "the")."""
    bodies = [
        "Sure, any Wednesday after 4pm suits me.",
        "Con mucho gusto, mejor un jueves a las 16h.",
        "Gern, am besten jeden Donnerstag um 16 Uhr.",
        "Com todo o gosto, a quinta às 16h serve.",
    ]
    starts = [(classify_message(_mail(b + QUOTE)).to_json()["meeting"] or {}).get("start") for b in bodies]
    assert starts == [None, None, None, "2027-02-04T16:00:00-05:00"]


def test_a_complaint_about_consent_is_an_unsubscribe_in_every_language() -> None:
    """ "I never gave you permission to email me" and its kin ("Baja, por favor", "não volte a escrever-me", "je n'ai
    jamais donné mon accord") ask never to be written to again; a policy that needs someone else's authorisation,
    or an employer's, is a no to the call, not to the sender."""
    complaints = [
        "I never gave you permission to email me.",
        "Baja, por favor. Nunca he dado mi consentimiento para esto.",
        "Por favor, não volte a escrever-me para este endereço.",
        "Je n'ai jamais donné mon accord pour être sollicitée ainsi.",
        "Non ho mai dato il consenso a essere contattato da lei.",
        "Ich habe nie eingewilligt, von Ihnen angeschrieben zu werden.",
        "Ik heb hier nooit toestemming voor gegeven.",
        "Kindly erase the personal data you hold on me, as is my right to erasure.",
    ]
    refusals = [
        "Sorry, I can't do calls like this without my manager's sign-off, so I'll pass.",
        "Lo siento, no puedo: sin autorización de Comunicación no hacemos entrevistas.",
        "Leider nein: ohne Zustimmung meines Arbeitgebers geht das nicht.",
    ]
    intents = [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in complaints + refusals]
    assert intents == ["unsubscribe"] * 8 + ["declined"] * 3


def test_noch_mal_in_two_words_asks_to_be_written_again() -> None:
    """ "Melden Sie sich im Dezember noch mal" and "schreib mir nach den Ferien noch mal" (the colloquial two words of
    "nochmal") ask to be written to again: a later sure enough to act on."""
    bodies = ["Jetzt ist es schlecht. Melden Sie sich doch im Dezember noch mal, dann passt es besser.",
              "Gerade schwierig, schreib mir nach den Ferien noch mal."]
    outs = [classify_message(_mail(b + QUOTE)).to_json() for b in bodies]
    assert [(o["intent"], o["confidence"] >= 0.6) for o in outs] == [("later", True), ("later", True)]


def test_weekdays_with_a_part_of_the_day_in_the_plural_are_no_date() -> None:
    """ "Monday and Friday afternoons are usually free" and "lunes y viernes por las mañanas" say what the
    sender's weeks are like: no meeting starts on the next Monday."""
    bodies = ["Glad to help. Monday and Friday afternoons are usually free, send me an invite for one of those.",
              "Con gusto. Suelo tener hueco lunes y viernes por las mañanas, mándame una invitación."]
    quote = ("\n\nOn Tue, Feb 2, 2027 at 9:00 AM Sam Rivera <sam.rivera@example.edu> wrote:\n"
             "> Could we talk on Monday, February 8 at 10am or Wednesday, February 10 at 2pm?\n")
    outs = [classify_message(_mail(b + quote)).to_json() for b in bodies]
    assert [(o["intent"], (o["meeting"] or {}).get("start")) for o in outs] == [("accepted", None), ("accepted", None)]


def test_not_me_and_a_person_to_call_at_a_number_is_a_referral() -> None:
    """ "Not the right person - ring Priya Desai, our PM, on 020 7946 0321" points the user on by phone (a referral
    with no address to record), in any of the languages, by the rules; a decline signed "Phone: 020 7946 0000" is
    still a decline."""
    bodies = ["I'm not the right person for this, sorry. Ring Priya Desai, our PM, on 020 7946 0321.",
              "Ik ben hier niet de juiste persoon voor. Bel anders met Joost Smit, onze PO: 010 555 0142.",
              "Non sono la persona giusta. Chiami piuttosto l'ing. Ferri allo 02 5550 1987.",
              "I'm afraid I have to decline, we don't do these calls.\n\nDana Roe\nPhone: 020 7946 0000"]
    outs = [classify_message(_mail(b + QUOTE), second_opinion=False).to_json() for b in bodies]
    assert [(o["intent"], o["referrals"]) for o in outs] == [("referral", [])] * 3 + [("declined", [])]


def test_i_m_in_is_a_yes() -> None:
    """ "I'm in." standing alone accepts; "I'm in London" does not."""
    bodies = ("I'm in. Send an invite.", "I'm in London.")
    outs = [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in bodies]
    assert outs == ["accepted", "unknown"]


def test_a_yes_that_asks_about_the_user_first_is_a_question() -> None:
    """A yes beside a question about the user (their role, their program, the record) waits on the user."""
    bodies = [
        "Sounds good - what's your current role?",
        "Sure thing. Remind me which program you're in?",
        "Happy to, in principle. Would this be on the record? I can't speak for the company.",
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json() for b in bodies]
    assert [(o["intent"], o["confidence"]) for o in outs] == [("question", 0.55)] * 3


def test_a_yes_with_but_first_and_a_question_is_a_question() -> None:
    """ "Con gusto, pero antes: ¿...?", "Gern, aber vorab: ...?": the yes waits on the user's answer."""
    bodies = [
        "Con gusto, pero antes: ¿qué tipo de puesto estás buscando?",
        "Gern, aber vorab: Für welche Rolle interessieren Sie sich?",
        "Avec plaisir, mais d'abord : quel poste visez-vous ?",
        "Claro, mas antes: que tipo de vaga procura?",
        "Volentieri, ma prima: che ruolo cerchi?",
        "Graag, maar eerst: welke rol zoek je?",
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in bodies] == ["question"] * 6


def test_my_calendar_does_not_allow_it_is_a_decline() -> None:
    """ "Mi agenda no me lo permite" and its kin in the other languages say no."""
    bodies = [
        "Me encantaría ayudarte, pero mi agenda no me lo permite. Te deseo lo mejor.",
        "Mon emploi du temps ne me le permet pas.",
        "Mein Kalender lässt das leider nicht zu.",
        "A minha agenda não permite, infelizmente.",
        "La mia agenda non me lo consente, purtroppo.",
        "Mijn agenda laat het helaas niet toe.",
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in bodies] == ["declined"] * 6


def test_o_clock_and_a_good_slot_are_read() -> None:
    """ "10 o'clock Eastern" and "three o'clock ET" are times; "your Friday slot is good" picks the user's slot."""
    bodies = [
        "Let's say Feb 9th, 10 o'clock Eastern.",
        "Tuesday at three o'clock ET works.", "Your Friday slot is good."]
    slots = "> Could we talk on Thursday 11 Feb at 2pm ET or Friday 12 Feb at 10am ET?"
    quote = QUOTE.replace("> Could we talk?", slots)
    outs = [classify_message(_mail(b + quote), user_tz="America/New_York").to_json() for b in bodies]
    assert [(o["intent"], o["meeting"]["start"]) for o in outs] == [
        ("accepted", "2027-02-09T10:00:00-05:00"),
        ("accepted", "2027-02-09T15:00:00-05:00"),
        ("accepted", "2027-02-12T10:00:00-05:00"),
    ]


def test_no_longer_having_such_calls_and_not_available_decline() -> None:
    """ "I no longer do these calls" and a bare "not available" say no, in the seven languages."""
    bodies = [
        "I no longer take calls like this, sorry.",
        "Ya no hago este tipo de reuniones.",
        "J'ai décidé de ne plus faire d'entretiens individuels.",
        "Ich führe keine solchen Gespräche mehr.",
        "Deixei de fazer conversas deste género.",
        "Non faccio più colloqui di questo tipo.",
        "Zulke gesprekken doe ik niet meer.",
        "Grazie ma non sono disponibile. In bocca al lupo",
        "Neste momento não dá, desculpe.",
        "Thanks, but I'm not available.",
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in bodies] == ["declined"] * 10


def test_take_me_off_your_distribution_list_unsubscribes() -> None:
    """ "Bitte nehmen Sie mich aus Ihrem Verteiler" / "keine weiteren Zuschriften" is never write again."""
    body = "Bitte nehmen Sie mich aus Ihrem Verteiler. Ich wünsche keine weiteren Zuschriften dieser Art."
    assert classify_message(_mail(body + QUOTE)).to_json()["intent"] == "unsubscribe"


def test_a_no_in_so_many_words_beside_a_busy_period_is_a_decline() -> None:
    """ "My last day is March 3 ... I'm going to decline", "the answer has to be no", "hard pass": declined."""
    bodies = [
        "Bad timing: my last day here is Feb 26 and then I'm off for a long break. I'm going to decline. Good luck.",
        "I'm in hearings every day this week and next. So the answer has to be no. I'm sorry.",
        "Another quick 20 minutes, the eleventh this month. Hard pass.",
        "A call isn't going to happen for me right now, sorry.",
        "That's kind of you, but I'm the wrong guy for this.",
        "I can't take this one on, I'm afraid.",
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json() for b in bodies]
    assert [(o["intent"], o["confidence"]) for o in outs] == [("declined", 0.85)] * 6


def test_an_introducer_thanked_and_kept_on_copy_is_no_referral() -> None:
    """A Cc'd person thanked "for thinking of me" and only spoken of is the introducer; one pointed to is not."""
    def reply(text: str) -> dict[str, object]:
        raw = _mail(text + QUOTE).replace(b"In-Reply-To:", b"Cc: Ingrid Berg <ingrid.berg@corp.example>\nIn-Reply-To:")
        return classify_message(raw).to_json()

    kept = reply("Hi Sam (and thanks, Ingrid, for thinking of me), I can't take this one on. "
                 "I'm keeping Ingrid on the thread so she knows.")
    pointed = reply("Thanks, Ingrid, for the intro! I'm not the right person, but Ingrid knows the team well; "
                    "talk to Ingrid.")
    assert [(o["intent"], len(o["referrals"])) for o in (kept, pointed)] == [("declined", 0), ("referral", 1)]


def test_a_weekday_is_fine_and_a_link_later_accepts_the_user_s_slot() -> None:
    """ "Tuesday is fine. I'll send a link closer to the time" picks the user's Tuesday; it defers nothing."""
    quote = QUOTE.replace("> Could we talk?", "> Could we talk on Tuesday 9 Feb at 2pm ET or Friday 12 Feb at 10am ET?")
    body = "Tuesday is fine. I'll send a Teams link closer to the time, but pencil it in."
    out = classify_message(_mail(body + quote), user_tz="America/New_York").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-02-09T14:00:00-05:00")


def test_resume_on_and_send_me_a_reminder_is_later() -> None:
    """ "I will only resume on 17th February. Kindly send me a reminder then" is later, from that day."""
    body = "I am proceeding on leave from Monday and will only resume on 17th February. Kindly send me a reminder then."
    out = classify_message(_mail(body + QUOTE)).to_json()
    assert (out["intent"], out["resume_after"]) == ("later", "2027-02-17")


def test_kindly_confirm_who_referred_you_is_a_question() -> None:
    """A question put as a request without a question mark ("Kindly confirm who referred you") asks back."""
    body = "Kindly confirm who referred you to me, as I do not recognise your name. Once confirmed I will revert."
    assert classify_message(_mail(body + QUOTE)).to_json()["intent"] == "question"


def test_a_phone_only_pointer_is_a_referral_with_no_address() -> None:
    """ "Phone my mate Pieter on 082 555 0176, he's expecting your call": a referral with nobody to write to."""
    body = "I'm not in risk anymore, so I'll leave this one. But phone my mate Pieter on 082 555 0176."
    out = classify_message(_mail(body + QUOTE)).to_json()
    assert (out["intent"], out["referrals"]) == ("referral", [])


def test_greeting_the_introducer_first_is_not_misaddressed_mail() -> None:
    """ "Kwame, thanks for the intro! / Sam - I'm not best placed ..." is written to the user too."""
    body = ("Kwame, thanks for the intro!\n\nSam - I don't think I'm best placed. Ayanda on my team runs it; "
            "her address is ayanda.ngcobo@pay.example, drop her a line.")
    out = classify_message(_mail(body + QUOTE)).to_json()
    assert (out["intent"], [r["email"] for r in out["referrals"]]) == ("referral", ["ayanda.ngcobo@pay.example"])


def test_a_weekday_typed_in_lower_case_is_a_day() -> None:
    """ "fri at 11am works" from a phone is Friday; "mon" and "sun" stay words (French "my", the sun)."""
    out = classify_message(_mail("fri at 11am works. not 10, 11."), user_tz="America/New_York").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-02-05T11:00:00-05:00")


def test_a_refusal_beside_a_colleague_s_address_is_a_referral() -> None:
    """ "I won't be the one to talk to. Dr. Tanabe would be an excellent person to ask: her address is ..." """
    body = ("I'm tied up with a trial for weeks, so I won't be the one to talk to. Dr. Yuki Tanabe would be an "
            "excellent person to ask. Her address is ytanabe@ip.example.")
    out = classify_message(_mail(body + QUOTE)).to_json()
    assert (out["intent"], [r["email"] for r in out["referrals"]]) == ("referral", ["ytanabe@ip.example"])


def test_shan_t_and_this_won_t_work_decline_but_unless_it_doesn_t_work_accepts() -> None:
    """ "I shan't be able to help" and "This won't work for me" say no; "... unless it doesn't work" is a yes."""
    bodies = [
        "I'm afraid I shan't be able to help on this occasion.",
        "This won't work for me, sorry.",
        "Let's do Friday 12 Feb at 10am ET. No need to reply unless it doesn't work for you.",
    ]
    outs = [classify_message(_mail(b + QUOTE), user_tz="America/New_York").to_json() for b in bodies]
    assert [(o["intent"], o["confidence"]) for o in outs] == [("declined", 0.85), ("declined", 0.85), ("accepted", 0.9)]


def test_turning_down_one_day_and_taking_the_other_is_an_acceptance() -> None:
    """ "El miércoles no voy a poder ... el jueves que proponés me viene bárbaro": the user's Thursday, acted on."""
    quote = QUOTE.replace("> Could we talk?", "> - miércoles 10 de febrero, 11:00 h\n> - jueves 11 de febrero, 15:00 h")
    body = ("Uh, el miércoles no voy a poder porque tengo planning todo el día. Pero el jueves que proponés me viene "
            "bárbaro, ya lo agendo.")
    out = classify_message(_mail(body + quote), user_tz="America/New_York").to_json()
    assert (out["intent"], out["confidence"], out["meeting"]["start"]) == (
        "accepted",
        0.9,
        "2027-02-11T15:00:00-05:00",
    )


def test_a_day_off_beside_a_refusal_of_the_call_is_still_a_no() -> None:
    """ "Estou saindo de férias na sexta e não vou conseguir encaixar essa conversa": the day is the reason."""
    body = "Estou saindo de férias na sexta e não vou conseguir encaixar essa conversa."
    assert classify_message(_mail(body + QUOTE)).to_json()["intent"] == "declined"


def test_latin_american_and_french_turns_of_phrase() -> None:
    """ "esta vez paso", "decidí no aceptar llamadas", "escríbeme la semana que entra", "je reprends le 1er
    avril : écrivez-moi à ce moment-là", "sprich gern mit Jana (jana@...)"."""
    bodies = [
        "Me encantaría darte una mano, pero no estoy pudiendo sumar nada más. Así que esta vez paso, perdoname.",
        "Este semestre decidí no aceptar llamadas de este tipo. No es nada personal.",
        "Ahorita ando hasta el cuello con un release. Escríbeme la semana que entra y lo cuadramos.",
        "Je pars en congé la semaine prochaine. Je reprends le 1er avril : écrivez-moi à ce moment-là.",
        "Ich bin eher im Engineering. Sprich gern mit Jana Krüger (jana.krueger@havel.example), sie ist Senior PM.",
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json() for b in bodies]
    assert [(o["intent"], o["resume_after"]) for o in outs] == [
        ("declined", None),
        ("declined", None),
        ("later", "2027-02-08"),
        ("later", "2027-04-01"),
        ("referral", None),
    ]


def test_a_yes_with_a_question_beyond_logistics_is_a_question() -> None:
    """A yes asking about the user ("do you know LCA?") waits on them; one asking "Zoom or phone?" accepts."""
    bodies = [
        "Gerne, aber bevor wir etwas ausmachen: Haben Sie schon Erfahrung mit Ökobilanzen?",
        "Sure, happy to chat. Zoom or phone?",
        "Oi Sam, tudo bem? Claro, vamos conversar.",
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in bodies] == [
        "question",
        "accepted",
        "accepted",
    ]


def test_kiwi_and_aussie_turns_of_phrase() -> None:
    """ "give Rawiri a ring", "I'm not your guy", "refrain from sending further emails", "Tuesday week ... hit me
    up then", "I've cc'd my colleague" after "the commercial side" (no "merci" inside "commercial")."""
    bodies = [
        "I'm not the one for this but give Rawiri a ring on 021 555 0142, tell him Rangi sent you.",
        "No worries Sam, but I'm not your guy I'm afraid - I left edtech two years ago.",
        "Please refrain from sending further emails to this address.",
        "This week and next are carnage sorry. Tuesday week I'll have more room - hit me up then.",
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json() for b in bodies]
    assert [(o["intent"], o["resume_after"]) for o in outs] == [
        ("referral", None),
        ("declined", None),
        ("unsubscribe", None),
        ("later", "2027-02-16"),
    ]
    cc = _mail("I look after the commercial side, so I've cc'd my colleague Priya, who leads design." + QUOTE)
    cc = cc.replace(b"In-Reply-To:", b"Cc: Priya Raman <priya.raman@firm.example>\nIn-Reply-To:")
    assert classify_message(cc).to_json()["referrals"] == [{"name": "Priya Raman", "email": "priya.raman@firm.example"}]


def test_not_wanting_to_get_her_hopes_up_is_no_unsubscribe() -> None:
    """An internal note ("don't want to get her hopes up") asks nobody to stop writing."""
    body = "Pita - another career-change one. Can you check the budget before I reply? Don't want to get her hopes up."
    assert classify_message(_mail(body + QUOTE)).to_json()["intent"] == "unknown"


def _portuguese(body: str, *, to: str = USER, cc: str = "") -> bytes:
    quote = "\n\nEm ter., 2 de fev. de 2027 às 09:00, Sam Rivera <sam.rivera@example.edu> escreveu:\n> Oi, tudo bem?\n"
    headers = f"Cc: {cc}\n" if cc else ""
    return (
        f"From: Rafa Moura <rafa.moura@firm.example>\nTo: {to}\n{headers}Date: Thu, 04 Feb 2027 10:00:00 -0300\n"
        f"Subject: Re: conversa\nIn-Reply-To: <sam-1@example.edu>\nContent-Type: text/plain; charset=utf-8\n\n"
        f"{body}{quote}"
    ).encode()


def test_a_nickname_and_a_thanked_introducer_are_no_misaddressed_mail() -> None:
    """ "Carla, valeu pela ponte! / Sammy, prazer ..." is written to the user; "Hoi Sanne" to a Cc'd colleague
    and "Rach - see below" to To with the user (the quoted author) only on copy are not."""
    cc = "Carla Dias <carla.dias@example.net>"
    body = "Carla, valeu pela ponte!\n\nSammy, prazer. Que tal segunda, 8 de fevereiro, às 11h?"
    accepted = classify_message(_portuguese(body, cc=cc), user_tz="America/Sao_Paulo").to_json()
    colleague = classify_message(_portuguese("Hoi Carla,\n\nWeet jij wie dit is?", cc=cc)).to_json()
    forwarded = classify_message(
        _portuguese("Rach - see below. Do you know him at all?", to="Rachel Ortiz <rachel@firm.example>", cc=USER)
    ).to_json()
    assert (accepted["intent"], accepted["meeting"]["start"], colleague["intent"], forwarded["intent"]) == (
        "accepted",
        "2027-02-08T11:00:00-03:00",
        "unknown",
        "unknown",
    )


def test_portuguese_and_spanish_pointers_and_pings() -> None:
    """ "te sirve más hablar con X: x@", "me dá um toque na terça, 16", "só depois disso consigo perceber"."""
    bodies = [
        "Para UX writing te sirve mucho más hablar con Daniela Gómez: daniela.gomez@example.org.",
        "Depois do dia 15 fica melhor pra mim. Me dá um toque na terça, 16, que a gente acha um horário?",
        "Poderia indicar-me que temas gostaria de abordar? Só depois disso consigo perceber se faz sentido.",
    ]
    outs = [classify_message(_portuguese(b)).to_json() for b in bodies]
    assert [(o["intent"], o["resume_after"]) for o in outs] == [
        ("referral", None),
        ("later", "2027-02-16"),
        ("question", None),
    ]


def test_a_plain_text_gateway_notice_names_its_final_recipient() -> None:
    """A spam gateway's plain notice with "Final-Recipient: rfc822; a@b" in its text names that address."""
    raw = (
        b"Return-Path: <>\nFrom: Spam Firewall <postmaster@gw.far.example>\nTo: sam.rivera@example.edu\n"
        b"Subject: **Message you sent blocked by our bulk email filter**\nDate: Wed, 25 Apr 2029 10:25:19 -0400\n"
        b"Auto-Submitted: auto-replied\nContent-Type: text/plain\n\nYour message to: wliu@far.example\n"
        b"was blocked by our Spam Firewall. The email you sent has NOT BEEN DELIVERED.\n\n"
        b"Final-Recipient: rfc822; wliu@far.example\nAction: failed\n"
        b"Status: 5.7.1 (Message content rejected)\n"
    )
    out = classify_message(raw).to_json()
    assert (out["intent"], out["bounced_recipient"]) == ("bounce", "wliu@far.example")


def test_a_service_notification_in_a_thread_is_no_relayed_reply() -> None:
    """A forge's comment notice (list headers, a notifications@ sender, nothing of the user's quoted) is bulk."""
    raw = (
        "From: Jonas Koenig <notifications@forge.example>\nTo: " + USER + "\nDate: Tue, 08 May 2029 01:12:40 -0700\n"
        "Subject: Re: [org/kit] Add survey export (Issue #41)\nIn-Reply-To: <org/kit/issues/41@forge.example>\n"
        "List-ID: org/kit <kit.org.forge.example>\nPrecedence: list\nContent-Type: text/plain\n\n"
        "Thanks, the export looks good. Can you also add the interview guide? Happy to review on Thursday.\n"
    ).encode()
    assert classify_message(raw).to_json()["intent"] == "unknown"


def test_a_help_desk_thread_reads_only_the_newest_comment() -> None:
    """In a ticket's comments (rule, author, time stamp; newest first) the stamps and older comments are history."""
    body = (
        "##- Please type your reply above this line -##\n\nYour request (48211) has been updated.\n"
        "----------------------------------------------\n\nMark Oduya (Support)\n\nFeb 4, 2027, 15:02 UTC\n\n"
        "Hi Sam, we ship a big release soon. Could you write again from March 1 on? Glad to talk after that.\n\n"
        "----------------------------------------------\n\nSam Rivera\n\nFeb 2, 2027, 19:20 UTC\n\n"
        "Could we talk on Friday 5 Feb at 10am or Monday 8 Feb at 2pm?\n"
    )
    out = classify_message(_mail(body)).to_json()
    assert (out["intent"], out["resume_after"], out["proposed_times"]) == ("later", "2027-03-01", [])


def test_your_message_has_been_logged_is_an_automatic_acknowledgement() -> None:
    """A CRM's "Thanks for getting in touch! Your message has been logged and routed" is an auto-reply."""
    raw = (
        "From: Tessa Nguyen <tessa@brightcurrent.example>\nTo: " + USER + "\nDate: Mon, 23 Apr 2029 02:10:06 +0000\n"
        "Subject: Thanks for reaching out to BrightCurrent\nAuto-Submitted: auto-generated\n"
        "List-Unsubscribe: <https://hs.brightcurrent.example/unsubscribe>\nContent-Type: text/plain\n\n"
        "Hi Sam,\nThanks for getting in touch! Your message has been logged and routed to the right person.\n"
    ).encode()
    assert classify_message(raw).to_json()["intent"] == "auto_reply"


def test_indian_and_gulf_business_english() -> None:
    """Third-person refusals from assistants, "regrets his inability", "no use to you", "Sir wants to know
    whether ...", "before I respond, may I ask ..." and a note passed on to the boss ("see below request")."""
    bodies = [
        "Regrettably, Mr. Saeed does not take part in informational meetings owing to his commitments.",
        "Sir has gone through the same. He regrets his inability to meet owing to prior commitments.",
        "I left consulting two years back, so I'd genuinely be no use to you on BRSR, sorry.",
        "Sir wants to know whether this is with regard to the CFO Forum panel. Kindly revert.",
        "Before I respond to your request, may I ask how you obtained my e-mail address?",
        "Sir, please see below request from a chartered accountant. Shall I block Wednesday 11:00 for him?",
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json() for b in bodies]
    assert [o["intent"] for o in outs] == ["declined", "declined", "declined", "question", "question", "unknown"]


def test_a_link_s_query_string_asks_nothing() -> None:
    """ "Your Tuesday slot works. Zoom: https://zoom.example/j/1?pwd=x" is an acceptance, not a question."""
    quote = QUOTE.replace("> Could we talk?", "> Could we talk on Tuesday 9 Feb at 2pm ET or Friday 12 Feb at 10am ET?")
    body = "Your Tuesday slot works perfectly. Here's my Zoom: https://zoom.example.com/j/841?pwd=terraverde"
    out = classify_message(_mail(body + quote), user_tz="America/New_York").to_json()
    assert (out["intent"], out["confidence"], out["meeting"]["start"]) == ("accepted", 0.9, "2027-02-09T14:00:00-05:00")


def test_swiss_and_dutch_replies() -> None:
    """ "Avant de fixer quoi que ce soit ... ?" asks; "@Fabienne: Kannst du das beantworten?" is for a colleague;
    "deshalb sage ich lieber ab" declines; "Wat zoek je precies? ... ik wil niet dat je ..." asks."""
    bodies = [
        "Avant de fixer quoi que ce soit, j'aimerais comprendre : visez-vous un poste chez nous ?",
        "Grundsätzlich sehr gerne, aber ich möchte nichts versprechen, deshalb sage ich lieber ab.",
        "Wat zoek je precies? Ik heb geen vacatures, dus ik wil niet dat je verkeerde verwachtingen hebt.",
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in bodies]
    note = _mail("@Fabienne: Kannst du das bitte beantworten? Wir haben keine Kapazität. Merci!" + QUOTE)
    note = note.replace(b"In-Reply-To:", b"Cc: Fabienne Suter <fabienne.suter@alpin.example>\nIn-Reply-To:")
    assert [*outs, classify_message(note).to_json()["intent"]] == ["question", "declined", "question", "unknown"]


def test_a_refused_hour_keeps_its_day_for_the_next_offer() -> None:
    """ "Donnerstag, 11.2. geht, aber nicht um 15 Uhr ... Wäre Ihnen um 14.30 Uhr recht?": Thursday at 14:30."""
    body = ("Donnerstag, 11.2. geht, aber nicht um 15 Uhr, da habe ich schon einen Kundentermin. "
            "Wäre Ihnen um 14.30 Uhr recht?")
    out = classify_message(_mail(body + QUOTE), user_tz="Europe/Zurich").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2027-02-11T14:30:00-05:00")


def test_hiring_rules_and_redirecting_to_a_former_student() -> None:
    """ "asked that employees not hold informational meetings ... can't be more helpful" declines; "I'm going to
    redirect you ... the person you really want is Dr. Cole: imani.cole@..." refers, beside a retirement."""
    bodies = [
        "Our partners have asked that employees not hold one-on-one informational meetings. Sorry I can't be "
        "more helpful.",
        "I'm going to redirect you, since I retire in December. The person you really want is Dr. Imani Cole: "
        "imani.cole@frontrange.example.",
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json() for b in bodies]
    assert [(o["intent"], [r["email"] for r in o["referrals"]]) for o in outs] == [
        ("declined", []),
        ("referral", ["imani.cole@frontrange.example"]),
    ]


def test_scots_and_irish_replies() -> None:
    """ "Give me a shout Tuesday fortnight", "I wouldn't be much use to you", "can't take anything else on",
    "get back to me after that", and a webinar's date (with "sign up") is no proposal."""
    bodies = [
        "Aye happy to but I'm between site visits. Give me a shout Tuesday fortnight and we'll get something in.",
        "I'd love to but I'm finishing up here at the end of the month, I wouldn't be much use to you. Sorry!",
        "Sorry, I'm up to my eyes with a tender and can't take anything else on.",
        "Yes I'd be happy to chat - but it's mad here until after the Easter hols. Can you get back to me after that?",
        "Unfortunately I can't do one-to-one calls at the moment. The next open webinar is on Wednesday 10 Feb at "
        "12:30 and you can sign up here: https://events.example.org/april",
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json() for b in bodies]
    assert [(o["intent"], o["resume_after"]) for o in outs] == [
        ("later", "2027-02-23"),
        ("declined", None),
        ("declined", None),
        ("later", None),
        ("declined", None),
    ]


def test_fine_second_option_and_a_question_before_saying_yes() -> None:
    """ "Fine. Second option." picks the user's second slot; "Quick one before I say yes - is your 10:00 BST?"
    asks, though it restates the user's time; "times that would work for me" are proposals, not conversions."""
    slots = "> Two times that would work for me: Tuesday 9 Feb at 10:00, or\n> Friday 12 Feb at 12:00 - both ET."
    quote = QUOTE.replace("> Could we talk?", slots)
    picked = classify_message(_mail("Sam,\n\nFine. Second option. Call my mobile." + quote),
                              user_tz="America/New_York").to_json()
    asked = classify_message(_mail("Quick one before I say yes - is your 10:00 on Tuesday the 9th ET or PT?" + quote),
                             user_tz="America/New_York").to_json()
    assert (picked["meeting"]["start"], asked["intent"]) == ("2027-02-12T12:00:00-05:00", "question")


def test_exim_s_delay_warning_is_no_failure() -> None:
    """Exim's "Warning: message delayed 24 hours ... No action is required" is a delay, whatever flufl reads."""
    raw = (
        b"Return-path: <>\nAuto-Submitted: auto-replied\nFrom: Mail Delivery System <Mailer-Daemon@mx.isp.example>\n"
        b"To: sam.rivera@example.edu\nSubject: Warning: message 1sTz3U-005WOw-9Q delayed 24 hours\n"
        b"Date: Tue, 21 Sep 2032 19:51:13 +1000\nContent-Type: text/plain\n\n"
        b"This message was created automatically by mail delivery software.\nA message that you sent has not yet "
        b"been delivered to one or more of its\nrecipients after more than 24 hours on the queue on mx.isp.example.\n\n"
        b"The address to which the message has not yet been delivered is:\n\n  sam.kaur@isp.example\n\n"
        b"No action is required on your part. Delivery attempts will continue for some time.\n"
    )
    out = classify_message(raw).to_json()
    assert (out["intent"], out["bounced_recipient"]) == ("unknown", None)


def test_a_list_server_s_moderation_notice_is_no_auto_reply() -> None:
    """ "Your message awaits moderator approval" (Auto-Submitted, list headers, outside a thread) is a notice."""
    raw = (
        b"From: group <group+owners@groups.example>\nTo: sam.rivera@example.edu\n"
        b"Date: Sun, 12 Sep 2032 16:03:40 -0700\n"
        b"Subject: Your message to group awaits moderator approval\nAuto-Submitted: auto-replied\nPrecedence: list\n"
        b"List-ID: <group.groups.example>\nContent-Type: text/plain\n\nA moderator will review your message shortly.\n"
    )
    assert classify_message(raw).to_json()["intent"] == "unknown"


def test_an_html_notice_s_recipient_s_row_names_the_failed_address() -> None:
    """An HTML-only notice's "Recipient(s) | a@b" table row names the failed address."""
    raw = (
        b"Return-Path: <>\nFrom: Mail Delivery System <mailer-daemon@mail.host.example>\nTo: sam.rivera@example.edu\n"
        b"Subject: Undelivered Mail Returned to Sender\nDate: Thu, 23 Sep 2032 10:17:49 +0530\n"
        b"Content-Type: text/html; charset=UTF-8\n\n<p>We are unable to deliver your message to the following "
        b"recipient(s).</p><table><tr><td>Recipient(s)</td><td><b>arjun@volt.example</b></td></tr>"
        b"<tr><td>Error code</td><td>550 5.1.1 User does not exist</td></tr></table>"
    )
    out = classify_message(raw).to_json()
    assert (out["intent"], out["bounced_recipient"]) == ("bounce", "arjun@volt.example")


def test_an_explicit_no_in_other_languages_beside_a_busy_period() -> None:
    """ "je vais devoir passer mon tour ... jusqu'en septembre" and "ce ne sera pas possible : je quitte ... dans
    trois semaines" decline; "schreib mir nach den Herbstferien nochmal" is a later."""
    bodies = [
        "Malheureusement je vais devoir passer mon tour : je pars en tournée jusqu'en septembre.",
        "Oui sur le principe. Mais non, en pratique, ce ne sera pas possible : je quitte la Biennale dans trois "
        "semaines.",
        "Coole Anfrage! Gerade herrscht hier Chaos. Schreib mir einfach nach den Herbstferien nochmal.",
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b in bodies] == ["declined", "declined", "later"]


def test_a_phone_pointer_and_a_cc_in_dutch_and_german() -> None:
    """ "Ruf aber unbedingt mal Stefan an, mobil unter 0171 ..." refers with no address; "Daan (in de cc)" refers."""
    phone = classify_message(_mail("Ich bin leider raus. Ruf aber unbedingt mal Stefan Maurer an: 0171 39200 47."
                                   + QUOTE)).to_json()
    cc = _mail("Ik zit bij finance. Daan (in de cc) is onze product owner. Daan, wil jij Sam een berichtje sturen?"
               + QUOTE).replace(b"In-Reply-To:", b"Cc: Daan Hendriks <daan.hendriks@firm.example>\nIn-Reply-To:")
    cc_out = classify_message(cc).to_json()
    assert [(o["intent"], [r["email"] for r in o["referrals"]]) for o in (phone, cc_out)] == [
        ("referral", []),
        ("referral", ["daan.hendriks@firm.example"]),
    ]


def test_portuguese_from_portugal_and_brazil() -> None:
    """ "A primeira hipótese ... serve-me perfeitamente" picks the first slot; "vou passar dessa vez" declines;
    "na outra semana eu consigo, me chama" is a later from the Monday two weeks on."""
    slots = "> Podemos falar na terça, 9 de fevereiro, às 10h, ou na sexta, 12 de fevereiro, às 15h?"
    quote = QUOTE.replace("> Could we talk?", slots)
    body = "Com todo o gosto. A primeira hipótese que sugeriu serve-me perfeitamente."
    picked = classify_message(_mail(body + quote), user_tz="America/New_York").to_json()
    outs = [classify_message(_mail(b + QUOTE)).to_json() for b in (
        "Oi Sam, obrigado por lembrar de mim, mas vou passar dessa vez. Abs",
        "Essa semana tô enrolada. Na outra semana eu consigo, me chama lá que a gente marca",
    )]
    assert [(picked["intent"], picked["meeting"]["start"])] + [(o["intent"], o["resume_after"]) for o in outs] == [
        ("accepted", "2027-02-09T10:00:00-05:00"),
        ("declined", None),
        ("later", "2027-02-15"),
    ]


def test_an_exchange_utc_date_hides_the_sender_s_zone() -> None:
    """A time with no zone under an Exchange "+0000" Date (Thread-Index) or "-0000" is read in the user's zone;
    a plain "+0000" (a London clock in winter) stays UTC."""
    body = "Either works, so let's lock in the first one - Monday 8th at 4pm."

    def start(date: str, headers: str = "") -> str:
        raw = _mail(body + QUOTE, headers=headers).replace(b"Thu, 04 Feb 2027 10:00:00 -0500", date.encode())
        return classify_message(raw, user_tz="Pacific/Auckland").to_json()["meeting"]["start"]

    assert [
        start("Wed, 03 Feb 2027 21:10:28 +0000", "Thread-Index: AQHZ8xkN3kq0\n"),
        start("Wed, 03 Feb 2027 21:10:28 -0000"),
        start("Wed, 03 Feb 2027 21:10:28 +0000"),
    ] == ["2027-02-08T16:00:00+13:00", "2027-02-08T16:00:00+13:00", "2027-02-08T16:00:00+00:00"]


def test_a_country_s_adjective_names_its_zone() -> None:
    """ "14:00 Norwegian time" after Norway's clocks change is +02:00; "10am Saskatchewan time" is -06:00."""
    times = find_times(
        "Monday 28 March at 14:00 Norwegian time, or Tuesday at 10am Saskatchewan time.",
        datetime.fromisoformat("2033-03-24T07:31:00+01:00"),
        zone("Europe/London"),
    ).times
    assert [t.isoformat() for t in times] == ["2033-03-28T14:00:00+02:00", "2033-03-29T10:00:00-06:00"]


def test_a_bare_yes_quoting_nothing_is_not_taken_for_an_acceptance() -> None:
    """ "Sounds good, see everyone Friday! I'll bring the samosas." with no quoted request answers another thread."""
    out = classify_message(_mail("Sounds good, see everyone Friday! I'll bring the samosas.")).to_json()
    assert (out["intent"], out["confidence"]) == ("unknown", 0.4)


def test_dutch_and_flemish_replies() -> None:
    """Dutch ways to say no, ask first, point on by phone, defer, and say the mail was not for them."""
    bodies = [
        ("Voordat ik op uw verzoek inga, wil ik u vragen mij uw cv toe te sturen.", "question"),
        ("Helaas moet ik u teleurstellen: mijn agenda laat dit najaar geen individuele afspraken toe.", "declined"),
        ("Wij hebben besloten hier niet meer op in te gaan. Ik hoop dat u daar begrip voor hebt.", "declined"),
        ("Ik doe in principe geen gratis adviesgesprekken meer. Gaat het om een betaalde opdracht?", "question"),
        ("Allez, waarom niet. Maar zeg eens: is dat voor een studie? Over sommige klanten mag ik niet veel kwijt.",
         "question"),
        ("Ik begin per 1 november aan een nieuwe functie. Ik ga er daarom niet aan beginnen.", "declined"),
        ("Sorry voor de late reactie. Ik zie het echt\nniet zitten, nu niet en de komende maanden ook niet.",
         "declined"),
        ("Ik ben geen consultant hoor. Maar bel eens met Henk de Boer, zeg maar dat Gert je stuurt.", "referral"),
        ("Ik kan nu niets toezeggen. Kom later gerust nog eens bij me terug.", "later"),
        ("Ik denk dat deze mail niet voor mij bedoeld is, ik heb met logistiek niks te maken.", "unknown"),
        ("I'm afraid I'd be the wrong person to ask: my career has been elsewhere. So I'll politely decline.",
         "declined"),
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b, _ in bodies] == [i for _, i in bodies]


def test_a_secretariat_on_copy_is_no_referral() -> None:
    """A role mailbox with a suffix ("secretariaat.logistiek@") copied to close the request is not a person."""
    raw = _mail("Helaas moet ik u teleurstellen. Ik heb ons secretariaat in cc gezet." + QUOTE).replace(
        b"In-Reply-To:", b"Cc: Secretariaat <secretariaat.logistiek@hu.example>\nIn-Reply-To:"
    )
    out = classify_message(raw).to_json()
    assert (out["intent"], out["referrals"]) == ("declined", [])


def test_southern_caribbean_and_lingua_franca_english() -> None:
    """Replies from the US South, the Caribbean and the Gulf, in their own words."""
    bodies = [
        ("Sorry Sam, not possible from my side. Best of luck", "declined"),
        ("Kindly share the agenda / points of discussion so that I can revert with a suitable time.", "question"),
        ("I am leaving the company this month, so honestly I am not a good person for this. Sorry!", "declined"),
        ("Hi Ma'am, just to clarify po, is this a paid consultation? We are not allowed to do consulting outside.",
         "question"),
        ("We're heads down on a launch through May. I do want to help, so reach back out this summer.", "later"),
        ("I'm buried in files until mid-March, so I'm not going to be able to do this. I'd rather tell you no now.",
         "declined"),
        ("Before anything else: is this a class assignment? I don't do recorded interviews.", "question"),
        ("Honey, I'm the wrong one to ask. Talk to my goddaughter Tamika: tamika.haynes@state.example", "referral"),
        ("I don't think I can be of help this spring; I'd be a poor guide.", "declined"),
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b, _ in bodies] == [i for _, i in bodies]


def test_a_supervisor_copied_on_a_no_is_no_referral() -> None:
    """ "So I'm going to have to say no. I've copied her here just so she's aware": declined, nobody referred."""
    raw = _mail("Requests go through our director. So I'm going to have to say no. I've copied her here just so "
                "she's aware I responded." + QUOTE).replace(
        b"In-Reply-To:", b"Cc: Denise Whitlock <dwhitlock@college.example>\nIn-Reply-To:"
    )
    out = classify_message(raw).to_json()
    assert (out["intent"], out["referrals"]) == ("declined", [])


def test_turkish_and_arabic_outlook_header_blocks_start_the_quote() -> None:
    """ "Kimden: / Gönderildi: / Kime: / Konu:" and "من: / تاريخ الإرسال: / إلى: / الموضوع:" open quoted history."""
    from outreach.classify.quotes import split_reply

    turkish = "Thanks, I forward you to Elif.\n\nKimden: Sam <s@x.example>\nGönderildi: 5 Kasım\nKime: Can\nKonu: C\n"
    arabic = "I will not be able to take part.\n\nمن: Sam <s@x.example>\nتاريخ الإرسال: الأحد\nإلى: Nawaf\nالموضوع: C\n"
    assert [split_reply(t).body for t in (turkish, arabic)] == [
        "Thanks, I forward you to Elif.",
        "I will not be able to take part.",
    ]


def test_italian_replies_and_titles_in_greetings() -> None:
    """ "Gentile Architetto," greets the user by title; Italian ways to refuse, refer, confirm and defer."""
    bodies = [
        ("Gentile Architetto,\n\nin questo semestre non riesco a prendere altri impegni, neppure brevi.", "declined"),
        ("Gentile Architetto,\n\nConfermo la seconda opzione da Lei indicata.", "accepted"),
        ("Ciao! Ora non è proprio il momento. Ma mi fa piacere, fatti risentire più in là e vediamo", "later"),
        ("Le consiglierei di sentire il geom. Pasquale Russo: Le conviene telefonargli allo 081 555 0193.", "referral"),
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b, _ in bodies] == [i for _, i in bodies]
    back = find_resume_date("Fino a fine mese sono a Riad; dal 1° aprile sarò di nuovo a Torino.", date(2031, 3, 18))
    assert back == date(2031, 4, 1)


def test_receipts_and_relayed_notifications_are_no_answers() -> None:
    """Outlook's plain-text "Read:" receipt and a "Name via Service" message outside a thread are notices."""
    receipt = (
        b"From: Gary Sutton <gsutton@college.example>\nTo: sam.rivera@example.edu\nSubject: Read: Informational chat\n"
        b"Date: Mon, 10 Mar 2031 13:02:00 +0000\nContent-Type: text/plain\n\nYour message\n\n  To: Gary Sutton\n"
        b"  Subject: Informational chat\n\nwas read on Monday, March 10, 2031 8:02:14 AM.\n"
    )
    relayed = (
        "From: Daniel Okafor a través de LinkedIn <inmail-hit-reply@linkedin.example>\nTo: sam.rivera@example.edu\n"
        "Subject: Nuevo mensaje\nDate: Wed, 26 Mar 2031 17:44:17 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
        "Hi Sam, are you free for a quick call on Friday at 11am UK time? Best, Daniel\n"
    ).encode()
    assert [classify_message(r).to_json()["intent"] for r in (receipt, relayed)] == ["unknown", "unknown"]


def _with_cc(body: str, cc: str) -> bytes:
    return _mail(body + QUOTE).replace(b"In-Reply-To:", f"Cc: {cc}\nIn-Reply-To:".encode())


def test_who_a_cc_d_person_is() -> None:
    """Copied in as the better contact: a referral; as the boss a no is sent for, or the keeper of the calendar:
    not one."""
    cases = [
        ("I'm probably the wrong guy. I've copied Dale, who runs our pilot. Dale, over to you.",
         "Dale Morin <dm@x.example>"),
        ("On behalf of Mr. Al-Kuwari: he is unable to accept requests for informational meetings.",
         "Khalifa Al-Kuwari <ka@x.example>"),
        ("Yes, glad to make time. I'm copying Lorna, who manages my calendar; she'll find a slot.",
         "Lorna Tate <lt@x.example>"),
        ("Estou de férias e não vou conseguir. Copiei aqui o Bruno, ele pode conversar com você melhor do que eu.",
         "Bruno Lima <bl@x.example>"),
    ]
    outs = [classify_message(_with_cc(b, cc)).to_json() for b, cc in cases]
    assert [(o["intent"], len(o["referrals"])) for o in outs] == [
        ("referral", 1),
        ("declined", 0),
        ("accepted", 0),
        ("referral", 1),
    ]


def test_list_robots_and_icelandic_headers() -> None:
    """A Google Group's "+msgappr" notice in a thread is no auto-reply; "Frá: / Til: / Efni:" opens the quote."""
    from outreach.classify.quotes import split_reply

    raw = (
        b"From: Groups <grp+msgappr@groups.example>\nTo: sam.rivera@example.edu\nSubject: Pending approval\n"
        b"Date: Sun, 16 Mar 2031 21:03:40 +0100\nIn-Reply-To: <a@b.example>\nAuto-Submitted: auto-generated\n"
        b"Precedence: bulk\nContent-Type: text/plain\n\nYour message is pending approval by the moderators.\n"
    )
    quoted = "I have to say no.\n\nFrá: Sam <s@x.example>\nSent: 22. október 2031\nTil: Einar\nEfni: Chat\n\nDear Einar"
    assert (classify_message(raw).to_json()["intent"], split_reply(quoted).body) == ("unknown", "I have to say no.")


def test_uk_public_sector_replies() -> None:
    """MPs' offices, councils and charities: their ways to refuse, defer, ask first, and introduce."""
    bodies = [
        ("I'm leaving my post this month, so I don't think a chat with me would make much sense for you now.",
         "declined"),
        ("Can I ask how you got my email address? Once I know, I'm happy to see about a chat.", "question"),
        ("We get a lot of these and I had to stop saying yes to them last year.", "declined"),
        ("Gwen would be glad to find twenty minutes once the House returns; please write to us again from Monday "
         "15 February.", "later"),
        ("I'd love to but I'm drowning. I don't want to promise something I'll end up cancelling.", "declined"),
        ("Before I pass your request to Ian, could you please confirm your full home address?", "question"),
        ("Ooh lovely, so glad you two are connecting! I'll bow out here and leave you to it.", "unknown"),
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b, _ in bodies] == [i for _, i in bodies]


def test_valley_and_alpine_replies() -> None:
    """ "lgtm — first one", "lemme check w/ my manager first", "Oof, ... try me again", "don't count on me",
    "purtroppo no", "da muss i passen", "rufen Sie den Herrn Gruber an", "Schreiben S' mir ... nochmal",
    "ich mache Sie mit Thomas bekannt (cc)" (a referral, beside its ones)."""
    slots = "> Could we talk on Tuesday 9 Feb at 2pm ET or Friday 12 Feb at 10am ET?"
    raw = _mail("lgtm — first one. ty for sending actual times" + QUOTE.replace("> Could we talk?", slots))
    picked = classify_message(raw, user_tz="America/New_York").to_json()
    bodies = [
        ("hey! def open to it but lemme check w/ my manager first and get back to you", "later"),
        ("Oof, this week and next are brutal. Try me again in a few weeks? Not a no, promise.", "later"),
        ("In principle I would say yes. But I cannot now. Better don't count on me.", "declined"),
        ("Liebe Frau Rivera, purtroppo no, tut mir leid! Ich komm grad zu gar nix.", "declined"),
        ("Servus, da muss i passen, sorry – hab momentan koa Luft für sowas.", "declined"),
        ("Da kann ich Ihnen leider nicht weiterhelfen. Aber rufen Sie den Herrn Josef Gruber an: +43 664 555 0187.",
         "referral"),
        ("Grad ist Wintersaison-Vorbereitung. Schreiben S' mir nach der Wintersaison-Vorbereitung bitte nochmal.",
         "later"),
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b, _ in bodies]
    assert [(picked["intent"], picked["meeting"]["start"]), *outs] == [
        ("accepted", "2027-02-09T14:00:00-05:00"),
        *[i for _, i in bodies],
    ]


def test_quebec_replies_and_noon_in_other_languages() -> None:
    """ "le mardi 9 février, midi" is noon; "después del mediodía" is no time; Québécois ways to defer, ask
    first and unsubscribe; "FYI - another one asking" is a note about the user to a colleague."""
    noon = classify_message(_mail("Mais après Pâques je suis tout à vous : le mardi 9 février, midi, au café?" + QUOTE),
                            user_tz="America/New_York").to_json()
    bodies = [
        ("Oui, ça me tente! Mais je pars. Peux-tu me réécrire la semaine du 15 février?", "later"),
        ("Avant d'aller plus loin, une question : est-ce pour un article?", "question"),
        ("Merci de retirer mon adresse de vos envois.", "unsubscribe"),
        ("FYI - another journalist asking for a coffee chat. Let's discuss at Monday's huddle, 9:30.", "unknown"),
    ]
    outs = [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b, _ in bodies]
    ref = datetime.fromisoformat("2027-02-04T10:00:00-03:00")
    after_noon = find_times("¿Te va el jueves después del mediodía?", ref, zone("America/Argentina/Buenos_Aires")).times
    assert (noon["meeting"]["start"], outs, after_noon) == (
        "2027-02-09T12:00:00-05:00",
        [i for _, i in bodies],
        [],
    )


def test_last_round_turns_of_phrase() -> None:
    """Questions before agreeing, refusals by institutions and phone pointers from the session's last sets."""
    bodies = [
        ("Buongiorno, mi dica in due righe cosa vorrebbe sapere e in che lingue lavora.", "question"),
        ("Avant de convenir d'un moment, dites-m'en un peu plus sur votre démarche.", "question"),
        ("Lamentamos informar que a agenda da Dra. Teresa Pires não permite, de momento, aceitar pedidos.",
         "declined"),
        ("Mirá, de gestión de proyectos sé poco y nada. Llamala a Valeria al +54 11 5555 0142.", "referral"),
        ("Ik heb er goed over nagedacht, maar ik moet passen.", "declined"),
        ("Gracias, pero no doy entrevistas de este tipo. Suerte.", "declined"),
        ("Aus Gründen der Gleichbehandlung darf ich keine Einzelgespräche mit Bewerbern führen.", "declined"),
        ("Il Direttore non è in grado di accogliere richieste di colloqui individuali.", "declined"),
    ]
    assert [classify_message(_mail(b + QUOTE)).to_json()["intent"] for b, _ in bodies] == [i for _, i in bodies]


def test_a_sending_service_s_hard_bounce_and_a_chinese_notice_name_the_address() -> None:
    """Postmark's "Hard bounce:" notice and a 163-style notice ("收件人：a@b", "550 User not found: a@b")."""
    postmark = (
        b"From: Postmark Bounces <bounces@postmarkapp.example>\nTo: sam.rivera@example.edu\n"
        b"Subject: Hard bounce: Informational interview request\nDate: Fri, 17 Oct 2031 16:13:00 +0000\n"
        b"Content-Type: text/plain\n\nA message you sent could not be delivered.\n\n  Recipient:    yuki@far.example\n"
        b"  Type:         Hard bounce\n"
    )
    chinese = (
        "From: Postmaster@163.example\nTo: sam.rivera@example.edu\nSubject: 系统退信/Systematic bounce\n"
        "Date: Wed, 15 Sep 2032 11:09:00 +0800\nContent-Type: text/plain; charset=utf-8\n\n抱歉，您的邮件被退回来了\n"
        "收件人：liwei@163.example\n\nRemote server said: 550 User not found: liwei@163.example\n"
    ).encode()
    outs = [classify_message(raw).to_json() for raw in (postmark, chinese)]
    assert [(o["intent"], o["bounced_recipient"]) for o in outs] == [
        ("bounce", "yuki@far.example"),
        ("bounce", "liwei@163.example"),
    ]


def test_write_me_again_with_words_between_in_italian_and_dutch() -> None:
    """ "Scrivimi ... di nuovo" and Dutch "neem ... weer contact op" ask to be written to again: a sure later."""
    bodies = [
        "Adesso è un periodo pienissimo. Scrivimi pure di nuovo dopo il 20 maggio.",
        "Tot eind mei zit ik vol. Neem daarna gerust weer contact op.",
    ]
    outs = [classify_message(_mail(b + QUOTE), second_opinion=False).to_json() for b in bodies]
    assert [(o["intent"], o["confidence"]) for o in outs] == [("later", 0.8), ("later", 0.8)]


def _found(texts: list[str], ref: datetime, user_zone: str) -> list[list[str]]:
    """The times find_times reads in each text, as ISO-8601."""
    return [[t.isoformat() for t in find_times(text, ref, zone(user_zone)).times] for text in texts]


def test_a_time_restated_after_a_few_words_naming_its_zone_is_one_time() -> None:
    """ "16:30 de Lisboa (17:30 aquí)" and "16:00, hora peninsular (las 11:00 en Río)" restate one instant; "10am
    (or 11am)" offers two."""
    ref = datetime(2029, 10, 12, 10, 0, tzinfo=zone("UTC+2"))
    texts = [
        "Me viene bien el martes 16 a las 16:30 de Lisboa (17:30 aquí, perfecto).",
        "Te propongo el jueves 18 a las 16:00, hora peninsular (las 11:00 en Río).",
        "Tuesday 16 at 10am (or 11am if that's easier)?",
    ]
    assert _found(texts, ref, "Europe/Berlin") == [
        ["2029-10-16T16:30:00+01:00"],
        ["2029-10-18T16:00:00+02:00"],
        ["2029-10-16T10:00:00+02:00", "2029-10-16T11:00:00+02:00"],
    ]


def test_north_american_regions_and_places_named_in_other_languages() -> None:
    """ "heure du Centre", "hora del Pacífico", "heure de l'Est" name the regions (with the daylight-saving
    offset of the day); "9h do México", "16:30 de Lisboa" the place."""
    ref = datetime(2032, 3, 10, 16, 18, tzinfo=zone("UTC-6"))
    texts = [
        "Je propose le mardi 16 mars à 13 h, heure du Centre (14 h chez vous).",
        "¿Le parece bien el martes 16 de marzo a las 10:30 a. m., hora del Pacífico?",
        "le mardi 16 à 10 h, heure de l'Est",
        "terça 16 às 9h do México",
        "martes 16 a las 16:30 de Lisboa",
    ]
    assert _found(texts, ref, "America/Toronto") == [
        ["2032-03-16T13:00:00-05:00"],
        ["2032-03-16T10:30:00-07:00"],
        ["2032-03-16T10:00:00-04:00"],
        ["2032-03-16T09:00:00-06:00"],
        ["2032-03-16T16:30:00+00:00"],
    ]


def test_more_ways_to_restate_a_time_in_the_other_zone() -> None:
    """ "that'll be 1:00 here", "dan is het bij jou 8 uur", "que aquí son las 15:00": a conversion, not a second
    option; "doesn't quite work at 4" turns that hour down."""
    ref = datetime(2031, 6, 12, 9, 0, tzinfo=zone("UTC-5"))
    texts = [
        "That Thursday 19th at 2:00 works just fine, that'll be 1:00 here in Tulsa.",
        "Donderdag 19 juni om 9 uur zou wel kunnen, dan is het bij jou 8 uur.",
        "El jueves 19 a las 10:00 vuestra hora, que aquí son las 15:00.",
        "Thursday 19th at 4 doesn't quite work for me. Could we do 5pm on Friday 20th?",
    ]
    assert _found(texts, ref, "America/Chicago") == [
        ["2031-06-19T14:00:00-05:00"],
        ["2031-06-19T09:00:00-05:00"],
        ["2031-06-19T10:00:00-05:00"],
        ["2031-06-20T17:00:00-05:00"],
    ]


def test_half_past_noon_and_a_conversion_said_with_faire() -> None:
    """ "lundi 17 midi et demi" is 12:30, "mediodía y cuarto" 12:15; "ça devrait faire 16 h pour toi" restates the
    time before it."""
    ref = datetime(2033, 10, 12, 9, 0, tzinfo=zone("UTC+2"))
    texts = [
        "Lundi 17 midi et demi c'est top pour moi.",
        "¿El lunes 17 a mediodía y cuarto?",
        "Le mardi 18 à 10 h (heure de Québec) ? Ça devrait faire 16 h pour toi.",
    ]
    assert _found(texts, ref, "Europe/Paris") == [
        ["2033-10-17T12:30:00+02:00"],
        ["2033-10-17T12:15:00+02:00"],
        ["2033-10-18T10:00:00-04:00"],
    ]


def test_first_thing_in_the_morning_is_no_rank() -> None:
    """ "me viene mejor la segunda, a primera hora" picks the second proposal: "a primera hora" is early, not first."""
    quoted = "> ¿Le iría bien el martes 18 de octubre a las 9:30 o el jueves 20 de octubre a las 9:30?"
    ref = datetime(2033, 10, 12, 10, 0, tzinfo=zone("UTC+2"))
    picked = ordinal_proposal("De las dos opciones me viene mejor la segunda, a primera hora.", quoted, ref,
                              zone("Europe/Paris"))
    assert picked is not None and picked.isoformat() == "2033-10-20T09:30:00+02:00"


def test_first_hand_and_first_sight_are_no_rank() -> None:
    """ "te lo puede contar de primera mano", "à première vue", "la prima persona" and "de primera línea" are
    idioms: no proposal of the user's is picked by them."""
    quoted = "> ¿Le iría bien el martes 18 de octubre a las 9:30 o el jueves 20 de octubre a las 9:30?"
    ref = datetime(2033, 10, 12, 10, 0, tzinfo=zone("UTC+2"))
    bodies = ["Quien te lo puede contar de primera mano es Marta, te la pongo en copia.",
              "À première vue, c'est Paul qu'il vous faut : je le mets en copie.",
              "La prima persona da sentire è Giulia, la metto in copia.",
              "Trabaja en un equipo de primera línea, escríbele a ella."]
    assert [ordinal_proposal(b, quoted, ref, zone("Europe/Paris")) for b in bodies] == [None] * 4


def test_a_day_turned_down_in_its_own_part_of_the_sentence_leaves_the_other() -> None:
    """ "El jueves me viene genial, el martes imposible": the Thursday of the user's two proposals is picked."""
    quoted = "> Yo podría el martes 19 de octubre a las 16:00 o el jueves 21 de octubre a las 10:00 (hora de Berlín)."
    ref = datetime(2032, 10, 13, 9, 0, tzinfo=zone("UTC+2"))
    body = "Claro que sí, encantada. El jueves me viene genial, el martes imposible porque tengo comité."
    days = [date(2032, 10, 19), date(2032, 10, 21)]
    picked = named_proposal(body, quoted, ref, zone("Europe/Berlin"), days)
    assert picked is not None and picked.isoformat() == "2032-10-21T10:00:00+02:00"


def test_the_quote_attribution_s_date_is_no_proposed_day() -> None:
    """ "On Oct 20, 2033 ... wrote:" dates the quote; "Thursday at 3 yes" means the Thursday the user proposed."""
    body = "Leilani!! Finally. Tuesday no good, I'm testifying that morning. Thursday at 3 yes. Just call my cell."
    quote = ("\n\nOn Oct 20, 2033, at 4:50 PM, Leilani Kahale <leilani@example.org> wrote:\n\n"
             "> I'm free Tuesday (10/25) at 7:30am or Thursday (10/27) at 3pm, my time (HST).\n")
    raw = _mail(body + quote).replace(b"Thu, 04 Feb 2027 10:00:00 -0500", b"Thu, 20 Oct 2033 19:00:00 -1000")
    out = classify_message(raw, user_tz="Pacific/Honolulu").to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", "2033-10-27T15:00:00-10:00")


def test_a_sender_on_the_user_s_clock_keeps_its_daylight_saving_rules() -> None:
    """Written in Dublin at +0100 on 24 October, "Tuesday 5 November at 4:30pm" is 4:30pm at +0000 (Irish time
    after the clocks go back); a sender at another offset keeps their Date header's."""
    def start(date: str) -> str:
        raw = _mail("Happy to chat. How about Tuesday 5 November at 4:30pm?" + QUOTE)
        raw = raw.replace(b"Thu, 04 Feb 2027 10:00:00 -0500", date.encode())
        return classify_message(raw, user_tz="Europe/Dublin").to_json()["meeting"]["start"]

    assert [start("Thu, 24 Oct 2030 13:10:00 +0100"), start("Thu, 24 Oct 2030 14:10:00 +0200")] == [
        "2030-11-05T16:30:00+00:00",
        "2030-11-05T16:30:00+02:00",
    ]


def test_more_places_name_their_zone() -> None:
    """ "10 AM Alaska time", "17:00 Basel time", "alle 10:00 (ora di Città del Messico)", "2pm SF time"."""
    ref = datetime(2030, 1, 22, 9, 0, tzinfo=zone("UTC+1"))
    texts = [
        "Monday 28 January at 10 AM Alaska time?",
        "Would Tuesday 29 January at 17:00 Basel time be okay?",
        "venerdì 8 febbraio alle 10:00 (ora di Città del Messico)",
        "Friday 1/25 at 2pm SF time",
    ]
    assert _found(texts, ref, "Europe/Berlin") == [
        ["2030-01-28T10:00:00-09:00"],
        ["2030-01-29T17:00:00+01:00"],
        ["2030-02-08T10:00:00-06:00"],
        ["2030-01-25T14:00:00-08:00"],
    ]


def test_times_said_before_the_one_asked_about_are_circumstances() -> None:
    """ "Thursday at 2 Eastern is when I'll be driving back. Could we do Thursday the 27th at 3:30 Central instead?"
    proposes 3:30 only; "Passt Ihnen Mittwoch um 16 Uhr? Alternativ ginge auch Freitag, 15 Uhr" proposes both."""
    ref = datetime(2031, 2, 21, 9, 0, tzinfo=zone("UTC-6"))
    texts = [
        "Thursday at 2 Eastern is when I'll be driving back from a school visit. Could we do Thursday the 27th at "
        "3:30 Central instead?",
        "hoy ya no llego a lo de las 16:00. ¿Te parece bien el jueves 27 de febrero a las 12:00?",
        "Passt Ihnen Mittwoch, der 26. Februar, um 16:00 Uhr? Alternativ ginge auch Freitag, 28.02., 15:00 Uhr.",
    ]
    assert _found(texts, ref, "America/New_York") == [
        ["2031-02-27T15:30:00-06:00"],
        ["2031-02-27T12:00:00-06:00"],
        ["2031-02-26T16:00:00-06:00", "2031-02-28T15:00:00-06:00"],
    ]


def test_an_hour_replaced_is_not_proposed() -> None:
    """ "à midi plutôt qu'à 17h", "a las 12 en vez de a las 5", "at 10 instead of 3pm": only the new hour."""
    ref = datetime(2032, 6, 2, 9, 0, tzinfo=zone("UTC+2"))
    texts = [
        "Le jeudi 10 juin je pourrais à midi plutôt qu'à 17h, ça vous irait ?",
        "El jueves 10 de junio a las 12 en vez de a las 5, ¿te va?",
        "Thursday 10 June at 10 instead of 3pm?",
    ]
    assert _found(texts, ref, "Europe/Paris") == [
        ["2032-06-10T12:00:00+02:00"],
        ["2032-06-10T12:00:00+02:00"],
        ["2032-06-10T10:00:00+02:00"],
    ]


def test_soit_soit_offers_two_times_and_soit_before_an_hour_restates_one() -> None:
    """ "soit le lundi 26 à 9h30, soit le mardi 27 à 11h" is either ... or; "19 h, soit 14 h pour vous" one time."""
    ref = datetime(2029, 3, 20, 9, 0, tzinfo=zone("UTC+1"))
    texts = [
        "Je pourrais soit le lundi 26 mars à 9h30, soit le mardi 27 à 11h (heure de Bruxelles).",
        "Le mardi 27 mars à 19 h heure de Paris, soit 14 h pour vous ?",
    ]
    assert _found(texts, ref, "America/New_York") == [
        ["2029-03-26T09:30:00+02:00", "2029-03-27T11:00:00+02:00"],
        ["2029-03-27T19:00:00+02:00"],
    ]


def test_a_day_picked_beside_standing_hours_in_the_signature() -> None:
    """ "Thursday works." above "Hours: M-F 7:00 am - 3:30 pm CT" picks the user's Thursday: standing hours are
    no time of the sender's own, and "Accueil du lundi au vendredi" names no day."""
    quoted = "> Would Tuesday, February 8 at 9:00 am or Thursday, February 10 at 9:00 am Arizona time work?"
    ref = datetime(2028, 2, 7, 9, 0, tzinfo=zone("UTC-6"))
    days = [date(2028, 2, 8), date(2028, 2, 10)]
    bodies = [
        "Maya,\n\nThursday works. Talk then.\n\nDwight\nOffice: 713-555-0139 | Hours: M-F 7:00 am - 3:30 pm CT",
        "Thursday works.\n\nH. Morel\nAccueil du lundi au vendredi",
    ]
    picked = [named_proposal(body, quoted, ref, zone("America/Phoenix"), days) for body in bodies]
    assert [p.isoformat() if p else None for p in picked] == ["2028-02-10T09:00:00-07:00"] * 2


def test_the_sender_s_own_engagement_and_so_here_are_no_options() -> None:
    """ "at 8:15, before my nine o'clock lecture" proposes 8:15; "11:00 UK time - so 12:00 here" is one time."""
    ref = datetime(2033, 3, 10, 9, 0, tzinfo=zone("UTC"))
    texts = [
        "I could squeeze you in on Friday 18 March at 8:15, before my nine o'clock lecture, if that suits.",
        "Your Tuesday proposal works for me (29 March, 11:00 UK time - so 12:00 here, as we both move).",
    ]
    assert _found(texts, ref, "Europe/London") == [["2033-03-18T08:15:00+00:00"], ["2033-03-29T11:00:00+01:00"]]


def test_more_ways_to_pick_one_of_the_user_s_slots() -> None:
    """ "Tuesday's a no ..., but the Thursday works", "der zweite (Donnerstag)", "The first of your proposed slots"."""
    quoted = "> Would Tuesday 12 October at 4.30pm or Thursday 14 October at 4pm work?"
    ref = datetime(2032, 10, 6, 9, 0, tzinfo=zone("UTC+1"))
    days = [date(2032, 10, 12), date(2032, 10, 14)]
    user = zone("Europe/London")
    picks = [
        named_proposal("Tuesday's a no for me as I'm at a trustees' meeting, but the Thursday works.", quoted, ref,
                       user, days),
        ordinal_proposal("Von Ihren beiden Vorschlägen ist mir der zweite (Donnerstag) lieber.", quoted, ref, user),
        ordinal_proposal("The first of your proposed slots suits me well.", quoted, ref, user),
    ]
    assert [p.isoformat() if p else None for p in picks] == [
        "2032-10-14T16:00:00+01:00",
        "2032-10-14T16:00:00+01:00",
        "2032-10-12T16:30:00+01:00",
    ]


def test_a_no_holds_in_its_own_part_of_the_sentence() -> None:
    """ "só que às 14h já tenho outra coisa, pode ser às 15h30?" turns down 14h only; "l'après-midi" is no noon;
    "16.3. um 10 Uhr geht nicht" turns its hour down."""
    ref = datetime(2033, 3, 16, 9, 0, tzinfo=zone("UTC-3"))
    texts = [
        "Segunda dia 21 eu consigo... só que às 14h já tenho outra coisa, pode ser às 15h30?",
        "Le jeudi 17 mars à 9 h me convient ; mardi après-midi je suis en réunion, impossible de m'échapper.",
        "Dienstag ist leider schon vorbei, 17.3. um 10 Uhr geht nicht.",
    ]
    assert _found(texts, ref, "America/Sao_Paulo") == [
        ["2033-03-21T15:30:00-03:00"],
        ["2033-03-17T09:00:00-03:00"],
        [],
    ]


def test_hours_in_words_after_as_and_alle_and_that_makes_it() -> None:
    """ "às duas da tarde" is 14:00, "alle tre" 15:00; "that makes it 3pm in Johannesburg" restates the time."""
    ref = datetime(2034, 3, 20, 9, 0, tzinfo=zone("UTC-3"))
    texts = [
        "Que tal quinta-feira, dia 30, às duas da tarde no horário de Brasília?",
        "Facciamo martedì 21 alle tre?",
        "How about Tuesday March 21 at 9am ET instead? I think that makes it 3pm in Johannesburg.",
    ]
    assert _found(texts, ref, "Africa/Johannesburg") == [
        ["2034-03-30T14:00:00-03:00"],
        ["2034-03-21T15:00:00-03:00"],
        ["2034-03-21T09:00:00-04:00"],
    ]


def test_what_keeps_the_sender_busy_is_no_option() -> None:
    """ "investor stuff til 2:30", "oggi alle 14 ho un'altra riunione", "In the office Mon/Wed/Fri, 8:30am-4:30pm" and
    "Your 10:00 will be 9:00 here" leave only the time proposed."""
    ref = datetime(2033, 3, 30, 9, 0, tzinfo=zone("UTC+2"))
    texts = [
        "I've got investor stuff til 2:30 here. Can we push to Thu Mar 31 at 3:30 instead?",
        "Purtroppo oggi alle 14 ho un'altra riunione. Le propongo giovedì 31 marzo alle 11:30.",
        "Try me Thursday 31 March at 1pm on 0491 570 110?\n\nIn the office Mon/Wed/Fri, 8:30am-4:30pm",
        "Thursday the 31st at 10:00 works. Your 10:00 will be 9:00 here.",
    ]
    assert _found(texts, ref, "Europe/Rome") == [
        ["2033-03-31T15:30:00+02:00"],
        ["2033-03-31T11:30:00+02:00"],
        ["2033-03-31T13:00:00+02:00"],
        ["2033-03-31T10:00:00+02:00"],
    ]


def test_two_times_in_the_user_s_zone_on_two_days_are_two_options() -> None:
    """ "Wednesday, March 2 at 11:00 AM Atlantic and Thursday, March 3 at 2:30 PM Atlantic" (the user's zone) offers
    both; "mardi 15 mars à 10 h, heure de Montréal (... ça fera 14 h chez vous)" is one time."""
    ref = datetime(2033, 2, 28, 9, 5, tzinfo=zone("UTC-4"))
    texts = [
        "I've blocked off Wednesday, March 2 at 11:00 AM Atlantic and Thursday, March 3 at 2:30 PM Atlantic.",
        "Je pourrais mardi le 15 mars à 10 h, heure de Montréal (on avance l'heure ici dimanche, donc ça fera 14 h "
        "chez vous).",
    ]
    assert _found(texts, ref, "America/Halifax") == [
        ["2033-03-02T11:00:00-04:00", "2033-03-03T14:30:00-04:00"],
        ["2033-03-15T10:00:00-04:00"],
    ]


def test_a_day_of_the_month_in_brackets_after_the_weekday() -> None:
    """ "quinta (28) às 18h" is Thursday the 28th, not the coming Thursday; "Tuesday is out" turns Tuesday down."""
    ref = datetime(2031, 8, 19, 9, 0, tzinfo=zone("UTC-3"))
    texts = ["Mas semana que vem eu topo: quinta (28) às 18h, pode ser?", "Tuesday 26th is out for me."]
    assert _found(texts, ref, "America/Sao_Paulo") == [["2031-08-28T18:00:00-03:00"], []]


def test_say_before_a_bare_hour_and_nz_after_it() -> None:
    """ "Thursday afternoon, say 2?" is 2pm; "Wednesday 11th, say 3.30 NZ" is New Zealand's 3:30pm."""
    ref = datetime(2030, 9, 5, 9, 0, tzinfo=zone("UTC+10"))
    texts = ["Tuesday is out, but I can probably do Thursday 12th in the afternoon, say 2?",
             "Wednesday 11th arvo your time? Say 3.30 NZ, that's 1.30 for me."]
    assert _found(texts, ref, "Pacific/Auckland") == [["2030-09-12T14:00:00+10:00"], ["2030-09-11T15:30:00+12:00"]]


def test_a_rank_beats_a_day_named_beside_it_and_vuestra_hora_is_the_user_s() -> None:
    """ "preferisco la seconda, il martedì mattina ho sempre la riunione" picks the second proposal (Wednesday);
    "a las 10:00 vuestra hora, que aquí son las 15:00" is 10:00 in the user's zone."""
    quote = ("\n\nIl giorno lun 7 mar 2033, Inês <ines@example.pt> ha scritto:\n> Potrebbe martedì 15 marzo alle 10:00 "
             "oppure mercoledì 16 marzo alle 15:00 (ora di Lisbona)?\n")
    body = "Tra le due opzioni preferisco la seconda, il martedì mattina ho sempre la riunione con i vendor."
    raw = _mail(body + quote).replace(b"Thu, 04 Feb 2027 10:00:00 -0500", b"Tue, 08 Mar 2033 10:00:00 +0100")
    picked = classify_message(raw, user_tz="Europe/Lisbon").to_json()["meeting"]["start"]
    ref = datetime(2031, 6, 12, 9, 0, tzinfo=zone("UTC+2"))
    yours = _found(["jueves 19 a las 10:00 vuestra hora, que aquí son las 15:00."], ref, "America/Sao_Paulo")
    assert (picked, yours) == ("2033-03-16T15:00:00+00:00", [["2031-06-19T10:00:00-03:00"]])


def test_a_rank_picks_from_a_quote_whose_signature_has_office_hours() -> None:
    """The ">" marks are read off the user's quoted request: a marked blank line no longer joins the proposal to
    the signature's "Office hours Mon-Fri 08:00-17:00", so "Second option works" picks Tuesday."""
    quoted = ("> Could I borrow 20 minutes? I've kept Monday 27 March at 10:00 and\n"
              "> Tuesday 28 March at 10:00 free, both Johannesburg time.\n>\n> Many thanks,\n> Thandi\n"
              "> Office hours Mon-Fri 08:00-17:00 SAST\n")
    ref = datetime(2034, 3, 22, 7, 12, tzinfo=zone("UTC"))
    picked = ordinal_proposal("Yes happy to. Second option works - I'll ring you.", quoted, ref,
                              zone("Africa/Johannesburg"))
    assert picked is not None and picked.isoformat() == "2034-03-28T10:00:00+02:00"


def test_of_two_days_named_the_one_said_yes_to_is_picked() -> None:
    """ "jeudi me convient très bien, mercredi matin en revanche je suis sur un chantier": the other day's no is in
    words no rule lists, so of the two days the one with a yes is the pick."""
    quoted = "> Would Wednesday 22 March at 11:00 or Thursday 23 March at 17:30 (Rome time) suit you?"
    ref = datetime(2034, 3, 19, 20, 41, tzinfo=zone("UTC+1"))
    days = [date(2034, 3, 22), date(2034, 3, 23)]
    user = zone("Europe/Rome")
    picks = [
        named_proposal("Votre créneau de jeudi me convient très bien, mercredi matin en revanche je suis sur un "
                       "chantier.", quoted, ref, user, days),
        named_proposal("Thursday suits me nicely, Wednesday morning I'm at the site handover.", quoted, ref, user,
                       days),
        named_proposal("Wednesday and Thursday both suit me.", quoted, ref, user, days),
    ]
    assert [p.isoformat() if p else None for p in picks] == [
        "2034-03-23T17:30:00+01:00", "2034-03-23T17:30:00+01:00", None]


def test_a_place_right_after_a_time_is_its_zone() -> None:
    """ "Wednesday 11/16, 10am Hawaii / noon Pacific" is 10am in Honolulu; "Friday 18th at 16h (Lisbon)" is Lisbon's."""
    ref = datetime(2033, 10, 31, 16, 3, tzinfo=zone("UTC-7"))
    texts = ["let's take your second one: Wednesday 11/16, 10am Hawaii / noon Pacific.",
             "Could we do Friday 18 November at 16h (Lisbon)?"]
    assert _found(texts, ref, "Pacific/Honolulu") == [["2033-11-16T10:00:00-10:00"], ["2033-11-18T16:00:00+00:00"]]


def test_a_zone_named_by_a_sender_who_keeps_standard_time_all_year() -> None:
    """ "2:30 PM Atlantic" sent at -0400 while Halifax is at -0300 comes from a place that never changes clocks
    (Puerto Rico): the fixed -04:00 is meant; sent at -0300 it is Halifax's time, daylight saving and all."""
    texts = ["Friday the 24th at 2:30 PM Atlantic works for me."]
    from_puerto_rico = _found(texts, datetime(2031, 10, 21, 13, 40, tzinfo=zone("UTC-4")), "America/Chicago")
    from_halifax = _found(texts, datetime(2031, 10, 21, 13, 40, tzinfo=zone("UTC-3")), "America/Chicago")
    assert (from_puerto_rico, from_halifax) == ([["2031-10-24T14:30:00-04:00"]], [["2031-10-24T14:30:00-03:00"]])


def test_a_conversion_into_the_user_s_zone_settles_a_time_across_a_clock_change() -> None:
    """ "mardi 30 octobre à 17h, heure de Barcelone, soit 11h chez vous", sent at +0200 before Europe turns its
    clocks back: 17h on the Date's offset is an hour off, and the sender's 11h in Bogotá says which instant."""
    ref = datetime(2035, 10, 25, 12, 30, tzinfo=zone("UTC+2"))
    texts = ["je vous propose mardi 30 octobre à 17h, heure de Barcelone, soit 11h chez vous si je ne me trompe pas.",
             "je vous propose mardi 30 octobre à 17h, soit 10h chez vous."]
    assert _found(texts, ref, "America/Bogota") == [["2035-10-30T11:00:00-05:00"], ["2035-10-30T17:00:00+02:00"]]


def test_an_hour_taken_by_a_standing_meeting_is_turned_down() -> None:
    """ "9:00 your time is 13:00 here and I have our weekly vessel meeting then. Can we say 14:30 Danish time
    instead?" offers 14:30 only."""
    ref = datetime(2035, 10, 26, 11, 40, tzinfo=zone("UTC+2"))
    texts = ["Thursday 1 November suits me, but 9:00 your time is 13:00 here and I have our weekly vessel meeting "
             "then. Can we say 14:30 Danish time instead?"]
    assert _found(texts, ref, "America/Halifax") == [["2035-11-01T14:30:00+01:00"]]


def test_a_time_given_up_instead_of_another_or_a_hard_stop_is_no_proposal() -> None:
    """ "at 11:00 instead of 10:00" and "en vez de las 10:00" give up ten o'clock; "a hard stop at 1:30" is when
    the sender must leave."""
    ref = datetime(2035, 10, 10, 8, 3, tzinfo=zone("UTC-7"))
    texts = ["Could we do Tuesday 16 October at 11:00 instead of 10:00?",
             "¿Podríamos hacerlo el martes 16 de octubre a las 11:00 en vez de las 10:00?",
             "Thursday 18 October works; I have a hard stop at 1:30 though."]
    assert _found(texts, ref, "America/Los_Angeles") == [
        ["2035-10-16T11:00:00-07:00"], ["2035-10-16T11:00:00-07:00"], []]


def test_a_day_whose_hour_is_turned_down_stays_open_for_a_later_sentence() -> None:
    """ "Wednesday the 17th is fine, only at 10 I have our weekly team meeting. Could we go an hour later? So
    11:00 then." is 11:00 on the 17th: the day carries past the refused hour and the sentence naming neither."""
    ref = datetime(2035, 10, 11, 9, 0, tzinfo=zone("UTC+2"))
    texts = ["Wednesday the 17th is fine, only at 10 I have our weekly team meeting. Could we go an hour later? "
             "So 11:00 then."]
    assert _found(texts, ref, "Europe/Amsterdam") == [["2035-10-17T11:00:00+02:00"]]


def test_a_day_said_sentences_before_its_time_in_the_same_paragraph() -> None:
    """ "Wednesday could work but could we push it half an hour? I've got a standing call. If 1:30 your time is OK,
    consider it booked." is 1:30 on Wednesday; a signature's hours in the next paragraph take no day."""
    ref = datetime(2035, 10, 19, 6, 55, tzinfo=zone("UTC-4"))
    texts = ["Wednesday 24 October could work but could we push it half an hour? I've got a standing call that "
             "always runs long. If 1:30 your time is OK, consider it booked.",
             "Your Thursday 25 October slot is good for me. I'll call you.\n\nMarcus\n\n"
             "Availability: M-F, 8:00 AM - 5:00 PM CT"]
    assert _found(texts, ref, "America/Halifax") == [["2035-10-24T13:30:00-03:00"], []]


def test_an_hour_after_a_weekday_is_no_day_of_the_month_and_your_time_is_the_user_s() -> None:
    """ "mit Dienstag, 16 Uhr" and "Tuesday, 4 PM" are four o'clock on a Tuesday, not Tuesday the 16th or 4th;
    "Your Friday 4 PM works" is 4 PM on the user's clock."""
    ref = datetime(2035, 10, 12, 9, 0, tzinfo=zone("UTC+10"))
    texts = ["Wie sieht es bei Ihnen mit Dienstag, 16 Uhr aus?", "Could we do Tuesday, 4 PM?",
             "Your Friday 4 PM works. That's Saturday noon here."]
    assert _found(texts, ref, "Pacific/Honolulu") == [
        ["2035-10-16T16:00:00+10:00"], ["2035-10-16T16:00:00+10:00"], ["2035-10-12T16:00:00-10:00"]]


def test_a_weekday_is_the_date_its_clause_spells_out() -> None:
    """ "donderdag om 14.00 uur, dus de 25e" and "Tuesday at 10:00, that's the 23rd?" are the Thursday and Tuesday
    of the next week, not the coming ones."""
    ref = datetime(2035, 10, 12, 9, 0, tzinfo=zone("UTC+2"))
    texts = ["Ik stel voor: donderdag om 14.00 uur, dus de 25e.", "How about Tuesday at 10:00, that's the 23rd?"]
    assert _found(texts, ref, "Europe/Amsterdam") == [["2035-10-25T14:00:00+02:00"], ["2035-10-23T10:00:00+02:00"]]


def test_a_sentence_starting_with_a_clock_time_is_its_own_and_taken_is_a_no() -> None:
    """ "Let's do Thursday, March 13 at 3:00 pm CT. 1:00 is taken by a vet advisory call." offers 3:00 pm only:
    the second sentence, which starts with a time, no longer joins the first, and "is taken" turns 1:00 down."""
    ref = datetime(2036, 3, 5, 10, 25, tzinfo=zone("UTC-6"))
    texts = ["Yes! Let's do Thursday, March 13 at 3:00 pm CT. 1:00 is taken by a vet advisory call."]
    assert _found(texts, ref, "America/Chicago") == [["2036-03-13T15:00:00-05:00"]]


def test_a_slot_moved_by_an_amount() -> None:
    """ "Tuesday works but can we bump it 30 minutes?" takes the user's Tuesday slot half an hour later; the
    amount is read in the seven languages, earlier when it says so, and an amount alone moves nothing."""
    quote = ("\n\nOn Thu, Feb 4, 2027, Sam <sam@example.edu> wrote:\n> Would Tuesday 9 February at 10:00 or "
             "Wednesday 10 February at 14:00 (Eastern) suit you?\n")
    body = "Tuesday works but can we bump it 30 minutes? I have a standing 9:30 that always runs long."
    start = classify_message(_mail(body + quote), user_tz="America/New_York").to_json()["meeting"]["start"]
    texts = ["pourrait-on décaler d'une demi-heure ?", "Kan het een uur later?", "¿Podría ser media hora más tarde?",
             "Ginge es eine Stunde früher?", "Half an hour is plenty.", "est-ce qu'on pourrait le glisser d'une "
             "demi-heure ?"]
    shifts = [requested_shift(text) for text in texts]
    assert (start, [s and int(s.total_seconds() // 60) for s in shifts]) == (
        "2027-02-09T10:30:00-05:00", [30, 60, 30, -60, None, 30])


def test_your_time_after_a_preposition_or_with_the_noun_first() -> None:
    """ "às 15h no seu horário" and "alle 11 ora vostra" are the user's clock, as "15h seu horário" and "vostra
    ora" already were."""
    ref = datetime(2036, 3, 4, 8, 5, tzinfo=zone("UTC+1"))
    texts = ["Sexta-feira, 7 de março, às 15h no seu horário funciona para mim (aqui serão 16h).",
             "Facciamo venerdì 7 marzo alle 11 ora vostra (qui saranno le 12)."]
    assert _found(texts, ref, "Africa/Dakar") == [["2036-03-07T15:00:00+00:00"], ["2036-03-07T11:00:00+00:00"]]


def test_next_week_said_before_the_weekday() -> None:
    """ "Nächste Woche dann: Mittwoch, 14 Uhr?" and "Next week I could do Wednesday at 2pm" are next week's
    Wednesday, as "Wednesday at 2pm next week" already was; a sentence later it no longer holds."""
    ref = datetime(2036, 2, 26, 19, 52, tzinfo=zone("UTC+1"))
    texts = ["Diese Woche ist zu. Nächste Woche dann: Mittwoch, 14 Uhr?", "Next week I could do Wednesday at 2pm.",
             "Next week is busy. Wednesday at 2pm?"]
    assert _found(texts, ref, "Europe/Vienna") == [
        ["2036-03-05T14:00:00+01:00"], ["2036-03-05T14:00:00+01:00"], ["2036-02-27T14:00:00+01:00"]]


def test_a_working_day_range_is_standing_hours() -> None:
    """ "On site 6am-6pm, 8/6 roster" in a signature is standing hours, never a meeting time; "free
    2-4pm on Thursday 13 March" still offers 2pm."""
    ref = datetime(2036, 3, 6, 5, 30, tzinfo=zone("UTC+8"))
    texts = ["Friday I'm home. Ring me.\n\nKim\nOn site 6am-6pm, 8/6 roster (on 5-12 Mar)",
             "I'm free 2-4pm on Thursday 13 March."]
    assert _found(texts, ref, "Australia/Perth") == [[], ["2036-03-13T14:00:00+08:00"]]


def _picks(texts: tuple[str, ...], quoted: str, ref: datetime, user_zone: str, days: list[date]) -> list[str | None]:
    """The user's slot named_proposal picks for each text, as ISO-8601."""
    picks = [named_proposal(text, quoted, ref, zone(user_zone), days) for text in texts]
    return [p.isoformat() if p else None for p in picks]


def test_klappt_says_yes_to_a_day_and_klappt_nicht_no() -> None:
    """ "Dienstag ist komplett zugepflastert, aber der Donnerstag klappt" picks Thursday; "Der Donnerstag klappt
    leider nicht" picks nothing."""
    quoted = "> Mir würde Dienstag, 15. März, um 10:00 Uhr oder Donnerstag, 17. März, um 16:00 Uhr passen."
    ref = datetime(2033, 3, 9, 10, 0, tzinfo=zone("UTC+0"))
    texts = ("Dienstag ist bei mir komplett mit Kundenterminen zugepflastert, aber der Donnerstag klappt.",
             "Der Donnerstag klappt leider nicht.")
    assert _picks(texts, quoted, ref, "Europe/Lisbon", [date(2033, 3, 15), date(2033, 3, 17)]) == [
        "2033-03-17T16:00:00+00:00", None]


def test_more_zone_abbreviations_and_ak_time() -> None:
    """ "Wednesday Nov 7 at 10 AK time", "9am AKST", "14:00 SAST", "3pm EAT" and "10:30 ACDT" name their zones."""
    ref = datetime(2035, 10, 31, 20, 5, tzinfo=zone("UTC-8"))
    texts = ["Wednesday Nov 7 at 10 AK time is open.", "Thursday Nov 8 at 9am AKST?",
             "Friday 9 November at 14:00 SAST?", "Friday 9 November at 3pm EAT?", "Friday 9 November at 10:30 ACDT?"]
    assert _found(texts, ref, "America/Los_Angeles") == [
        ["2035-11-07T10:00:00-09:00"], ["2035-11-08T09:00:00-09:00"], ["2035-11-09T14:00:00+02:00"],
        ["2035-11-09T15:00:00+03:00"], ["2035-11-09T10:30:00+10:30"]]


def test_a_conversion_in_the_plural_or_as_i_make_it_and_a_tight_hour() -> None:
    """ "às 15h de Lisboa ... seriam as 10h para si" and "5pm Madrid time, which I make 11am in Bogotá" restate
    one instant; "8am your time on Friday is a bit tight for me" turns 8am down."""
    ref = datetime(2035, 10, 24, 18, 40, tzinfo=zone("UTC+1"))
    texts = ["Proponho segunda-feira, 29 de outubro, às 15h de Lisboa. No domingo mudamos a hora, por isso "
             "seriam as 10h para si.",
             "8am your time on Friday is a bit tight for me. Friday 2 Nov at 5pm Madrid time would work though, "
             "which I make 11am in Bogotá."]
    assert _found(texts, ref, "America/Bogota") == [["2035-10-29T15:00:00+00:00"], ["2035-11-02T17:00:00+01:00"]]


def test_another_day_at_the_same_time_is_another_option() -> None:
    """ "el viernes 4/11 a las 13:30 o, si no, el lunes 7 a la misma hora" offers Friday and Monday at 13:30;
    "Thursday 10 November at 2pm, or Friday 11 November same time?" likewise."""
    ref = datetime(2033, 11, 1, 9, 0, tzinfo=zone("UTC+1"))
    texts = ["Te propongo el viernes 4/11 a las 13:30 o, si no, el lunes 7 a la misma hora.",
             "Thursday 10 November at 2pm, or Friday 11 November same time?"]
    assert _found(texts, ref, "Europe/Paris") == [
        ["2033-11-04T13:30:00+01:00", "2033-11-07T13:30:00+01:00"],
        ["2033-11-10T14:00:00+01:00", "2033-11-11T14:00:00+01:00"]]


def test_a_day_as_a_deadline_or_a_holiday_is_no_pick() -> None:
    """ "bitte bis Donnerstag einmal drüberschauen" sets a deadline and "el miércoles 8 es feriado" names a holiday:
    neither picks the user's slot on that day; "der Donnerstag passt" still does."""
    quoted = "> Passt Ihnen Mittwoch, 1. Oktober, um 10:00 oder Donnerstag, 2. Oktober, um 9:00?"
    ref = datetime(2036, 9, 26, 9, 0, tzinfo=zone("UTC+2"))
    texts = ("Anbei die Messungen, bitte bis Donnerstag einmal drüberschauen.",
             "Estoy de guardia hasta el martes y el miércoles 1 es feriado.", "Der Donnerstag passt mir gut.")
    assert _picks(texts, quoted, ref, "Europe/Copenhagen", [date(2036, 10, 1), date(2036, 10, 2)]) == [
        None, None, "2036-10-02T09:00:00+02:00"]


def test_an_hour_with_a_huddle_or_a_clash_and_a_conversion_that_lands() -> None:
    """ "10 AM is ok, I just have a huddle at 11" offers 10; "a las 9 tengo una visita que se me cruza ... a las
    9:30 llego" offers 9:30; "6:30 PM Central ... I think that lands at 8:30 AM Thursday for you" is one instant."""
    ref = datetime(2036, 9, 16, 9, 0, tzinfo=zone("UTC+8"))
    texts = ["Thursday the 18th works for me. 10 AM is ok, I just have a huddle at 11 so let's keep it short.",
             "El jueves 18 a las 9 tengo una visita a planta que se me cruza, pero si lo corremos media hora, a las "
             "9:30, llego sin problema.",
             "Let's do Wednesday, November 5 at 6:30 PM Central. I think that lands at 8:30 AM Thursday for you."]
    assert _found(texts, ref, "Asia/Manila") == [
        ["2036-09-18T10:00:00+08:00"], ["2036-09-18T09:30:00+08:00"], ["2036-11-05T18:30:00-06:00"]]


def test_plutot_a_one_hour_qu_a_another_gives_the_second_up() -> None:
    """ "plutôt à 15h30 qu'à 15h" offers 15h30 only; "disponible jusqu'à 15h" is not a time given up."""
    ref = datetime(2036, 9, 20, 9, 0, tzinfo=zone("UTC+2"))
    texts = ["Le jeudi 25 septembre me convient, mais plutôt à 15h30 qu'à 15h.",
             "Le jeudi 25 septembre, je suis disponible jusqu'à 15h."]
    assert _found(texts, ref, "Europe/Copenhagen") == [["2036-09-25T15:30:00+02:00"], ["2036-09-25T15:00:00+02:00"]]


def test_hours_past_noon_and_a_quarter_to_in_words() -> None:
    """ "à quinze heures trente", "um vierzehn Uhr", "om drie uur" and "a las cinco menos cuarto" are clock times;
    "plutôt à quinze heures trente qu'à quinze heures" gives quinze heures up."""
    ref = datetime(2036, 9, 20, 9, 0, tzinfo=zone("UTC+2"))
    texts = ["Le jeudi 25 septembre à quinze heures trente ?", "Am Donnerstag, 25.9., um vierzehn Uhr?",
             "Donderdag 25 september om drie uur?", "¿El jueves 25 a las cinco menos cuarto?",
             "Le jeudi 25 septembre me convient, mais plutôt à quinze heures trente qu'à quinze heures."]
    assert _found(texts, ref, "Europe/Paris") == [
        ["2036-09-25T15:30:00+02:00"], ["2036-09-25T14:00:00+02:00"], ["2036-09-25T15:00:00+02:00"],
        ["2036-09-25T16:45:00+02:00"], ["2036-09-25T15:30:00+02:00"]]


def test_a_day_preferred_over_another_and_your_time_restating_the_same_instant() -> None:
    """ "Thursday works better than Wednesday, ... at 14.30 WIB" is Thursday; "11:00 a.m. Eastern? ... from then on
    Toronto and Lima are on the same time: 11:00 for you" is one instant, not a Sunday option; "às dez e meia do seu
    horário" is the user's clock; two slots of the user's at the same clock on two days stay two."""
    ref = datetime(2036, 9, 29, 9, 0, tzinfo=zone("UTC+7"))
    texts = ["Thursday works better than Wednesday, but could we start at 14.30 WIB?",
             "How about Wednesday, November 5 at 11:00 a.m. Eastern? Our clocks fall back this Sunday (Nov 2), so "
             "from then on Toronto and Lima are on the same time: 11:00 for you as well.",
             "Terça, 7/10, às dez e meia do seu horário fica ótimo pra mim.",
             "Would Tuesday 7 October at 4pm or Friday 10 October at 4pm suit you?"]
    assert _found(texts, ref, "America/Lima") == [
        ["2036-10-02T14:30:00+07:00"], ["2036-11-05T11:00:00-05:00"], ["2036-10-07T10:30:00-05:00"],
        ["2036-10-07T16:00:00+07:00", "2036-10-10T16:00:00+07:00"]]


def test_an_institution_s_rule_against_meetings_is_a_decline_in_four_languages() -> None:
    """ "los servidores de este organismo no sostienen reuniones particulares", "nous ne tenons pas de rendez-vous
    individuels", "non concediamo colloqui individuali" and "wir führen keine Einzelgespräche" are declines."""
    quote = "\n\nOn Thu, Feb 4, 2027, Sam <sam@example.edu> wrote:\n> Could we talk for 20 minutes next week?\n"
    bodies = ["Acuso recibo. Los servidores de este organismo no sostienen reuniones particulares con terceros.",
              "Bonjour, nous ne tenons pas de rendez-vous individuels avec des candidats. Cordialement.",
              "Buongiorno, per policy aziendale non concediamo colloqui individuali. Cordiali saluti.",
              "Guten Tag, aus Compliance-Gründen führen wir keine Einzelgespräche. Freundliche Grüße."]
    results = [classify_message(_mail(body + quote)) for body in bodies]
    assert [(str(r.intent), r.confidence >= 0.6) for r in results] == [("declined", True)] * 4


def test_no_to_a_day_turns_it_down() -> None:
    """ "no to Tuesday, I'm on site ... Friday though I'm home and more than happy to talk" picks Friday."""
    quoted = "> Would Tuesday 11 March at 4pm or Friday 14 March at 4pm (Perth time) suit you?"
    ref = datetime(2036, 3, 6, 5, 30, tzinfo=zone("UTC+8"))
    texts = ("Hi Callum - no to Tuesday, I'm on site all day. Friday though I'm home and more than happy to talk.",)
    assert _picks(texts, quoted, ref, "Australia/Perth", [date(2036, 3, 11), date(2036, 3, 14)]) == [
        "2036-03-14T16:00:00+08:00"]


def test_a_full_weekday_before_a_dash_and_so_is_no_range_of_days() -> None:
    """ "Cairns Thursday - so I'll have to counter-offer: Friday 14 March, 12:30pm Brisbane time?" is no "Thu-Sun"
    opening hours; "Mo.–Fr. 9–17 Uhr" and "Monday to Friday, 9am-5pm" still are."""
    ref = datetime(2036, 3, 7, 8, 0, tzinfo=zone("UTC+10"))
    texts = ["Townsville Tuesday and Wednesday, Cairns Thursday - so I'll have to counter-offer: Friday 14 March, "
             "12:30pm Brisbane time?", "Bürozeiten Mo.–Fr. 9–17 Uhr.", "Monday to Friday, 9am-5pm."]
    assert _found(texts, ref, "Australia/Perth") == [["2036-03-14T12:30:00+10:00"], [], []]


def test_a_writer_who_starts_no_sentence_with_a_capital_still_ends_sentences() -> None:
    """ "sorry i missed your note. can do 3:30pm on thursday" gives the time: the regret ends at the full stop."""
    ref = datetime(2027, 2, 3, 9, 0, tzinfo=zone("America/New_York"))
    texts = ["hi sam, sorry i missed your note. can do 3:30pm on thursday if that still works", "Sorry, I missed it."]
    assert _found(texts, ref, "America/New_York") == [["2027-02-04T15:30:00-05:00"], []]


def test_wa_and_nl_time_mean_the_user_s_place_or_the_sender_s() -> None:
    """ "10am WA time" is Perth for a user in Perth and Washington State from a sender at -07:00; "NL time" is
    Newfoundland from a sender at -02:30 and the Netherlands otherwise."""
    def at(user: str, offset: float, text: str) -> list[str]:
        ref = datetime(2036, 3, 6, 8, 0, tzinfo=zone(f"UTC{offset:+}".replace(".5", ":30")))
        return [t.isoformat() for t in find_times(text, ref, zone(user)).times]

    assert [
        at("Australia/Perth", 11, "Thursday 13 March at 10am WA time is good"),
        at("America/Chicago", -7, "Thursday 13 March at 10am WA time is good"),
        at("America/Chicago", -2.5, "Thursday 13 March at 10am NL time is good"),
        at("Europe/London", 0, "Thursday 13 March at 10am NL time is good"),
    ] == [
        ["2036-03-13T10:00:00+08:00"],
        ["2036-03-13T10:00:00-07:00"],
        ["2036-03-13T10:00:00-02:30"],
        ["2036-03-13T10:00:00+01:00"],
    ]


def test_a_time_kept_in_reserve_is_not_the_meeting() -> None:
    """ "Thursday at 10 suits me best; Friday at 2 as a fallback" agrees Thursday, in English, Spanish and Italian;
    a fallback alone is still the time offered."""
    ref = datetime(2037, 3, 2, 9, 0, tzinfo=zone("Europe/Madrid"))
    texts = [
        "Thursday at 10am suits me best. Friday at 2pm works as a fallback if something comes up.",
        "Mejor el jueves a las 10:00; el viernes a las 14:00 lo dejo de respaldo.",
        "Giovedì alle 10:00 va benissimo; venerdì alle 14:00 come soluzione di riserva.",
        "Friday at 2pm as a fallback.",
    ]
    assert _found(texts, ref, "Europe/Madrid") == [
        ["2037-03-05T10:00:00+01:00"],
        ["2037-03-05T10:00:00+01:00"],
        ["2037-03-05T10:00:00+01:00"],
        ["2037-03-06T14:00:00+01:00"],
    ]


def test_a_bare_hour_the_slot_is_moved_to_is_a_time() -> None:
    """ "could we push it to 11 instead of 10?" and "can we make it 3?" name the hour; "add it to 2 lists" does not."""
    ref = datetime(2035, 10, 10, 8, 0, tzinfo=zone("America/Los_Angeles"))
    texts = [
        "Tuesday suits me, though could we push it to 11 instead of 10?",
        "Tuesday suits me - can we make it 3?",
        "Tuesday suits me; I'll add it to 2 lists.",
    ]
    assert _found(texts, ref, "America/Los_Angeles") == [
        ["2035-10-16T11:00:00-07:00"], ["2035-10-16T15:00:00-07:00"], []]


def test_hours_past_noon_in_spanish_italian_and_portuguese_words() -> None:
    """ "alle diciassette e trenta", "a las diecinueve" and "às dezoito e meia" are 17:30, 19:00 and 18:30."""
    ref = datetime(2037, 3, 10, 8, 0, tzinfo=zone("Europe/Rome"))
    texts = ["Giovedì 12 alle diciassette e trenta.", "El jueves 12 a las diecinueve.", "Quinta 12 às dezoito e meia."]
    assert _found(texts, ref, "Europe/Rome") == [
        ["2037-03-12T17:30:00+01:00"], ["2037-03-12T19:00:00+01:00"], ["2037-03-12T18:30:00+01:00"]]


def test_a_24_hour_time_without_its_colon_after_at_or_before_a_zone() -> None:
    """ "Friday at 0930", "Friday 1415 my time", "Friday 1700 ET" are times; "room 1530 ABC" and "in 2031" are not."""
    ref = datetime(2031, 10, 8, 8, 0, tzinfo=zone("America/New_York"))
    texts = ["Friday at 0930 is fine.", "Friday 1415 my time is fine.", "Friday 1700 ET is fine.",
             "Friday in room 1530 ABC, as in 2031."]
    assert _found(texts, ref, "America/New_York") == [
        ["2031-10-10T09:30:00-04:00"], ["2031-10-10T14:15:00-04:00"], ["2031-10-10T17:00:00-04:00"], []]


def test_the_word_for_day_before_a_day_of_the_month_makes_a_date() -> None:
    """ "no dia 30, às 10h", "el día 12 a las 16:00" and "il giorno 7 alle 9" are dates with their times;
    "dia 29 de setembro" stays a date with its month."""
    ref = datetime(2037, 9, 15, 8, 0, tzinfo=zone("America/Sao_Paulo"))
    texts = ["Pode ser no dia 30, às 10h.", "Mejor el día 1 a las 16:00.", "Facciamo il giorno 7 alle 9.",
             "Dia 29 de setembro às 11h."]
    assert _found(texts, ref, "America/Sao_Paulo") == [
        ["2037-09-30T10:00:00-03:00"], ["2037-10-01T16:00:00-03:00"], ["2037-10-07T09:00:00-03:00"],
        ["2037-09-29T11:00:00-03:00"]]


def test_your_side_and_my_end_name_a_zone() -> None:
    """ "Thursday 2pm your side" is on the user's clock and "Thursday 9am my end" on the sender's."""
    ref = datetime(2037, 10, 5, 9, 0, tzinfo=zone("UTC+1"))
    texts = ["Thursday 2pm your side works for me.", "Thursday 9am my end works for me."]
    assert _found(texts, ref, "America/Toronto") == [["2037-10-08T14:00:00-04:00"], ["2037-10-08T09:00:00+01:00"]]


def test_gmt_from_a_sender_on_the_british_clock_is_that_clock() -> None:
    """ "2pm GMT" from a sender at +01:00 in a UK summer is 14:00 BST, and in winter from a sender at +01:00
    (Central Europe) 14:00 GMT; from a sender at -04:00 it stays GMT."""
    summer = datetime(2037, 9, 22, 9, 0, tzinfo=zone("UTC+1"))
    winter = datetime(2037, 12, 1, 9, 0, tzinfo=zone("UTC+1"))
    away = datetime(2037, 9, 22, 9, 0, tzinfo=zone("UTC-4"))
    text = "Friday at 2pm GMT would suit."
    assert [_found([text], ref, "America/Toronto")[0] for ref in (summer, winter, away)] == [
        ["2037-09-25T14:00:00+01:00"], ["2037-12-04T14:00:00+00:00"], ["2037-09-25T14:00:00+00:00"]]


def test_a_conversion_into_the_user_s_clock_on_another_day_is_the_same_instant() -> None:
    """ "8:30am Sydney time on Thursday 11 March? I make that 2:30pm on Wednesday the 10th in Chicago" and
    "9am my time Fri 5 March? Should be 2pm Thursday your end" give one time each, not two."""
    ref = datetime(2038, 3, 1, 9, 0, tzinfo=zone("UTC+11"))
    texts = [
        "Could we try Thursday 11 March at 8:30am Sydney time? I make that 3:30pm on Wednesday the 10th in Chicago.",
        "Easier: 9am my time Fri 5 March? Should be 4pm Thursday your end if my maths is right.",
    ]
    assert _found(texts, ref, "America/Chicago") == [["2038-03-11T08:30:00+11:00"], ["2038-03-05T09:00:00+11:00"]]


def test_a_conversion_said_as_for_me_it_is_in_four_languages() -> None:
    """ "om 9 uur uw tijd (voor mij is dat 8 uur hier)", "(pour moi c'est 14 h ici)", "(para mí son las 9:00
    aquí)" and "(bei mir ist es 10 Uhr hier)" restate the time before: one time each."""
    # (a Date header at +0000 hides the sender's zone: their "here" is read on the user's clock)
    ref = datetime(2038, 3, 1, 9, 0, tzinfo=zone("Europe/Brussels"))
    texts = [
        "Woensdag 10 maart om 9 uur uw tijd zou kunnen (voor mij is dat 8 uur hier).",
        "Mercredi 10 mars à 15 h votre heure me va (pour moi c'est 14 h ici).",
        "El miércoles 10 de marzo a las 10:00 tu hora me va (para mí son las 9:00 aquí).",
        "Mittwoch, 10. März um 11 Uhr Ihrer Zeit passt (bei mir ist es 10 Uhr hier).",
    ]
    assert _found(texts, ref, "Europe/Brussels") == [
        ["2038-03-10T09:00:00+01:00"], ["2038-03-10T15:00:00+01:00"], ["2038-03-10T10:00:00+01:00"],
        ["2038-03-10T11:00:00+01:00"]]


def test_the_flemish_hour_mark_u() -> None:
    """ "dinsdag 23/3 om 14u30 of donderdag 25/3 om 9u" offers 14:30 and 9:00."""
    ref = datetime(2038, 3, 1, 9, 0, tzinfo=zone("Europe/Brussels"))
    texts = ["Ik kan dinsdag 23/3 om 14u30 of donderdag 25/3 om 9u."]
    assert _found(texts, ref, "Europe/Brussels") == [["2038-03-23T14:30:00+01:00", "2038-03-25T09:00:00+01:00"]]


def test_a_no_after_a_colon_holds_in_its_own_part() -> None:
    """ "plutôt à 14h30 qu'à 14h : j'ai une réunion juste avant" keeps 14:30; the meeting turns down only what
    follows the colon."""
    ref = datetime(2038, 2, 1, 9, 0, tzinfo=zone("Europe/Brussels"))
    texts = ["Jeudi me va, mais plutôt à 15h30 qu'à 15h : j'ai une réunion juste avant."]
    assert _found(texts, ref, "Europe/Brussels") == [["2038-02-04T15:30:00+01:00"]]


def test_half_and_a_digit_british_and_dutch() -> None:
    """British and Irish "half 2 Irish time" is 2:30; Dutch "om half 3" is 2:30 too; "half 10 afspreken" is left."""
    ref = datetime(2038, 2, 16, 9, 0, tzinfo=zone("Europe/Dublin"))
    texts = ["Would half 2 Irish time on Friday suit?", "Kan het vrijdag om half 3?", "Vrijdag half 10 afspreken"]
    assert _found(texts, ref, "Europe/Dublin") == [["2038-02-19T14:30:00+00:00"], ["2038-02-19T14:30:00+00:00"], []]


def test_a_bare_hour_before_a_region_or_ish_and_noonish() -> None:
    """ "10 Pacific on Thursday", "Thursday 2ish" and "tomorrow, noonish" are times; "Thursday 3" alone is not."""
    ref = datetime(2038, 2, 16, 9, 0, tzinfo=zone("America/Denver"))
    texts = ["How about 10 Pacific on Thursday the 18th?", "Thursday 2ish works.", "Tomorrow, noonish?", "Thursday 3."]
    assert _found(texts, ref, "America/Denver") == [
        ["2038-02-18T10:00:00-08:00"], ["2038-02-18T14:00:00-07:00"], ["2038-02-17T12:00:00-07:00"], []]


def test_a_no_said_of_a_condition_and_that_s_without_a_time_are_no_turn_down_or_conversion() -> None:
    """ "if that's a no-go then Tuesday the 2nd at 11 works too" offers Tuesday; "If that's too early for you,
    your 4pm Wednesday slot also works" offers the slot; "That's Saturday noon here" still restates."""
    ref = datetime(2038, 2, 20, 9, 0, tzinfo=zone("America/Denver"))
    texts = [
        "Ideally Monday the 1st at 1pm, but if that's a no-go then Tuesday the 2nd at 11 works too.",
        "How about Wednesday 3/3 at 7:30 am Mountain? If that's too early for you, Wednesday 3/3 at 4pm also works.",
        "Friday the 5th at 4 PM works. That's Saturday noon here, which is fine.",
    ]
    assert _found(texts, ref, "America/Denver") == [
        ["2038-03-01T13:00:00-07:00", "2038-03-02T11:00:00-07:00"],
        ["2038-03-03T07:30:00-07:00", "2038-03-03T16:00:00-07:00"],
        ["2038-03-05T16:00:00-07:00"],
    ]


def test_a_slot_picked_by_rank_or_day_at_an_hour_of_the_reply_s_own() -> None:
    """ "Ihr zweiter Vorschlag passt mir, allerdings erst um Viertel nach elf statt um elf" is the second slot at
    11:15; "Your second suggestion is fine. The school run is at 17:30" stays the slot (an hour far off is the
    sender's own)."""
    quoted = "> Would Thursday 18 February at 11:00 or Friday 19 February at 14:00 (Brussels time) suit you?"
    sent = "Date: Mon, 15 Feb 2038 09:00:00 +0100\nFrom: Jo Weber <jo@firma.example>\nTo: Anouk <a@example.be>\n"
    def start(body: str) -> str | None:
        attribution = "On Mon, 15 Feb 2038 at 08:00, Anouk <a@example.be> wrote:"
        raw = f"{sent}Subject: Re: chat\nIn-Reply-To: <a1@example.be>\n\n{body}\n\n{attribution}\n{quoted}\n"
        return (classify_message(raw.encode(), user_tz="Europe/Brussels").to_json()["meeting"] or {}).get("start")

    assert [
        start("Gern. Ihr zweiter Vorschlag passt mir, allerdings erst um Viertel nach drei statt um zwei."),
        start("Gern. Ihr erster Vorschlag passt mir, allerdings erst um Viertel nach elf statt um elf."),
        start("Your second suggestion is fine. The school run is at 17:30, so I'll keep it short."),
    ] == ["2038-02-19T15:15:00+01:00", "2038-02-18T11:15:00+01:00", "2038-02-19T14:00:00+01:00"]


def test_an_engagement_of_one_s_own_turns_its_hour_down_in_four_languages() -> None:
    """ "alle 10 ho un impegno", "a las 10 tengo clase", "à 10 h j'ai un rendez-vous" and "às 10h tenho um
    compromisso" turn 10:00 down, and the same day carries to the next hour offered."""
    ref = datetime(2037, 3, 20, 9, 0, tzinfo=zone("Europe/Rome"))
    texts = [
        "Mercoledì 1 aprile va bene, ma alle 10 ho un impegno. Facciamo alle 10.30?",
        "El miércoles 1 de abril me va, pero a las 10 tengo clase. ¿Te va a las 10:30?",
        "Mercredi 1er avril me va, mais à 10 h j'ai un rendez-vous. On dit 10 h 30 ?",
        "Quarta, 1 de abril, pode ser, mas às 10h tenho um compromisso. Pode ser às 10h30?",
    ]
    assert _found(texts, ref, "Europe/Rome") == [["2037-04-01T10:30:00+02:00"]] * 4


def test_a_zone_said_of_a_whole_list_of_times() -> None:
    """ "three lunchtimes, all in Perth time:" and "te lo pongo directamente en hora vuestra:" put the list under
    them in that zone; "These are Reykjavik time, which is UTC" names one clock twice."""
    ref = datetime(2036, 3, 6, 9, 0, tzinfo=zone("UTC+11"))
    texts = [
        "I'll throw three lunchtimes at you, all in Perth time:\n\nMon 17 March 11:30am\nWed 19 March 12:00pm",
        "Te lo pongo directamente en hora vuestra:\n\n- lunes 17/03 a las 15:00\n- miércoles 19/03 a las 16:30",
        "I can offer Tuesday 11 March at 15:00 or Thursday 13 March at 14:00.\n\nThese are Reykjavik time, which "
        "is the same as UTC all year.",
    ]
    assert _found(texts, ref, "Australia/Perth") == [
        ["2036-03-17T11:30:00+08:00", "2036-03-19T12:00:00+08:00"],
        ["2036-03-17T15:00:00+08:00", "2036-03-19T16:30:00+08:00"],
        ["2036-03-11T15:00:00+00:00", "2036-03-13T14:00:00+00:00"],
    ]


def test_times_listed_one_after_another_share_your_time_after_the_last() -> None:
    """ "Friday 26 October or Monday 29 October at 4pm, both London time ... 8am and then 9am your time" restates
    the two options; it adds none."""
    ref = datetime(2035, 10, 20, 9, 0, tzinfo=zone("UTC+1"))
    text = ("Could we do Friday 26 October at 4pm or Monday 29 October at 4pm? Both London time. Our clocks change "
            "on the 28th, so the Monday one lands an hour later for you than the Friday one - 8am and then 9am your "
            "time.")
    assert _found([text], ref, "America/Los_Angeles") == [["2035-10-26T16:00:00+01:00", "2035-10-29T16:00:00+00:00"]]


def test_an_hour_after_a_comma_and_not_is_given_up() -> None:
    """ "Friday March 7 at 8:00 or Tuesday March 11 at 9:00 ... lands at 13:00 for you, not 14:00" offers two."""
    ref = datetime(2036, 3, 3, 9, 0, tzinfo=zone("America/Toronto"))
    text = ("Two alternatives: Friday March 7 at 8:00, or Tuesday March 11 at 9:00, both Montreal time. We spring "
            "forward on the 9th, so the second one lands at 13:00 for you, not 14:00.")
    assert _found([text], ref, "Africa/Dakar") == [["2036-03-07T08:00:00-05:00", "2036-03-11T09:00:00-04:00"]]


def test_a_terse_no_that_opens_the_reply() -> None:
    """ "Not available. Thanks" and "Pass, sorry - swamped." decline; "Not available Tuesday, but Thursday at 2pm
    works" does not."""
    got = [classify_message(_mail(body + QUOTE)).to_json()["intent"] for body in (
        "Not available. Thanks", "Pass, sorry - swamped.", "Not available Tuesday, but Thursday at 2pm works.")]
    assert got == ["declined", "declined", "accepted"]


def test_would_be_opening_a_question_is_no_conversion() -> None:
    """ "Seria possível segunda, 23 de agosto, às 11h ou terça, 24 de agosto, às 15h30?" offers both; "ce sera midi à
    São Paulo" still restates."""
    ref = datetime(2038, 8, 18, 12, 0, tzinfo=zone("America/Santiago"))
    texts = [
        "Seria possível segunda-feira, 23 de agosto, às 11h ou terça-feira, 24 de agosto, às 15h30 (hora do Chile)?",
        "Le mardi 24 août à 10 h (heure de Montréal) vous conviendrait? Ce sera midi à São Paulo.",
    ]
    assert _found(texts, ref, "America/Santiago") == [
        ["2038-08-23T11:00:00-04:00", "2038-08-24T15:30:00-04:00"], ["2038-08-24T10:00:00-04:00"]]


def test_quarter_hours_in_french_words_and_the_same_day() -> None:
    """ "mardi 14 septembre à dix heures et quart ... Sinon, le même jour à 16h30" offers 10:15 and 16:30 that day;
    "à onze heures moins le quart" is 10:45."""
    ref = datetime(2038, 9, 6, 9, 0, tzinfo=zone("Europe/Paris"))
    texts = [
        "Je vous propose mardi 14 septembre à dix heures et quart, heure de Paris. Sinon, le même jour à 16h30.",
        "Mardi 14 septembre à onze heures moins le quart ?",
    ]
    assert _found(texts, ref, "Europe/Paris") == [
        ["2038-09-14T10:15:00+02:00", "2038-09-14T16:30:00+02:00"], ["2038-09-14T10:45:00+02:00"]]


def test_a_time_given_up_and_its_restatement_in_brackets() -> None:
    """ "10:30 AM IST instead of 11:30 AM IST (your 2pm)" is 10:30 only: the bracket restates the hour given up."""
    ref = datetime(2038, 9, 1, 9, 0, tzinfo=zone("UTC+5:30"))
    texts = ["Wednesday the 8th works. So 10:30 AM IST instead of 11:30 AM IST (your 2pm)."]
    assert _found(texts, ref, "Asia/Singapore") == [["2038-09-08T10:30:00+05:30"]]


def test_a_day_kept_free_is_not_the_one_taken() -> None:
    """ "Either works, so let's say the Thursday one and keep Tuesday free for my staff meeting" takes Thursday."""
    quoted = "> Would Tuesday 9 February at 10:00 or Thursday 11 February at 15:00 (Eastern) work?"
    ref = datetime(2027, 2, 4, 10, 0, tzinfo=zone("America/New_York"))
    body = "Either works for me, so let's say the Thursday one and keep Tuesday free for my staff meeting."
    assert named_proposal(body, quoted, ref, zone("America/New_York"), [date(2027, 2, 9), date(2027, 2, 11)]) == \
        datetime(2027, 2, 11, 15, 0, tzinfo=zone("America/New_York"))


def test_a_slot_of_yours_is_on_the_user_s_clock() -> None:
    """ "That Thursday 2:00 slot of yours works just fine, that'll be 1:00 here" is 2:00 on the user's clock."""
    ref = datetime(2031, 2, 21, 9, 0, tzinfo=zone("UTC-6"))
    texts = ["That Thursday 2:00 slot of yours works just fine, that'll be 1:00 here in Nashville."]
    assert _found(texts, ref, "America/New_York") == [["2031-02-27T14:00:00-05:00"]]


def test_the_same_time_on_a_day_after_it_and_a_rank_beside_a_busy_aside() -> None:
    """ "10:30 Central on Tuesday Feb 8 - or if that's no good, the same time on Wednesday the 9th" offers both;
    "Your first slot works for me - 9 AM here, before the floor gets busy" picks the first slot."""
    ref = datetime(2039, 1, 20, 9, 0, tzinfo=zone("UTC-6"))
    text = "Let's push out: 10:30 Central on Tuesday Feb 8 - or if that's no good, the same time on Wednesday the 9th."
    assert _found([text], ref, "Europe/London") == [["2039-02-08T10:30:00-06:00", "2039-02-09T10:30:00-06:00"]]
    quoted = "> Would Tuesday 8 February at 15:00 or Thursday 10 February at 11:00 (UK time) suit?"
    body = "Your first slot works for me - 3 PM your time is 9 AM here, before the floor gets busy."
    assert ordinal_proposal(body, quoted, ref, zone("Europe/London")) == \
        datetime(2039, 2, 8, 15, 0, tzinfo=zone("Europe/London"))


def test_german_weekly_and_restatements_before_a_time() -> None:
    """ "um halb elf hab ich noch unser Weekly – können wir auf Viertel vor elf?" gives 10:45; "bei Ihnen wäre das
    15:00 Uhr" and "(para ti las 14:00)" restate the time just given."""
    texts = [
        "Donnerstag geht, aber um halb elf hab ich noch unser Weekly – können wir auf Viertel vor elf rutschen?",
        "Donnerstag, 27. Januar, 9:00 Uhr meiner Zeit in Detroit, bei Ihnen wäre das 15:00 Uhr.",
        "Podría el jueves 27 de enero a las 10:00, horário de Brasília (para ti las 14:00).",
    ]
    refs = (datetime(2039, 1, 21, 9, 0, tzinfo=zone(z)) for z in ("UTC+1", "UTC-5", "UTC-3"))
    assert [_found([t], r, "Europe/Berlin")[0] for t, r in zip(texts, refs, strict=True)] == [
        ["2039-01-27T10:45:00+01:00"], ["2039-01-27T09:00:00-05:00"], ["2039-01-27T10:00:00-03:00"]]


def test_someone_copied_for_the_record_is_no_referral() -> None:
    """A no with a colleague on copy "for our records" (or "damit die Anfrage abgelegt wird") is a decline; "I've
    cc'd Jo, who knows this far better than I do" still points on."""
    cc = "Cc: Jo Park <jo.park@firm.example>\n"
    got = [classify_message(_mail(body + QUOTE, headers=cc)).to_json()["intent"] for body in (
        "I'm afraid I have to decline: our policy doesn't allow these calls. I've copied Jo for our records.",
        "Leider muss ich absagen. Frau Park steht in Kopie, damit die Anfrage bei uns sauber abgelegt wird.",
        "I'm afraid I can't help, but I've cc'd Jo, who knows this far better than I do.",
    )]
    assert got == ["declined", "declined", "referral"]


def test_a_pointer_to_someone_by_phone_only() -> None:
    """ "I'm the wrong person, but you should call Marcus - his cell is 555 0172", "no soy la persona indicada ...
    márcale al +52 ..." and "Non sono la persona giusta: le consiglio di telefonare all'ufficio del prof. Rinaldi"
    point on with no address to record (the rules' reading, before the second opinion weighs it)."""
    got = [classify_message(_mail(body + QUOTE), second_opinion=False).to_json() for body in (
        "Honestly I'm the wrong person, but you should call Marcus Bell. His cell is (213) 555-0172.",
        "No soy la persona indicada, pero mi cuñada Lupita sabe mucho. Márcale al +52 55 5555 0123.",
        "Non sono la persona giusta. Le consiglio di telefonare all'ufficio del prof. Rinaldi: 011 000 0487.",
    )]
    assert [(o["intent"], o["referrals"]) for o in got] == [("referral", [])] * 3


def test_a_no_said_of_a_condition_is_no_decline() -> None:
    """ "are you job hunting or building something? if it's a pitch I'll pass" asks; "I'll pass" alone declines."""
    got = [classify_message(_mail(body + QUOTE)).to_json()["intent"] for body in (
        "what's the angle here - are you job hunting or building something? if it's a pitch for a pilot I'll pass.",
        "Thanks, but I'll pass. Good luck!",
    )]
    assert got == ["question", "declined"]


def test_an_engagement_right_after_an_hour_and_ten_past_in_german() -> None:
    """ "a las cinco menos cuarto, que a las seis tengo un grupo" is 16:45 only; "um zehn nach drei" is 15:10;
    "om 10 uur heb ik nog een gaatje" and "at 3pm I have a free slot" keep their hour."""
    ref = datetime(2039, 9, 28, 9, 0, tzinfo=zone("Europe/Paris"))
    texts = [
        "El lunes 3 sí: a las cinco menos cuarto de la tarde, que a las seis tengo un grupo. ¿Te vale?",
        "Wie wäre es mit Mittwoch, dem 12.10., um zehn nach drei?",
        "Maandag 3 oktober om 10 uur heb ik nog een gaatje van een half uur.",
        "Monday the 3rd at 3pm I have a free slot.",
    ]
    assert _found(texts, ref, "Europe/Paris") == [
        ["2039-10-03T16:45:00+02:00"], ["2039-10-12T15:10:00+02:00"], ["2039-10-03T10:00:00+02:00"],
        ["2039-10-03T15:00:00+02:00"]]


def test_an_hour_spent_in_traffic_is_turned_down() -> None:
    """ "quarta 17h eu tô no trânsito, mas às 3 da tarde consigo" gives 15:00; "at 5 I'm stuck in traffic, but 3pm
    works" gives 3pm."""
    ref = datetime(2031, 8, 8, 9, 0, tzinfo=zone("America/Sao_Paulo"))
    texts = ["Quarta 13/8 17h eu tô no trânsito voltando da agência, mas às 3 da tarde consigo.",
             "Wednesday 13/8 at 5 I'm stuck in traffic, but 3pm works."]
    assert _found(texts, ref, "America/Sao_Paulo") == [["2031-08-13T15:00:00-03:00"], ["2031-08-13T15:00:00-03:00"]]


def test_a_standard_time_name_from_a_sender_on_standard_time() -> None:
    """ "1pm AEST" from Brisbane (+10:00) while Sydney keeps summer time is 13:00+10:00 for a user in Sydney;
    "6:30pm ET" from Chicago (-05:00 in October) stays Eastern daylight time."""
    brisbane = datetime(2027, 10, 4, 12, 0, tzinfo=zone("UTC+10"))
    chicago = datetime(2032, 10, 19, 17, 50, tzinfo=zone("UTC-5"))
    assert [
        _found(["Thursday works: let's lock in 1pm AEST."], brisbane, "Australia/Sydney")[0],
        _found(["Wednesday the 27th at 6:30pm ET works."], chicago, "America/New_York")[0],
    ] == [["2027-10-07T13:00:00+10:00"], ["2032-10-27T18:30:00-04:00"]]


def test_a_morning_hour_said_as_morning_is_never_the_afternoon() -> None:
    """ "el viernes 13 a las 4 de la madrugada" is 04:00 and "Friday 13th at 6 in the morning" 06:00; "Friday 13th at
    4" stays 16:00."""
    ref = datetime(2037, 3, 5, 9, 0, tzinfo=zone("Europe/Madrid"))
    texts = ["El viernes 13 a las 4 de la madrugada.", "Friday 13th at 6 in the morning.", "Friday 13th at 4."]
    assert _found(texts, ref, "Europe/Madrid") == [
        ["2037-03-13T04:00:00+01:00"], ["2037-03-13T06:00:00+01:00"], ["2037-03-13T16:00:00+01:00"]]


def test_the_day_said_as_the_reserve_is_not_the_one_a_later_time_takes() -> None:
    """ "Friday is my first choice, Thursday at a push. 16:30 your time..." is Friday at 16:30; "Freitag wäre mir
    am liebsten, notfalls Donnerstag. 16:30 Uhr?" too; with no reserve, the last day named carries on."""
    ref = datetime(2037, 3, 5, 9, 0, tzinfo=zone("Europe/Madrid"))
    texts = ["Friday is my first choice, Thursday at a push. 16:30 your time works.",
             "Freitag wäre mir am liebsten, notfalls Donnerstag. 16:30 Uhr?",
             "Friday is fine, and Thursday too. 16:30 your time works."]
    assert _found(texts, ref, "Europe/Madrid") == [
        ["2037-03-06T16:30:00+01:00"], ["2037-03-06T16:30:00+01:00"], ["2037-03-05T16:30:00+01:00"]]


def test_a_conversion_in_the_next_sentence_settles_my_time_across_a_clock_change() -> None:
    """A sender whose clock read as the user's before the change (Regina, -06:00 all year) gives "10:00 my time"
    and then "that will be 11:00 in Chicago": 11:00 Chicago daylight time; a conversion that agrees changes
    nothing, and so does one an hour off with the sender's zone named."""
    ref = datetime(2036, 3, 6, 7, 30, tzinfo=zone("America/Chicago"))
    texts = ["Let's go with Thursday, March 20 at 10:00 my time. We don't change our clocks, so once you've "
             "moved yours that will be 11:00 in Chicago.",
             "Let's go with Thursday, March 20 at 10:00 my time. That will be 10:00 in Chicago too.",
             "Let's go with Thursday, March 20 at 10:00 Eastern. I think that will be 10:00 in Chicago."]
    assert _found(texts, ref, "America/Chicago") == [
        ["2036-03-20T11:00:00-05:00"], ["2036-03-20T10:00:00-05:00"], ["2036-03-20T10:00:00-04:00"]]


def test_quarter_hours_in_italian_and_portuguese_words() -> None:
    """ "alle tre meno un quarto" is 14:45, "alle dieci e un quarto" 10:15, "às três e um quarto" 15:15 and "ao
    meio-dia e um quarto" 12:15."""
    ref = datetime(2040, 9, 21, 9, 15, tzinfo=zone("Europe/Rome"))
    texts = ["Mercoledì 26 alle tre meno un quarto va benissimo.", "Giovedì 27 alle dieci e un quarto?",
             "Na quarta, dia 26, às três e um quarto.", "Quarta, dia 26, ao meio-dia e um quarto."]
    assert _found(texts, ref, "Europe/Rome") == [
        ["2040-09-26T14:45:00+02:00"], ["2040-09-27T10:15:00+02:00"], ["2040-09-26T15:15:00+02:00"],
        ["2040-09-26T12:15:00+02:00"]]


def test_the_users_slot_restated_and_moved_is_the_moved_time() -> None:
    """ "Your Monday 3pm lands at 9am Tuesday for me ... I'd push it half an hour later: 9.30am NZ time" from
    Auckland is 9:30 on Tuesday in Auckland alone: the restatement takes the day right after it, the slot it moves
    is gone."""
    raw = (
        f"From: Tama Ngata <tama@firm.example>\nTo: {USER}\nDate: Wed, 03 Feb 2027 10:00:00 +1300\n"
        "Subject: Re: 20 minutes?\nIn-Reply-To: <sam-1@example.edu>\nContent-Type: text/plain; charset=utf-8\n\n"
        "Kia ora Sam, happy to help. Your Monday 3pm lands at 9am Tuesday for me, which mostly suits. I'd push it\n"
        "half an hour later though: 9.30am NZ time Tuesday 9 February, so I can drop the kids at school first.\n\n"
        "On Tue, Feb 2, 2027 at 9:00 AM Sam Rivera <sam.rivera@example.edu> wrote:\n"
        "> Would Monday, February 8 at 3:00 PM ET or Tuesday, February 9 at 4:00 PM ET work?\n"
    ).encode()
    out = classify_message(raw, user_tz="America/New_York").to_json()
    assert (out["intent"], (out["meeting"] or {}).get("start"), out["proposed_times"]) == (
        "accepted", "2027-02-09T09:30:00+13:00", [])


def test_a_conversion_naming_the_day_and_zone_before_its_bracketed_hour() -> None:
    """ "How about Tuesday at 4pm Pacific? That would be Wednesday morning your time (10am, I believe)" is one
    time: the bracket restates it on the user's clock."""
    ref = datetime(2040, 3, 8, 9, 0, tzinfo=zone("UTC-8"))
    texts = ["Your Tuesday 9am falls on my Monday night, sadly, but how about Tuesday at 4pm Pacific? That would be "
             "Wednesday morning your time (10am, I believe)."]
    assert _found(texts, ref, "Australia/Melbourne") == [["2040-03-13T16:00:00-07:00"]]


def test_brazilian_colloquial_no_and_conversion_for_you() -> None:
    """ "A sexta não rola (11h de vocês são 7h aqui), mas segunda dá: às 11h hora de Brasília, que dá 15h pra
    você" is Monday 11:00 in Brasília alone: "não rola" turns Friday down and "que dá ... pra você" restates."""
    ref = datetime(2040, 9, 12, 9, 0, tzinfo=zone("UTC-3"))
    texts = ["A sexta não rola (11h de vocês são 7h aqui), mas a segunda dá: segunda, 17, às 11h hora de Brasília, "
             "que dá 15h pra você."]
    assert _found(texts, ref, "Europe/Lisbon") == [["2040-09-17T11:00:00-03:00"]]


def test_south_east_asian_israeli_and_turkish_zone_names() -> None:
    """ "ICT" (Indochina), "MYT", "WITA", "TRT" and "IDT" name their zones, so a time in one of them keeps it when
    the user's zone is named later for a time turned down ("Sorry, I can't do 10 SGT")."""
    ref = datetime(2051, 5, 3, 9, 0, tzinfo=zone("UTC+8"))
    texts = ["Monday 8 May at 10:00 ICT works. Sorry, I can't do 10 SGT, that's our stand-up.",
             "Tuesday 9 May, 3pm MYT?", "Tuesday 9 May at 9.30 WITA.", "Tuesday 9 May at 14:00 TRT.",
             "Tuesday 9 May at 14:00 IDT."]
    assert _found(texts, ref, "Asia/Singapore") == [
        ["2051-05-08T10:00:00+07:00"], ["2051-05-09T15:00:00+08:00"], ["2051-05-09T09:30:00+08:00"],
        ["2051-05-09T14:00:00+03:00"], ["2051-05-09T14:00:00+03:00"]]


def test_the_day_the_clocks_change_is_no_meeting_day() -> None:
    """ "Friday 3 November suits me. Our clocks fall back on 5 November, so 9:00 your time is 8:00 for me" meets on
    Friday: the day the clocks change is said to explain the hours (also "die Zeitumstellung ist am 29. Oktober")."""
    ref = datetime(2051, 10, 20, 9, 0, tzinfo=zone("America/New_York"))
    texts = ["Friday 3 November suits me. Our clocks fall back on 5 November, so 9:00 your time is 8:00 for me.",
             "Donnerstag, 26. Oktober passt. Die Zeitumstellung ist am 29. Oktober, also um 15 Uhr Ihrer Zeit."]
    assert _found(texts, ref, "Europe/Berlin") == [["2051-11-03T09:00:00+01:00"], ["2051-10-26T15:00:00+02:00"]]


def test_your_time_said_to_more_than_one() -> None:
    """ "17h de vocês", "a las 17 para ustedes", "um 17 Uhr bei euch" and "om 17 uur voor jullie" are the user's clock,
    the way "your time" is; the sender's restatement after it ("que acá son las 12") is the same instant."""
    ref = datetime(2051, 5, 8, 9, 0, tzinfo=zone("UTC-3"))
    texts = ["Na quinta, dia 11, pode ser às 17h de vocês, que aqui em Salvador são 12h.",
             "El jueves 11 a las 17 para ustedes, que acá en Buenos Aires son las 12.",
             "Donnerstag, 11. Mai, um 17 Uhr bei euch.", "Donderdag 11 mei om 17 uur voor jullie."]
    assert _found(texts, ref, "Europe/Madrid") == [["2051-05-11T17:00:00+02:00"]] * 4


def test_the_users_clock_said_before_the_hour_restates_the_time() -> None:
    """ "às 9h hora de Lisboa, que para si são as 10h", "a las 9 hora de Lisboa, que para usted son las 10" and "9am
    Lisbon time, which for you is 10am" give one instant: the hour after "for you is" is the user's clock."""
    ref = datetime(2053, 10, 10, 9, 0, tzinfo=zone("UTC+1"))
    texts = ["Quinta, dia 16, às 9h hora de Lisboa, que para si são as 10h.",
             "El jueves 16 a las 9 hora de Lisboa, que para usted son las 10.",
             "Thursday the 16th at 9am Lisbon time, which for you is 10am."]
    assert _found(texts, ref, "Europe/Rome") == [["2053-10-16T09:00:00+01:00"]] * 3


def test_your_time_written_short_is_the_users_clock() -> None:
    """ "6pm yr time" and "6pm ur time", the phone shorthand of "your time", are the user's clock."""
    ref = datetime(2049, 3, 15, 9, 0, tzinfo=zone("UTC+8"))
    texts = ["Thursday 18 March at 6pm yr time works.", "Thu 18 March 6pm ur time ok?"]
    assert _found(texts, ref, "Australia/Melbourne") == [["2049-03-18T18:00:00+11:00"]] * 2


def test_a_dutch_hour_that_sadly_does_not_work_is_turned_down() -> None:
    """ "Dinsdag om 10 uur lukt helaas niet ... Om half elf ben ik wel vrij": the hour that "lukt helaas niet" is
    turned down and half past ten is the offer."""
    ref = datetime(2054, 10, 14, 9, 0, tzinfo=zone("UTC+2"))
    texts = ["Dinsdag 20 oktober om 9 uur lukt me jammer genoeg niet, ik heb dan overleg. Om half tien ben ik vrij."]
    assert _found(texts, ref, "Europe/Amsterdam") == [["2054-10-20T09:30:00+02:00"]]


def test_a_time_that_would_have_suited_is_no_proposal() -> None:
    """ "Your Thursday 2pm would have been ideal, too", "el jueves a las 14 h habría sido perfecto" and "Donnerstag
    um 14 Uhr wäre ideal gewesen" are what might have been; "Thursday at 2pm would be ideal" is a proposal."""
    ref = datetime(2037, 3, 2, 9, 0, tzinfo=zone("America/New_York"))
    texts = ["I'm going to say no, sorry. Your Thursday 2pm would have been ideal, too.",
             "Lo siento, no puedo. El jueves a las 14 h habría sido perfecto.",
             "Leider nein. Donnerstag um 14 Uhr wäre ideal gewesen.",
             "Thursday at 2pm would be ideal."]
    assert _found(texts, ref, "America/New_York") == [[], [], [], ["2037-03-05T14:00:00-05:00"]]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Happy to, but not before Easter: can you try me after that?", "2027-03-29"),  # Easter Sunday: 28 March
        ("Melden Sie sich bitte nach Ostermontag wieder.", "2027-03-30"),
        ("Could you reach back out post-Thanksgiving?", "2027-11-26"),
        ("Ping me again after US Thanksgiving, things calm down then.", "2027-11-26"),
        ("Mi riscriva dopo Ognissanti e ne parliamo.", "2027-11-02"),
        ("Ahora estoy a tope; escríbeme después de Navidad.", "2027-12-26"),
        ("Écrivez-moi après les vacances de la Toussaint.", None),  # school holidays: no rule gives their end
        ("It's manic until after the Christmas break, so could you get back to me then?", None),
        # of several, the last said with "after": the others are what is impossible, or the window to meet in
        ("Before Christmas is hopeless; please write again after Epiphany.", "2028-01-07"),
        ("Vor Ostern wird das nichts, melden Sie sich bitte nach Ostermontag wieder.", "2027-03-30"),
        ("Escríbeme después de Semana Santa y buscamos un hueco antes de Navidad.", "2027-03-29"),
    ],
)
def test_a_later_names_the_day_after_a_holiday(text: str, want: str | None) -> None:
    """A "later" that puts off the call until after a holiday whose date is a rule resumes the day after it."""
    out = classify_message(_mail(text + QUOTE)).to_json()
    assert (out["intent"], out["resume_after"]) == ("later", want)


def test_a_holiday_in_an_automatic_reply_or_a_yes_names_no_restart_day() -> None:
    """An out-of-office "back after Easter" names no return day of its own, and "even after Easter" in a yes is no
    delay."""
    ooo = _mail("I'm out of the office and back after Easter.", headers="Auto-Submitted: auto-replied\n")
    yes = _mail("Gladly! Pick any slot here, even after Easter: https://calendly.example/pat-lee/30min" + QUOTE)
    outs = [classify_message(raw).to_json() for raw in (ooo, yes)]
    assert [(o["intent"], o["resume_after"]) for o in outs] == [("auto_reply", None), ("accepted", None)]


def test_an_hour_asked_about_near_the_slot_just_given_is_on_its_day() -> None:
    """ "El jueves 28 a mediodía me pilla saliendo de una demo. ¿Lo movemos a las 12:30?" is Thursday 12:30;
    "Friday at 9 mostly works ... could we push it to 9:30 your time?" Friday 9:30; "Could you send the agenda by
    1?" moves nothing, and an hour far from the one given takes no day."""
    ref = datetime(2041, 2, 20, 9, 0, tzinfo=zone("Europe/Madrid"))
    texts = ["El jueves 28 a mediodía me pilla saliendo de una demo. ¿Lo movemos media hora, a las 12:30?",
             "Friday the 22nd at 9 mostly works, but I have a call before it. Could we push it to 9:30 your time?",
             "Friday the 22nd at 9 works. Could you send the agenda by 10?",
             "Friday the 22nd at 9 works. Or could we do it at 17:00?"]
    assert _found(texts, ref, "Europe/Madrid") == [
        ["2041-02-28T12:30:00+01:00"], ["2041-02-22T09:30:00+01:00"], ["2041-02-22T09:00:00+01:00"],
        ["2041-02-22T09:00:00+01:00"]]


def test_minutes_before_and_after_the_hour_in_words() -> None:
    """ "à quatre heures moins dix" is 15:50, "a las doce menos diez" 11:50, "alle cinque meno venti" 16:40, "à
    quatre heures dix" 16:10 and "a las once y veinte" 11:20."""
    ref = datetime(2041, 2, 20, 9, 0, tzinfo=zone("Europe/Madrid"))
    texts = ["Mardi 5 mars à quatre heures moins dix ?", "El martes 5 a las doce menos diez.",
             "Martedì 5 alle cinque meno venti?", "Mardi 5 mars à quatre heures dix.",
             "El martes 5 a las once y veinte."]
    assert _found(texts, ref, "Europe/Madrid") == [
        ["2041-03-05T15:50:00+01:00"], ["2041-03-05T11:50:00+01:00"], ["2041-03-05T16:40:00+01:00"],
        ["2041-03-05T16:10:00+01:00"], ["2041-03-05T11:20:00+01:00"]]


@pytest.mark.parametrize(
    ("text", "sent", "user_zone", "want"),
    [
        # the short American "p", after "do", on the day of the slot it replaces, in Arizona's zone
        ("Your Tuesday 3:00 is 1:00 here in Phoenix. I have a standup till 1:15, so can we do 1:30p Arizona time "
         "instead?", "2041-03-04T11:12:00-07:00", "America/Chicago", ["2041-03-12T13:30:00-07:00"]),
        # a 24-hour time without its colon before a region's name
        ("I'm in a brief until noon. Make it 1330 Mountain on Monday the 18th.", "2041-03-02T06:12:00-07:00",
         "America/Chicago", ["2041-03-18T13:30:00-06:00"]),
        # "your 2pm is my 3pm" gives the sender's offset on that day; "3:30 mine" is read on it
        ("Your Tuesday 2pm is my 3pm, which clashes with a review. Could we do 3:30 mine instead?",
         "2041-03-08T10:14:00-05:00", "America/Chicago", ["2041-03-19T15:30:00-04:00"]),
        # "here" after the time outweighs "your" before it
        ("Thursday evening your time is 2.30pm here, a perfect post-lunch slot.", "2041-10-05T11:32:00+05:30",
         "Asia/Singapore", ["2041-10-10T14:30:00+05:30"]),
        # "here in New York" is New York's time; the Sunday of another part of the sentence is not the day
        ("Thursday works for me. By my math that's 10am here in New York, since our clocks change this Sunday.",
         "2035-11-02T11:30:00-04:00", "Europe/Amsterdam", ["2035-11-08T10:00:00-05:00"]),
        ("I propose Wednesday March 13 at 10:00 hrs Monterrey time.", "2041-03-06T09:31:00-06:00", "America/Chicago",
         ["2041-03-13T10:00:00-06:00"]),
        ("tomorrow at a quarter till 2 work? my time, central.", "2041-03-06T09:00:00-06:00", "America/Chicago",
         ["2041-03-07T13:45:00-06:00"]),
        ("Wednesday at 2 works though. Could we make it quarter past 2?", "2041-09-17T21:05:00-06:00",
         "America/Denver", ["2041-09-25T14:15:00-06:00"]),
        ("Donderdag om half vijf red ik net niet, maar om kwart voor vijf zit ik klaar.", "2041-03-01T10:00:00+01:00",
         "Europe/Madrid", ["2041-03-07T16:45:00+01:00"]),
    ],
)
def test_the_users_slot_restated_on_the_senders_clock_and_moved(
    text: str, sent: str, user_zone: str, want: list[str]
) -> None:
    """Replies that restate the user's slot on their own clock and move it, in the forms people write."""
    ref = datetime.fromisoformat(sent)
    proposed = [datetime.fromisoformat(want[0]).date()]  # the user's quoted slot is on the day agreed
    assert [t.isoformat() for t in find_times(text, ref, zone(user_zone), proposed).times] == want


def test_a_rank_said_with_a_weekdays_name_is_no_day() -> None:
    """ "Tu segunda opción ... cae a las nueve y media hora de Lima: quedamos el jueves 7" is Thursday (Spanish
    "segunda" is a rank, not Portuguese Monday); "na segunda às 10h" is still Monday."""
    ref = datetime(2041, 3, 1, 8, 12, tzinfo=zone("UTC-5"))
    texts = ["Tu segunda opción, en mi caso, cae a las nueve y media de la mañana hora de Lima, así que perfecto: "
             "quedamos el jueves 7 de marzo.", "Pode ser na segunda às 10h?"]
    assert _found(texts, ref, "Europe/Madrid") == [["2041-03-07T09:30:00-05:00"], ["2041-03-04T10:00:00-05:00"]]


def test_a_place_after_de_names_the_times_zone() -> None:
    """ "el miércoles 27 a las 16.30 h de Madrid, que para mí son las 9:30 hora de México" is 16:30 in Madrid;
    "jeudi 28 à 17:00 de Paris" 17:00 in Paris."""
    ref = datetime(2041, 2, 19, 8, 41, tzinfo=zone("UTC-6"))
    texts = ["Me late el miércoles 27 a las 16.30 h de Madrid, que para mí son las 9:30 de la mañana hora de México.",
             "Ce serait jeudi 28 à 17:00 de Paris."]
    assert _found(texts, ref, "Europe/Madrid") == [["2041-02-27T16:30:00+01:00"], ["2041-02-28T17:00:00+01:00"]]


def test_a_note_to_a_colleague_with_the_users_initial_is_misaddressed() -> None:
    """ "Sara, questa la gestisci tu? ... rispondile gentilmente di no." to Sofía is a note for a colleague, not a
    no; "Sofi, lo siento, no puedo" is to the user."""
    sofia = 'To: "Sofía Hernández" <sofia.hernandez@example.es>\n'
    notes = ["Sara, questa la gestisci tu? Io non ho proprio tempo, altrimenti rispondile gentilmente di no.",
             "Sofi, lo siento mucho, pero no puedo: estoy a tope todo el mes."]
    outs = [classify_message(_mail(n + QUOTE).replace(f"To: {USER}\n".encode(), sofia.encode())).to_json()
            for n in notes]
    assert [o["intent"] for o in outs] == ["unknown", "declined"]


def test_a_time_offered_in_place_of_the_ones_before_is_the_proposal() -> None:
    """ "Your Monday 1300 Central is 1200 here, and I'm in a brief until noon. Make it 1330 Mountain on Monday the
    18th." is 13:30 Mountain alone, and so is "El martes a las 11:00 tiene comité, pero le propongo el martes 19 a
    las doce menos diez" 11:50; "Te propongo el jueves 17 a las 8:00; si no, el viernes 18 a las 11:00" offers both,
    and "I make it 8:30am" is a conversion, not an offer."""
    ref = datetime(2041, 3, 2, 6, 12, tzinfo=zone("UTC-7"))
    texts = ["Your Monday 1300 Central is 1200 here, and I'm in a brief until noon. Make it 1330 Mountain on Monday "
             "the 18th.",
             "El martes 19 a las 11:00 tiene comité, pero me pide que le proponga el martes 19 a las doce menos diez.",
             "Te propongo el jueves 21 a las 8:00; si no te queda bien, el viernes 22 a las 11:00 también me sirve.",
             "I could do Tuesday 19 March at 4:30pm Mountain. Please check what that comes to for you: I make it "
             "5:30pm."]
    assert _found(texts, ref, "America/Chicago") == [
        ["2041-03-18T13:30:00-06:00"], ["2041-03-19T11:50:00-07:00"],
        ["2041-03-21T08:00:00-07:00", "2041-03-22T11:00:00-07:00"], ["2041-03-19T16:30:00-06:00"]]


def test_more_slot_moves_and_restatements_in_romance_languages() -> None:
    """ "a las seis de la tarde tu hora" is the user's 18:00, and "la diferencia es de 5 horas y no de 6" no time;
    "proponho às dez e meia, hora de Lisboa" after the user's slot is on its day; "Ton lundi 28 à 15h" is the
    user's hour."""
    ref = datetime(2041, 3, 7, 15, 32, tzinfo=zone("UTC-5"))
    texts = ["El miércoles 13 a las seis de la tarde tu hora me funciona. Ojo que este domingo cambiamos la hora "
             "aquí, así que la diferencia con Madrid es de 5 horas y no de 6.",
             "Terça-feira dia 12 às 11h dá-me jeito, mas às 11h tenho uma reunião, por isso proponho às dez e meia, "
             "hora de Lisboa.",
             "Ton mardi 12 à 15h, ça me tombe à 10h heure du Québec."]
    assert _found(texts, ref, "Europe/Madrid") == [
        ["2041-03-13T18:00:00+01:00"], ["2041-03-12T10:30:00+00:00"], ["2041-03-12T15:00:00+01:00"]]


def test_terse_replies_written_in_short_forms() -> None:
    """ "Wed ok but not 9, market open. After lunch say 2." is Wednesday 14:00; "Fri ok but make it 3pm HKT not
    2.30" Friday 15:00 in Hong Kong; "Fri noon-ish." Friday noon; "1430 Darwin time Wed 4 April instead?" 14:30 in
    Darwin."""
    ref = datetime(2041, 10, 1, 7, 48, tzinfo=zone("UTC+8"))
    texts = ["Wed ok but not 9, market open. After lunch say 2.", "Fri ok but make it 3pm HKT not 2.30.",
             "Fri noon-ish. I'll call you.", "9am your time is a bit tight. 1430 Darwin time Wed 9 October instead?"]
    assert _found(texts, ref, "Asia/Singapore") == [
        ["2041-10-02T14:00:00+08:00"], ["2041-10-04T15:00:00+08:00"], ["2041-10-04T12:00:00+08:00"],
        ["2041-10-09T14:30:00+09:30"]]


@pytest.mark.parametrize(
    "body",
    [
        "Antes de nada: ¿esto tiene que ver con el proceso de selección que tenemos abierto? Si es así, no puedo "
        "tener conversaciones informales con candidatos.",
        "Eén vraagje vooraf: gaat het om de vacature die we net hebben uitgezet? In dat geval kan ik niet zomaar "
        "met je afspreken.",
        "Quick question first: has this got anything to do with the analyst role we posted? If so, I can't meet "
        "candidates outside the process.",
    ],
)
def test_a_no_that_holds_only_if_the_question_is_answered_yes_is_a_question(body: str) -> None:
    """A question whether the request is about an open position, with a no that holds only "if so", waits on the
    user's answer: a question, not a decline."""
    out = classify_message(_mail(body + QUOTE)).to_json()
    assert (out["intent"], out["confidence"] < 0.6) == ("question", True)


def test_an_hour_offered_in_place_takes_the_day_of_the_slot_it_moves() -> None:
    """ "16u bij jullie is 10u hier en dan heb ik overleg. Maak er 9u mijn tijd van" is 9:00 that day; "10 PM is
    brutal for you, so let's pull it an hour earlier: Thursday at 9 PM PH time" is 21:00 in Manila alone."""
    ref = datetime(2031, 10, 14, 9, 0, tzinfo=zone("UTC-4"))
    texts = ["Maandag 20 okt is goed maar 16u bij jullie is 10u hier en dan heb ik havenoverleg. Maak er 9u mijn "
             "tijd van, dat is 15u bij jou.",
             "Your Monday slot is close, but 10 PM is brutal for you, so let's pull it an hour earlier: Monday, "
             "Oct 20 at 9 PM PH time, which is 9 AM for me."]
    assert _found(texts, ref, "Asia/Manila") == [["2031-10-20T09:00:00-04:00"], ["2031-10-20T21:00:00+08:00"]]


def test_an_hour_said_first_as_circumstance_then_asked_about_is_the_proposal() -> None:
    """ "Am Dienstag um 15 Uhr sitze ich bis kurz vor halb vier im Jour fixe. Wäre Dienstag, 7.10., 15:30 Uhr Ihrer
    Zeit in Ordnung?" is 15:30 alone, and so is "Tuesday at 3 is tight, my review runs to about 3:30. Would Tuesday
    at 3:30 work instead?"; "15 h 30 heure italienne" is 15:30 in Rome (its "30 heure" is no hour)."""
    ref = datetime(2042, 10, 1, 8, 34, tzinfo=zone("UTC+2"))
    texts = ["Am Dienstag um 15 Uhr sitze ich allerdings bis kurz vor halb vier im Jour fixe. Wäre Dienstag, 07.10., "
             "15:30 Uhr Ihrer Zeit für Sie in Ordnung?",
             "Tuesday at 3 is tight, my review runs to about 3:30. Would Tuesday at 3:30 work instead?",
             "La première me convient : mardi à 15 h 30 heure italienne, donc 9 h 30 heure du Québec."]
    assert _found(texts, ref, "Europe/Rome") == [
        ["2042-10-07T15:30:00+02:00"], ["2042-10-07T15:30:00+02:00"], ["2042-10-07T15:30:00+02:00"]]


def test_dutch_minutes_the_gulf_and_plural_possessives() -> None:
    """ "Kan het dinsdag om tien voor vier, uw tijd? Ik heb om half elf hier een harde stop" is 15:50 on the user's
    clock (the hard stop is no option); "1400hrs Gulf time" is Dubai's; "As suas 15h são as minhas 9h ... fica a
    primeira: terça-feira, 30" is the user's 15:00."""
    ref = datetime(2042, 3, 10, 7, 37, tzinfo=zone("UTC-5"))
    texts = ["Uw 15.00 uur is hier in Houston 9.00 uur, en dat is te vroeg. Kan het dinsdag om tien voor vier, uw "
             "tijd? Ik heb om half elf hier een harde stop.",
             "He is available on Monday, 17 March 2042 at 1400hrs Gulf time.",
             "As suas 15h são as minhas 9h, perfeito, fica a primeira: terça-feira, 11."]
    assert _found(texts, ref, "Europe/Amsterdam") == [
        ["2042-03-11T15:50:00+01:00"], ["2042-03-17T14:00:00+04:00"], ["2042-03-11T15:00:00+01:00"]]


@pytest.mark.parametrize(
    "body",
    [
        "Désolé, pas dispo en ce moment et pas avant longtemps. Bonne chance !",
        "Sorry, I'm not free now and not any time soon either. Good luck!",
        "Lo siento, no tengo hueco ahora y no por un buen tiempo. ¡Suerte!",
    ],
)
def test_not_for_a_long_time_is_no_later(body: str) -> None:
    """ "pas avant longtemps", "not any time soon", "no por un buen tiempo": a busy period with no end is a no,
    never a later the daemon would write again after."""
    assert classify_message(_mail(body + QUOTE)).to_json()["intent"] == "declined"


def test_austrian_quarters_and_an_hour_still_in_another_meeting() -> None:
    """ "Ginge Mittwoch, der 30., um dreiviertel vier?" is 15:45 (Austrian), "um viertel vier" 15:15; "mas às 16h30
    – às 16h ainda estou em outra reunião" offers 16:30 alone."""
    ref = datetime(2043, 9, 18, 13, 22, tzinfo=zone("UTC+2"))
    texts = ["Am Donnerstag um 4 hab ich Teammeeting. Ginge bei dir Mittwoch, der 30., um dreiviertel vier?",
             "Mittwoch, der 30., um viertel vier?",
             "Confirmado para quarta, 30/9, mas às 16h30 – às 16h ainda estou em outra reunião."]
    assert _found(texts, ref, "Europe/Vienna") == [
        ["2043-09-30T15:45:00+02:00"], ["2043-09-30T15:15:00+02:00"], ["2043-09-30T16:30:00+02:00"]]


def test_a_restatement_at_our_place_in_brackets_is_no_second_time() -> None:
    """ "donderdag 2 april om 10.00 uur uw tijd (bij ons is het dan 15.00 uur, want dan is het hier al zomertijd)" is
    the user's 10:00 alone."""
    ref = datetime(2043, 3, 6, 11, 30, tzinfo=zone("UTC+1"))
    texts = ["Prima, donderdag 2 april om 10.00 uur uw tijd (bij ons is het dan 15.00 uur, want dan is het hier al "
             "zomertijd)."]
    assert _found(texts, ref, "America/Argentina/Buenos_Aires") == [["2043-04-02T10:00:00-03:00"]]


def test_a_time_offered_later_in_a_question_outweighs_the_one_before_it() -> None:
    """ "Neither of yours are great tho (5am for me lol) so how's Thu 15 Oct 8am AEDT?" offers 8:00 alone; "Would
    Thursday at 8 or Friday at 9 work?" still offers both."""
    ref = datetime(2043, 10, 7, 6, 51, tzinfo=zone("UTC+11"))
    texts = ["Yep can do. Neither of yours are great tho (5am Thu 15 Oct for me lol) so how's Thu 15 Oct 8am AEDT?",
             "Would Thursday 15 Oct at 8am or Friday 16 Oct at 9am work?"]
    assert _found(texts, ref, "America/Los_Angeles") == [
        ["2043-10-15T08:00:00+11:00"], ["2043-10-15T08:00:00+11:00", "2043-10-16T09:00:00+11:00"]]


def test_an_hour_taken_by_the_senders_own_engagement_or_too_tight_is_turned_down() -> None:
    """ "2pm Wednesday is our weekly design review" and "half elf wordt krap" turn those hours down, "clashes"
    words in the plural too ("conflicts with"), so the other hour offered is the time."""
    ref = datetime(2044, 5, 9, 8, 0, tzinfo=zone("UTC-4"))
    texts = ["2pm on Wednesday is our weekly design review, sorry. Thursday 12 May at 3pm ET works though.",
             "Thursday 10am conflicts with a site visit; Friday 13 May at 11am ET is open.",
             "Donderdag 12 mei kan, alleen 10.30 uur wordt krap. Zullen we om kwart voor elf afspreken?"]
    assert _found(texts, ref, "America/New_York") == [
        ["2044-05-12T15:00:00-04:00"], ["2044-05-13T11:00:00-04:00"], ["2044-05-12T10:45:00-04:00"]]


def test_how_long_a_free_spell_lasts_is_not_the_time() -> None:
    """ "el lunes a las 9 tengo la mañana libre hasta las 12" offers 9:00: the end of a free spell is no second
    time, and a free morning after "tengo" is no engagement."""
    ref = datetime(2044, 5, 4, 8, 0, tzinfo=zone("UTC+2"))
    texts = ["Me va bien el lunes 9 de mayo: a las 9 tengo la mañana libre hasta las 12.",
             "Maandag 9 mei om 14.00 uur ben ik vrij tot 16.00 uur."]
    assert _found(texts, ref, "Europe/Madrid") == [["2044-05-09T09:00:00+02:00"], ["2044-05-09T14:00:00+02:00"]]


def test_one_time_on_a_day_or_another_after_it_offers_both() -> None:
    """ "10:30 AM your time on Monday 16 May or on Wednesday 18 May" offers the hour on both days; "at 4pm on
    Monday 16 May or Tuesday 17 May at 9am" keeps each day's own hour."""
    ref = datetime(2044, 5, 9, 8, 0, tzinfo=zone("UTC+10"))
    texts = ["Happy to help. I could do 10:30 AM your time on Monday 16 May or on Wednesday 18 May.",
             "I could do 4pm AEST on Monday 16 May or Tuesday 17 May at 9am AEST."]
    assert _found(texts, ref, "Australia/Sydney") == [
        ["2044-05-16T10:30:00+10:00", "2044-05-18T10:30:00+10:00"],
        ["2044-05-16T16:00:00+10:00", "2044-05-17T09:00:00+10:00"]]


def test_italian_your_and_opening_hours_in_a_signature_are_no_times() -> None:
    """ "Martedì mi va, alle 16 nostre (le tue 15)": "tue" there is "your", not Tuesday the 15th; "(bureau ouvert
    7h-15h)" under a signature is standing hours."""
    ref = datetime(2044, 10, 3, 8, 0, tzinfo=zone("UTC+2"))
    texts = ["Martedì mi va benissimo, alle 16 nostre (le tue 15, giusto?).",
             "Vendredi 7 octobre à 11h, c'est parfait.\n\nBruno\n(bureau ouvert 7h-15h)"]
    assert _found(texts, ref, "Europe/London") == [["2044-10-04T16:00:00+02:00"], ["2044-10-07T11:00:00+02:00"]]


def test_a_preferred_rank_beside_an_acceptable_one_is_the_pick() -> None:
    """ "Prefiero la primera; si no, también me sirve la segunda" picks the first slot; naming both ranks without a
    preference ("la primera o la segunda, me da igual") picks none."""
    quoted = "> ¿Le vendría bien el lunes 16 de mayo a las 10:00 o el martes 17 de mayo a las 12:00?"
    ref = datetime(2044, 5, 9, 9, 0, tzinfo=zone("UTC+2"))
    user = zone("Europe/Madrid")
    picks = [ordinal_proposal(text, quoted, ref, user) for text in (
        "Prefiero la primera; si no, también me sirve la segunda.",
        "La primera o la segunda, me da igual.")]
    assert [p and p.isoformat() for p in picks] == ["2044-05-16T10:00:00+02:00", None]


def test_short_weekdays_rough_hours_and_hours_put_aside() -> None:
    """ "Weds at 4pm ET", "el viernes 13 hacia las cinco", "a partir das 15h30 (e não 15h)" and "9am BST, which
    ought to be 6pm for you" each give one time."""
    ref = datetime(2044, 5, 9, 9, 0, tzinfo=zone("UTC-4"))
    texts = ["Weds at 4pm ET is good for me.",
             "El viernes 13, hacia las cinco de la tarde hora de Nueva York, ¿te va?",
             "A sexta-feira, dia 13, dá, mas só a partir das 15h30 (e não 15h), hora de Nova Iorque.",
             "Let's say Thursday 12 May at 9am BST, which ought to be 6pm for you."]
    assert _found(texts, ref, "Asia/Tokyo") == [
        ["2044-05-11T16:00:00-04:00"], ["2044-05-13T17:00:00-04:00"], ["2044-05-13T15:30:00-04:00"],
        ["2044-05-12T09:00:00+01:00"]]


@pytest.mark.parametrize(
    "body",
    [
        "Honestly I won't have time for a call, this month or next. Send me two or three questions by email instead.",
        "Je n'aurai pas le temps pour un échange, ni ce mois-ci ni le suivant. Envoie-moi plutôt tes questions.",
        "Non avrò tempo per una telefonata, né questo mese né il prossimo. Mandami pure le domande per email.",
    ],
)
def test_no_time_for_a_call_ahead_is_a_decline(body: str) -> None:
    """ "I won't have time for a call", "je n'aurai pas le temps", "non avrò tempo": a no said in the future tense."""
    assert classify_message(_mail(body + QUOTE), second_opinion=False).to_json()["intent"] == "declined"


@pytest.mark.parametrize(
    "body",
    [
        "Writing for Ms Okafor, who is travelling: for this it's best that you call Tunde Bello, our CFO, on "
        "020 7946 0411.",
        "En nombre del Sr. Vidal: lo mejor es que llame usted directamente a Nuria Sala, jefa de compras, al "
        "932 000 111.",
        "Pour ce sujet, le mieux est d'appeler directement Hélène Roux, notre DSI, au 04 72 00 00 00.",
        "Der beste Ansprechpartner dafür ist Herr Brandt, unser Einkaufsleiter, erreichbar unter 040 123456.",
        "Para isso o melhor é ligar diretamente para a Inês Faria, a nossa diretora financeira, no 21 000 0000.",
    ],
)
def test_sent_on_to_someone_by_phone_is_a_referral(body: str) -> None:
    """ "it's best that you call X directly", "le mieux est d'appeler directement X", "X ... erreichbar unter": the
    user is pointed to someone with no address to record."""
    out = classify_message(_mail(body + QUOTE), second_opinion=False).to_json()
    assert (out["intent"], out["referrals"]) == ("referral", [])


def test_a_note_greeting_someone_with_a_macron_is_misaddressed() -> None:
    """ "Tāne - do we know this person? ..." greets a colleague, not the user: no question to answer."""
    body = "Tāne - do we know this person? Seems fine but I'd like to check before replying. Ex-Fonterra?"
    out = classify_message(_mail(body + QUOTE, headers=""), user_tz="Pacific/Auckland").to_json()
    assert (out["intent"], out["confidence"]) == ("unknown", 0.4)


def test_a_weekly_meeting_and_an_hour_after_a_month_day_are_read_for_what_they_are() -> None:
    """ "wie immer donnerstags um 10 Uhr" is a standing meeting, not the deadline day before it at 10; "Tuesday 8th
    Nov 4 PM GMT or Thursday 10th Nov 9:30 AM GMT" offers both (the 4 is an hour, not 4 November); "a las once
    tengo el comité" turns eleven down."""
    ref = datetime(2044, 11, 1, 9, 0, tzinfo=zone("UTC+1"))
    texts = ["Bitte bis Freitag, 4. November, Rückmeldung geben. Nächster Termin wie immer donnerstags um 10 Uhr.",
             "Either Tuesday 8th Nov 4 PM GMT or Thursday 10th Nov 9:30 AM GMT suits me.",
             "El martes 8 me va, pero mejor a las once y media, que a las once tengo el comité de dirección."]
    assert _found(texts, ref, "Europe/Berlin") == [
        [], ["2044-11-08T16:00:00+00:00", "2044-11-10T09:30:00+00:00"], ["2044-11-08T11:30:00+01:00"]]


@pytest.mark.parametrize(
    "body",
    [
        "Oh you've already met at the summit? Perfect, I'll take myself off the thread then. Enjoy the chat!",
        "Vous vous êtes déjà croisés ? Parfait, je me retire de la boucle. Belle discussion à vous deux !",
        "¿Ya os conocíais de la feria? Genial, entonces me quito de la copia. ¡Suerte!",
        "Jullie hebben elkaar al gesproken? Top, dan haal ik mezelf uit de cc. Succes!",
    ],
)
def test_the_introducer_stepping_out_of_the_thread_is_no_answer(body: str) -> None:
    """ "I'll take myself off the thread", "je me retire de la boucle", "haal ik mezelf uit de cc": the introducer
    leaving, never an unsubscribe or a question."""
    out = classify_message(_mail(body + QUOTE), second_opinion=False).to_json()
    assert (out["intent"], out["confidence"]) == ("unknown", 0.4)


def test_a_part_of_the_day_before_your_time_a_t_hour_and_hours_that_are_not_the_call() -> None:
    """ "às onze e meia da manhã no seu horário" is the user's clock; "Thursday 10h00 Eastern" is a time, not the
    10th; "je dois partir vers 16h" is when they leave, so "Si on commençait à 15h15" is the time; "erst um 11 Uhr
    aus einem Termin ... also 10:30 Ihrer Zeit (11:30 bei mir)" is one instant."""
    ref = datetime(2044, 5, 2, 9, 0, tzinfo=zone("UTC+1"))
    texts = ["Pode ser na quinta, dia 5, às onze e meia da manhã no seu horário.",
             "Neither slot works. Is Thursday 10h00 Eastern ok? For you I think it is 11h00.",
             "Jeudi 5 mai me va, mais je dois partir vers 16h pour un rendez-vous. Si on commençait à 15h15 ?",
             "Donnerstag, 5. Mai, geht, aber ich komme erst um 11 Uhr aus einem Termin. Eine halbe Stunde früher "
             "ginge, also 10:30 Ihrer Zeit (11:30 bei mir in Wien)?"]
    assert _found(texts, ref, "Europe/Lisbon") == [
        ["2044-05-05T11:30:00+01:00"], ["2044-05-05T10:00:00-04:00"], ["2044-05-05T15:15:00+01:00"],
        ["2044-05-05T10:30:00+01:00"]]


def test_an_attribution_however_it_opens_starts_the_quote() -> None:
    """ "En martes, 3 de mayo de 2044, 9:00:00 CEST, Sam Rivera <sam.rivera@example.edu> escribió:" starts the
    quote, so the user's own times below it are not the reply's."""
    body = ("Yo de eso sé poco, pero llama a mi compañero Iker al 600 000 000 y dile que vas de mi parte.\n\n"
            "En martes, 3 de mayo de 2044, 9:00:00 CEST, Sam Rivera <sam.rivera@example.edu> escribió:\n\n"
            "¿Tendría 20 minutos el jueves 5 de mayo a las 10:00 o el viernes 6 a las 12:00?\n")
    out = classify_message(_mail(body), user_tz="Europe/Madrid", second_opinion=False).to_json()
    assert (out["intent"], out["proposed_times"], out["meeting"]) == ("referral", [], None)


@pytest.mark.parametrize(
    "body",
    [
        "Este mes voy fatal. Escríbeme después de Reyes y lo miramos con calma.",
        "Now's impossible, I'm deep in the merger. Once the deal is done let's talk properly.",
        "Estou enterrada no fecho do trimestre. Quando acabar o fecho falamos com calma, combinado?",
        "Je suis sous l'eau avec le salon. Quand il sera terminé, on en parle, promis.",
        "Gerade ist Messe-Endspurt. Sobald die Messe vorbei ist, telefonieren wir gern.",
    ],
)
def test_talk_once_something_ends_is_a_later(body: str) -> None:
    """ "Escríbeme después de ..." (written with its accent), "once the deal is done let's talk", "quando acabar o
    fecho falamos", "quand il sera terminé, on en parle": write again after, not a no or a question."""
    assert classify_message(_mail(body + QUOTE), second_opinion=False).to_json()["intent"] == "later"


@pytest.mark.parametrize(
    "body",
    [
        "Je ne m'occupe plus de ça. Appelez-la de ma part au 01 00 00 00 00, c'est elle qui pilote le produit.",
        "Não sou eu a pessoa certa para isto. Ligue-lhe para o 220 000 000 e diga que fui eu que o mandei.",
    ],
)
def test_call_them_for_me_by_phone_is_a_referral(body: str) -> None:
    """ "Appelez-la de ma part", "Ligue-lhe para o ...": pointed on to someone by phone (no address to record)."""
    out = classify_message(_mail(body + QUOTE), second_opinion=False).to_json()
    assert (out["intent"], out["referrals"]) == ("referral", [])


@pytest.mark.parametrize(
    ("body", "want"),
    [
        # a holiday over the busy month before it
        ("Im März bin ich komplett ausgebucht. Melden Sie sich doch nach Ostern noch einmal.", "2027-03-29"),
        # a calendar week after "ab", not the busy one after "in"
        ("In KW 12 bin ich auf Dienstreise. Ab KW 20 habe ich wieder Luft, schreiben Sie mir dann.", "2027-05-17"),
        ("Ahora imposible. Escríbeme después de Reyes y lo vemos.", "2028-01-07"),
        ("Agora estou atolada. Me escreve depois de Finados que a gente marca.", "2027-11-03"),
        ("Swamped until St Patrick's Day - ping me after that?", "2027-03-18"),
        # a season later than the holiday
        ("We're heads-down until Christmas. Could you write again early next year?", "2028-01-01"),
        # a day named as such over the holiday
        ("Away for Easter. Please write again after Easter, from Monday 12 April on.", "2027-04-12"),
    ],
)
def test_the_restart_a_later_names(body: str, want: str) -> None:
    """A day named as such first; else the later of a holiday ("nach Ostern", "después de Reyes", "depois de Finados",
    "after St Patrick's Day") and a month or season; a calendar week after "ab" is its Monday."""
    out = classify_message(_mail(body + QUOTE), second_opinion=False).to_json()
    assert (out["intent"], out["resume_after"]) == ("later", want)


def test_a_day_named_after_all_the_users_times_are_turned_down_picks_none() -> None:
    """ "Your times won't work this week, but Tuesday afternoons are usually calm" and "ninguna de las dos opciones
    me va; el martes por la tarde suele estar tranquilo" pick no slot of the user's; "Tuesday works" still does."""
    quoted = "> Would Tuesday 9 March at 2pm or Thursday 11 March at 10am work?"
    ref = datetime(2027, 3, 4, 9, 0, tzinfo=zone("UTC+0"))
    days = [date(2027, 3, 9), date(2027, 3, 11)]
    user = zone("Europe/London")
    picks = [named_proposal(text, quoted, ref, user, days) for text in (
        "Your times won't work this week, but Tuesday afternoons are usually calm, just ring me.",
        "Ninguna de las dos opciones me va; el martes por la tarde suele estar tranquilo, llámame.",
        "Tuesday works for me.")]
    assert [p and p.isoformat() for p in picks] == [None, None, "2027-03-09T14:00:00+00:00"]


def test_noon_when_a_meeting_ends_your_time_after_a_verb_and_a_conversion_to_you() -> None:
    """ "je sors d'une réunion à midi pile" is no offer of noon; "om 11.00 uur uw tijd zit ik nog in een overleg. Kan
    het om kwart over elf, uw tijd?" is 11:15 on the user's clock; "9h à mon heure ... Ça te ferait 15h" is one time."""
    ref = datetime(2045, 10, 16, 9, 0, tzinfo=zone("UTC+2"))
    texts = ["Jeudi 19 ça marche, mais plutôt à 12h30, je sors d'une réunion à midi pile.",
             "Donderdag 19 oktober is goed, alleen zit ik om 11.00 uur uw tijd nog in een overleg. "
             "Kan het om kwart over elf, uw tijd?",
             "Est-ce que jeudi le 19 à 9h à mon heure pourrait marcher? Ça te ferait 15h à Lisbonne."]
    assert _found(texts, ref, "Europe/Lisbon") == [
        ["2045-10-19T12:30:00+02:00"], ["2045-10-19T11:15:00+01:00"], ["2045-10-19T09:00:00+02:00"]]


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("Jetzt kennt ihr euch ja. Ich nehme mich jetzt aus dem Verteiler, viel Erfolg euch beiden!", "unknown"),
        ("Bitte nehmen Sie mich aus Ihrem Verteiler, ich möchte keine weiteren Mails.", "unsubscribe"),
        ("Ik ben niet de juiste persoon. Bel gerust eens naar Joris, hij doet ons product: 010 000 00 00.",
         "referral"),
        ("I must decline, sorry. I'm copying Priya, who takes care of my diary, only so she stops holding the slot.",
         "declined"),
    ],
)
def test_who_is_stepping_out_pointed_to_or_only_copied(body: str, want: str) -> None:
    """The introducer taking themself off the list is no unsubscribe (a request to be taken off still is); "bel
    gerust eens naar X" points on; the keeper of the sender's diary, copied, is no referral."""
    copied = "Cc: Priya Shah <priya.shah@firm.example>\n" if "Priya" in body else ""
    out = classify_message(_mail(body + QUOTE, headers=copied), second_opinion=False).to_json()
    assert out["intent"] == want


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("Ciao Sam, martedì 31 ottobre alle 15 va benissimo, ci sentiamo su Meet.", "2028-10-31T15:00:00+01:00"),
        ("Hallo Sam, Dienstag, 31. Oktober, um 15 Uhr passt mir gut, ich rufe Sie an.", "2028-10-31T15:00:00+01:00"),
        # the same offset says nothing of the rule an English writer lives by
        ("Hi Sam, Tuesday 31 October at 3pm works well, I'll call you.", "2028-10-31T15:00:00+02:00"),
    ],
)
def test_a_continental_reply_sent_at_central_european_time_keeps_its_rule(body: str, want: str) -> None:
    """Sent from +0200 on 25 October, "martedì 31 ottobre alle 15" is after the clocks go back: +0100."""
    raw = (f"From: Pat Lee <pat.lee@firm.example>\nTo: {USER}\nDate: Wed, 25 Oct 2028 10:00:00 +0200\n"
           "Subject: Re: 20 minutes?\nIn-Reply-To: <sam-1@example.edu>\nContent-Type: text/plain; charset=utf-8\n\n"
           f"{body}\n").encode()
    out = classify_message(raw, second_opinion=False).to_json()
    assert (out["intent"], out["meeting"]["start"]) == ("accepted", want)


def test_an_hour_said_of_the_evening_is_past_noon() -> None:
    """ "quarter to nine Thursday evening", "at 8 in the evening", "um 9 Uhr abends" are 20:45, 20:00 and 21:00; a
    bare "at 8" stays the morning."""
    ref = datetime(2044, 10, 31, 10, 0, tzinfo=zone("UTC-7"))
    texts = ["Quarter to nine Thursday evening my time would be perfect.", "Thursday 3 Nov at 8 in the evening works.",
             "Ginge Donnerstag, 3.11., um 9 Uhr abends?", "Thursday 3 Nov at 8 works."]
    assert _found(texts, ref, "Asia/Tokyo") == [
        ["2044-11-03T20:45:00-07:00"], ["2044-11-03T20:00:00-07:00"], ["2044-11-03T21:00:00-07:00"],
        ["2044-11-03T08:00:00-07:00"]]


def test_answers_written_between_the_quotes_paragraphs_are_the_reply() -> None:
    """A reply that answers inside the quote ("Replies inline below.", then a paragraph of its own between two of
    the quote's) is read from those paragraphs; a line a client wrapped out of the quote is not one."""
    from outreach.classify.quotes import split_reply

    inline = ("Hi Sam,\n\nReplies inline below.\n\nOn Tue, 2 Feb 2027 at 09:00, Sam Rivera <sam@example.edu> wrote:\n"
              "> Would Thursday 11 February at 10am suit you,\n\nThursday at 10 is perfect.\n\n"
              "> or Friday 12 February at 2pm?\n\nFriday I'm travelling.\n\nBest,\nPat\n")
    wrapped = ("Sounds good.\n\nOn Tue, 2 Feb 2027 at 09:00, Sam Rivera <sam@example.edu> wrote:\n"
               "> Would Thursday 11 February at 10am suit you, or Friday\n12 February at 2pm?\n> Thanks, Sam\n")
    assert (split_reply(inline).body, split_reply(wrapped).body) == (
        "Hi Sam,\n\nReplies inline below.\n\n\nThursday at 10 is perfect.\n\n\nFriday I'm travelling.",
        "Sounds good.")


def test_my_time_with_its_place_in_brackets_and_hours_of_difference() -> None:
    """ "jeudi 3 novembre à 9 h 30, mon heure (Montréal)" is Montréal's clock; "cinq heures de décalage" is a length
    of time, not 5:00; "Ça devrait te donner 14 h 30 à Luxembourg" restates the time."""
    ref = datetime(2044, 10, 19, 11, 41, tzinfo=zone("UTC"))
    texts = ["Je pourrais le jeudi 3 novembre à 9 h 30, mon heure (Montréal). Nous ne reculons l'heure que le "
             "6 novembre, donc on n'a que cinq heures de décalage. Ça devrait te donner 14 h 30 à Luxembourg."]
    assert _found(texts, ref, "Europe/Luxembourg") == [["2044-11-03T09:30:00-04:00"]]


def test_day_then_dash_then_time_lists_and_more_restatements() -> None:
    """ "Wed, May 9 – 10:00 am" lists a time on 9 May (not a range from 9 to 10); "ore 15, ora italiana (da voi
    dovrebbero essere le 8)" and "1pm NZ time ... I make that 9:30am for you" restate; "nudge your Thursday 2pm back
    to 2:15 (your time)" is 2:15."""
    ref = datetime(2046, 5, 2, 9, 0, tzinfo=zone("UTC-4"))
    texts = ["A couple of options, all Eastern:\n\nWed, May 9 – 10:00 am\nFri, May 11 – 2:30 pm\n\nPick one.",
             "Potrei giovedì 10 maggio ore 15, ora italiana (da voi dovrebbero essere le 9 del mattino).",
             "Could we do Thursday 10 May at 1pm NZ time? I make that 9pm for you.",
             "Could we nudge your Thursday 10 May 2pm back to 2:15 (your time)? My meeting runs late."]
    assert _found(texts, ref, "America/New_York") == [
        ["2046-05-09T10:00:00-04:00", "2046-05-11T14:30:00-04:00"], ["2046-05-10T15:00:00+02:00"],
        ["2046-05-10T13:00:00+12:00"], ["2046-05-10T14:15:00-04:00"]]


def test_noon_less_a_quarter_an_hour_preferred_against_and_a_relative_no() -> None:
    """ "disons à midi moins le quart" is 11:45; "liever om half elf (uw tijd) dan om tien uur" offers 10:30 alone;
    "Your Thursday slot is 7am here, which clashes with the school run" turns that hour down."""
    ref = datetime(2046, 3, 2, 9, 0, tzinfo=zone("UTC-5"))
    texts = ["Jeudi 8 mars ça marche, mais disons à midi moins le quart ?",
             "Donderdag 8 maart kan ik, alleen liever om half elf (uw tijd) dan om tien uur.",
             "Your Thursday 8 March slot is 7am here, which clashes with the school run. Could you do 9am Eastern that "
             "same day instead?"]
    assert _found(texts, ref, "America/Toronto") == [
        ["2046-03-08T11:45:00-05:00"], ["2046-03-08T10:30:00-05:00"], ["2046-03-08T09:00:00-05:00"]]


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("I'm travelling and can't make either date. Kindly reach me after the 15th and we'll fix something.",
         ("later", 0.8)),
        ("Out on the rig, no signal. Drop me a line from the 19th and I'm happy to chat.", ("later", 0.8)),
        ("Que bom ver vocês dois em contacto! Deixo vocês à vontade para combinarem.", ("unknown", 0.4)),
        ("¡Qué bien que ya estéis en contacto! Os dejo que lo habléis entre vosotros.", ("unknown", 0.4)),
        ("Ravi de vous avoir mis en relation, je vous laisse caler ça ensemble.", ("unknown", 0.4)),
    ],
)
def test_write_me_from_a_day_and_an_introducer_leaving_the_two_to_it(body: str, want: tuple[str, float]) -> None:
    """ "reach me after the 15th", "drop me a line from the 19th" ask to be written to later; "Deixo vocês à
    vontade", "os dejo que lo habléis", "je vous laisse caler ça" are the introducer stepping back (its unknown)."""
    out = classify_message(_mail(body + QUOTE), second_opinion=False).to_json()
    assert (out["intent"], out["confidence"]) == want


def test_your_hour_restated_on_the_senders_clock_in_other_languages() -> None:
    """ "Ihre 15 Uhr griechischer Zeit sind bei mir hier in Köln 14 Uhr", "las 12:00 tuyas son las 11:00 aquí en
    Sevilla", "alle 9 sue, cioè le 8 qui a Torino" and "venerdì alle 11 ora di Atene" are each the user's one time."""
    ref = datetime(2046, 3, 5, 9, 0, tzinfo=zone("UTC+1"))
    texts = ["Donnerstag passt. Ihre 15 Uhr griechischer Zeit sind bei mir hier in Köln 14 Uhr.",
             "El jueves 8 me viene bien; las 12:00 tuyas son las 11:00 aquí en Sevilla.",
             "Giovedì 8 va benissimo. Alle 9 sue, cioè le 8 qui a Torino.",
             "Va bene venerdì 9 alle 11 ora di Atene."]
    assert _found(texts, ref, "Europe/Athens") == [
        ["2046-03-08T15:00:00+02:00"], ["2046-03-08T12:00:00+02:00"], ["2046-03-08T09:00:00+02:00"],
        ["2046-03-09T11:00:00+02:00"]]


def test_my_time_across_a_change_the_senders_conversion_settles() -> None:
    """Sent at +0200 on 23 October, "Monday 5 November at 10:00 my time? That would be 13:00 for you" (Dubai) is
    09:00 UTC: the sender's clock, which read +0200, goes back on the 28th; their conversion says which instant."""
    ref = datetime(2046, 10, 23, 11, 30, tzinfo=zone("UTC+2"))
    texts = ["How about Monday 5 November at 10:00 my time? That would be 13:00 for you."]
    assert _found(texts, ref, "Asia/Dubai") == [["2046-11-05T13:00:00+04:00"]]


def test_a_corresponding_hour_and_your_time_after_the_hour_set_aside() -> None:
    """ "martedì 3/4, ore 16 ora italiana, che dovrebbero corrispondere alle 11 in Cile" is 16:00 in Italy alone;
    "à dix heures et quart plutôt qu'à dix heures, votre heure ?" is 10:15 on the user's clock."""
    ref = datetime(2046, 3, 21, 11, 10, tzinfo=zone("UTC+1"))
    texts = ["Potremmo sentirci martedì 3/4, ore 16 ora italiana, che dovrebbero corrispondere alle 11 in Cile.",
             "Mardi 27 mars me conviendrait, mais pourrions-nous commencer à dix heures et quart plutôt qu'à dix "
             "heures, votre heure ?"]
    assert _found(texts, ref, "America/Santiago") == [["2046-04-03T16:00:00+02:00"], ["2046-03-27T10:15:00-03:00"]]


def test_a_german_day_of_the_month_with_its_dot() -> None:
    """ "Der 14. um 11 Uhr Ihrer Zeit passt mir" is the 14th at 11:00, and "Den Dienstag lassen wir weg" leaves that
    day out; "der 3. Versuch" names no day."""
    ref = datetime(2046, 3, 6, 9, 0, tzinfo=zone("UTC+1"))
    texts = ["Der 14. um 11 Uhr Ihrer Zeit passt mir gut. Den Dienstag lassen wir bitte weg.",
             "Das ist der 3. Versuch, Sie zu erreichen."]
    assert _found(texts, ref, "Europe/Athens") == [["2046-03-14T11:00:00+02:00"], []]


def test_an_engagement_until_an_hour_and_a_council_left_at_it() -> None:
    """ "liever om kwart over tien dan om tien uur – ik heb tot tien uur een overleg" offers 10:15 alone; "à 15h15
    plutôt qu'à 15h (il sort d'un conseil à 15h)" is 15:15."""
    ref = datetime(2047, 10, 11, 9, 0, tzinfo=zone("UTC+2"))
    texts = ["Dinsdag 15 oktober kan ik, alleen liever om kwart over tien dan om tien uur – ik heb tot tien uur een "
             "overleg.",
             "Il vous propose le mercredi 16 octobre, à 15h15 plutôt qu'à 15h (il sort d'un conseil à 15h)."]
    assert _found(texts, ref, "Europe/Paris") == [["2047-10-15T10:15:00+02:00"], ["2047-10-16T15:15:00+02:00"]]


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("Is this for a podcast or an article? I won't be quoted anywhere. If it's a private chat, fine, but tell me "
         "first.", ("question", 0.85)),
        ("Are you with a competitor now? I need to know a bit more before we talk.", ("question", 0.85)),
        ("Io non posso, mi spiace. Però chiama il mio collega Marco Neri al 02 000 0000, digli che ti mando io.",
         ("referral", 0.55)),
        ("Por ahora no tomo reuniones de este tipo; copio a Laura, mi asistente, solo para que quede registro.",
         ("declined", 0.85)),
    ],
)
def test_a_condition_asked_first_a_colleague_to_call_and_a_copy_for_the_record(
    body: str, want: tuple[str, float]
) -> None:
    """ "tell me first", "I need to know before we talk" ask before agreeing; "chiama il mio collega ..., digli che ti
    mando io" points on by phone; an assistant copied "para que quede registro" is no referral."""
    copied = "Cc: Laura Gómez <laura.gomez@firm.example>\n" if "Laura" in body else ""
    out = classify_message(_mail(body + QUOTE, headers=copied), second_opinion=False).to_json()
    assert (out["intent"], out["confidence"]) == want


def test_your_time_said_of_a_whole_list_with_always() -> None:
    """ "martedì 27 ore 14 oppure mercoledì 28 alle 10:30, sempre vostro orario" are both on the user's clock."""
    ref = datetime(2046, 3, 22, 12, 40, tzinfo=zone("UTC+1"))
    texts = ["Posso martedì 27 ore 14 oppure mercoledì 28 alle 10:30, sempre vostro orario: scelga lei."]
    assert _found(texts, ref, "America/Toronto") == [["2046-03-27T14:00:00-04:00", "2046-03-28T10:30:00-04:00"]]


def test_a_week_from_a_day_and_the_proposed_hour_said_again() -> None:
    """ "a week from Monday, 4:00 Mountain" is Monday week; "I propose Wednesday 11 March, 17:00 CET ... our clocks
    change only on 29 March. 17:00 CET therefore corresponds to 9:00 PDT" proposes one time, not another on the
    29th."""
    ref = datetime(2048, 3, 6, 9, 0, tzinfo=zone("UTC+1"))
    texts = ["Could we do a week from Monday, 4:00 Mountain?",
             "I propose Wednesday, 11 March 2048, 17:00 CET. Your clocks change on 8 March, ours only on 29 March. "
             "17:00 CET therefore corresponds to 9:00 PDT, not 08:00."]
    assert _found(texts, ref, "America/Los_Angeles") == [["2048-03-16T16:00:00-06:00"], ["2048-03-11T17:00:00+01:00"]]


def test_a_restatement_with_a_day_and_a_comma_before_its_hour() -> None:
    """ "How about Friday, Oct 23, 7:00 AM PHT? That should be Thursday evening, 6 PM on your side." is one time."""
    ref = datetime(2048, 10, 15, 9, 40, tzinfo=zone("UTC+8"))
    texts = ["How about Friday, Oct 23, 7:00 AM PHT? That should be Thursday evening, 6 PM on your side."]
    assert _found(texts, ref, "America/Chicago") == [["2048-10-23T07:00:00+08:00"]]


def test_a_deadline_before_a_day_in_italian_picks_no_slot() -> None:
    """ "fammi sapere se torna tutto prima di giovedì" sets a deadline; it picks no Thursday slot of the user's."""
    quoted = "> Le andrebbe bene giovedì 8 ottobre alle 10:00 o venerdì 9 alle 15:00?"
    ref = datetime(2048, 10, 6, 17, 0, tzinfo=zone("UTC+2"))
    days = [date(2048, 10, 8), date(2048, 10, 9)]
    picked = named_proposal("Ecco il file con i numeri, fammi sapere se torna tutto prima di giovedì.", quoted, ref,
                            zone("Europe/Madrid"), days)
    assert picked is None
