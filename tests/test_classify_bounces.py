"""Delivery failures recognised by structure: DSN action words, list-mirrored notices, null senders,
gateway notices outside any thread, Sieve rejects, and the person who says "it bounced".

Every message here is written for the test (no copy of a corpus or of flufl.bounce's data);
bench/bench_external_bounces.py measures the same rules on flufl.bounce's 117 real notices.
"""

from __future__ import annotations

from typing import Any

import pytest

from outreach.classify import classify_message
from outreach.classify.bounces import Bounce, find_bounce
from outreach.classify.mime import body_texts, read_mail
from tests.helpers import delivery_report_body

USER = "Dana Kim <dana.kim@example.org>"
ORIGINAL = "From: Dana Kim <dana.kim@example.org>\nTo: sam@far.example\nSubject: chat\n\nCoffee next week?\n"
PERSON = {"accepted", "declined", "referral", "later", "question"}


def _raw(headers: str, body: str, content_type: str = "text/plain; charset=utf-8") -> bytes:
    head = f"To: {USER}\nDate: Wed, 21 Oct 2026 10:00:00 -0500\nMessage-ID: <n1@mx.far.example>\nMIME-Version: 1.0\n"
    return f"{head}{headers}Content-Type: {content_type}\n\n{body}".encode()


def _report(groups: str, *, headers: str = "", text: str = "Your message could not be delivered.\n") -> bytes:
    """A multipart/report of type delivery-status with these per-recipient groups."""
    body = delivery_report_body(groups, text, ORIGINAL, "r")
    envelope = headers or "From: Mail Delivery System <MAILER-DAEMON@mx.far.example>\nReturn-Path: <>\n"
    return _raw(
        f"{envelope}Subject: Returned mail\n", body, "multipart/report; report-type=delivery-status; boundary=r"
    )


def _classify(raw: bytes, known: tuple[str, ...] = ()) -> dict[str, Any]:
    return classify_message(raw, user_tz="America/Chicago", known_addresses=known).to_json()


def _bounce(raw: bytes) -> Bounce | None:
    mail = read_mail(raw)
    plain, html = body_texts(mail)
    return find_bounce(mail, plain or html)


# RFC 3464 defines failed, delayed, delivered, relayed and expanded; MTAs write other words.
@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("failed", "5.1.1"),
        ("failure", "553 Exceeded maximum inbound message size"),  # no x.y.z code at all
        ("error", "5.0.0"),
        ("Undeliverable", ""),
        ("expired", "4.4.7"),  # retries gave up: the last temporary status does not make it a delay
        ("rejected", "5.7.1"),
    ],
)
def test_any_action_word_but_the_successes_and_delayed_is_a_failure(action: str, status: str) -> None:
    """A recipient group whose Action is not a success nor "delayed" reports a failure of that recipient."""
    raw = _report(f"Final-Recipient: rfc822; sam@far.example\nAction: {action}\nStatus: {status}\n")
    assert _bounce(raw) == Bounce("sam@far.example", permanent=True, standard=True)
    out = _classify(raw)
    assert (out["intent"], out["confidence"], out["bounced_recipient"]) == ("bounce", 0.99, "sam@far.example")


@pytest.mark.parametrize("action", ["failure", "error", "retrying"])
def test_an_unknown_action_with_a_4xx_status_is_a_delay(action: str) -> None:
    """A temporary status beside a word RFC 3464 does not define: the server is still trying."""
    raw = _report(f"Final-Recipient: rfc822; sam@far.example\nAction: {action}\nStatus: 4.2.2\n")
    assert _bounce(raw) == Bounce("sam@far.example", permanent=False, standard=True)
    assert _classify(raw)["intent"] == "unknown"


@pytest.mark.parametrize("action", ["delivered", "relayed", "expanded"])
def test_success_actions_are_not_failures(action: str) -> None:
    """A report that the message was delivered, relayed or expanded is nothing to act on."""
    raw = _report(f"Final-Recipient: rfc822; sam@far.example\nAction: {action}\nStatus: 2.0.0\n")
    assert _bounce(raw) is None
    assert _classify(raw)["intent"] != "bounce"


def test_a_mail_system_notice_nothing_could_be_read_from_goes_to_the_user() -> None:
    """Mail from the mail system that says neither failure, delay nor success is shown to the user (0.5);
    a report whose every recipient was delivered is confidently nothing (0.9)."""
    unreadable = _raw(
        "From: Mail Delivery System <MAILER-DAEMON@mx.far.example>\nReturn-Path: <>\nSubject: Postmaster notice\n",
        "Transcript of session follows.\n\nIn:  RCPT TO:<sam@far.example>\nOut: 250 2.1.5 Ok\n",
    )
    no_action = _raw(
        "From: postmaster@mx.far.example\nSubject: Report\n",
        delivery_report_body("Arrival-Date: Wed, 21 Oct 2026 09:58:00 -0500\n", "A report.", ORIGINAL, "r"),
        "multipart/report; report-type=delivery-status; boundary=r",
    )
    delivered = _report("Final-Recipient: rfc822; sam@far.example\nAction: delivered\nStatus: 2.0.0\n")
    verdicts = [(o["intent"], o["confidence"]) for o in map(_classify, (unreadable, no_action, delivered))]
    assert verdicts == [("unknown", 0.5), ("unknown", 0.5), ("unknown", 0.9)]


def test_original_recipient_comes_before_final_recipient_with_any_failure_word() -> None:
    raw = _report(
        "Original-Recipient: rfc822; sam@far.example\nFinal-Recipient: rfc822; s.box@store.far.example\n"
        "Action: error\nStatus: 5.2.1\n"
    )
    assert _classify(raw)["bounced_recipient"] == "sam@far.example"


def test_a_dsn_mirrored_through_a_mailing_list_is_still_a_bounce() -> None:
    """A list that passes a notice on to its owner rewrites the envelope and adds list headers;
    the delivery-status report inside still decides, before any bulk-mail test."""
    mirrored = (
        "From: postmaster@mx.far.example\nReturn-Path: <owner-talk@lists.example.org>\n"
        "Sender: owner-talk@lists.example.org\nPrecedence: bulk\nList-Id: Talk <talk.lists.example.org>\n"
        "List-Unsubscribe: <mailto:talk-request@lists.example.org?subject=unsubscribe>\n"
    )
    raw = _report("Final-Recipient: rfc822;sam@far.example\nAction: failure\nStatus: 552\n", headers=mirrored)
    out = _classify(raw)
    assert (out["intent"], out["bounced_recipient"]) == ("bounce", "sam@far.example")


def test_an_empty_from_address_is_a_null_sender() -> None:
    """`From: "Relay" <>` names no one to answer: with failure wording it is a notice, even when a list
    mirrored it with its own Return-Path and list headers."""
    raw = _raw(
        'From: "Relay Gateway" <>\nReturn-Path: <owner-talk@lists.example.org>\nSubject: Mail Error\n'
        "Precedence: bulk\nList-Id: Talk <talk.lists.example.org>\n",
        "Your mail cannot be delivered to the following address:\n\n    sam@far.example (mailbox full)\n\n"
        "Please check the address and try again.\n",
    )
    assert _bounce(raw) == Bounce("sam@far.example", permanent=True, standard=False)
    assert _classify(raw)["intent"] == "bounce"


def test_an_empty_from_address_without_failure_wording_is_not_a_bounce() -> None:
    raw = _raw('From: "Relay Gateway" <>\nSubject: Weekly digest\n', "Three new posts this week.\n")
    assert _bounce(raw) is None


def test_a_gateway_notice_behind_a_reply_prefix_outside_any_thread() -> None:
    """An ordinary address writing "RE: <subject>: delivery failed" without In-Reply-To or References,
    whose text flufl.bounce reads as a failure naming the same address, is a notice."""
    raw = _raw(
        "From: gateway@relay.far.example\nSubject: RE: chat : delivery failed\n",
        "Delivery to the following recipient failed permanently:\n\n     sam@far.example\n\n"
        "----- Original message -----\n\nCoffee next week?\n",
    )
    assert _bounce(raw) == Bounce("sam@far.example", permanent=True, standard=False)
    out = _classify(raw)
    assert (out["intent"], out["bounced_recipient"]) == ("bounce", "sam@far.example")


def test_automatic_mail_returning_a_message_is_a_notice_when_flufl_and_the_text_agree() -> None:
    """A product mailbox (not mailer-daemon) with Precedence: bulk that returns the message, and whose
    text names the address as unknown, is a failure; the same mail with nothing failed is bulk."""
    body = (
        "--m\nContent-Type: text/plain\n\nThe following addresses had permanent fatal errors:\n"
        "sam@far.example\n\nTranscript of session follows\n550 5.1.1 no such user here\n"
        f"--m\nContent-Type: message/rfc822\n\n{ORIGINAL}\n--m--\n"
    )
    headers = "From: MailServer@mx.far.example\nPrecedence: bulk\nSubject: Warning: sam@far.example\n"
    raw = _raw(headers, body, "multipart/mixed; boundary=m")
    assert _classify(raw)["intent"] == "bounce"
    assert _classify(raw)["bounced_recipient"] == "sam@far.example"
    calm = body.replace("had permanent fatal errors", "were copied").replace("550 5.1.1 no such user here", "ok")
    assert _classify(_raw(headers, calm, "multipart/mixed; boundary=m"))["intent"] == "unknown"


def test_a_sieve_reject_mdn_from_the_mail_system_is_a_bounce() -> None:
    """RFC 5429: a rule refused the message unread; the mail system says so with an MDN
    `automatic-action/...; deleted`. That is a failure of the recipient, not a read receipt."""
    raw = _raw(
        "From: Mail Delivery Subsystem <admin@mx.far.example>\nSubject: Automatically rejected mail\n"
        "Auto-Submitted: auto-replied (rejected)\n",
        "--d\nContent-Type: text/plain\n\nYour message to <sam@far.example> was automatically rejected:\n"
        "Mailbox over quota\n--d\nContent-Type: message/disposition-notification\n\n"
        "Reporting-UA: mx.far.example; Sieve\nFinal-Recipient: rfc822; sam@far.example\n"
        "Disposition: automatic-action/MDN-sent-automatically; deleted\n"
        f"--d\nContent-Type: message/rfc822\n\n{ORIGINAL}\n--d--\n",
        "multipart/report; report-type=disposition-notification; boundary=d",
    )
    out = _classify(raw)
    assert (out["intent"], out["bounced_recipient"]) == ("bounce", "sam@far.example")


def test_a_not_read_mdn_from_the_recipient_is_a_receipt() -> None:
    """Outlook's "Not read" carries the same disposition, sent by the recipient's own client: a receipt."""
    raw = _raw(
        "From: Sam Ford <sam@far.example>\nSubject: Not read: chat\n",
        "--d\nContent-Type: text/plain\n\nYour message to Sam Ford was deleted without being read.\n"
        "--d\nContent-Type: message/disposition-notification\n\nFinal-Recipient: rfc822; sam@far.example\n"
        "Disposition: automatic-action/MDN-sent-automatically; deleted\n--d--\n",
        "multipart/report; report-type=disposition-notification; boundary=d",
    )
    assert _bounce(raw) is None
    assert (_classify(raw)["intent"], _classify(raw)["confidence"]) == ("unknown", 0.95)


HUMAN_IT_BOUNCED = (
    "Hi Dana,\n\nyour mail to my old address sam@old.example bounced (550 user unknown, could not be "
    "delivered), so please use this one from now on. Tuesday at 2pm works for me.\n\nSam\n\n"
    "On Tue, Oct 20, 2026 at 9:00 AM Dana Kim <dana.kim@example.org> wrote:\n> Coffee next week?\n"
)


@pytest.mark.parametrize(
    "headers",
    [
        "Subject: Re: chat\nIn-Reply-To: <d1@example.org>\nReferences: <d1@example.org>\n",
        # even under a failure subject: a person's client answering a thread sets In-Reply-To
        "Subject: RE: Undeliverable: chat\nIn-Reply-To: <d1@example.org>\n",
        # no thread headers, but no failure subject either: the envelope of an ordinary message
        "Subject: Re: chat\n",
    ],
)
def test_a_person_saying_it_bounced_is_a_persons_answer(headers: str) -> None:
    """A person who writes "your mail to my old address bounced" in a normal reply is not a notice."""
    raw = _raw(f"From: Sam Ford <sam@far.example>\n{headers}", HUMAN_IT_BOUNCED)
    assert _bounce(raw) is None
    out = _classify(raw)
    assert out["intent"] != "bounce" and out["bounced_recipient"] is None


def test_a_person_forwarding_a_notice_is_not_a_bounce() -> None:
    """A forward (Fwd:, TR:, WG:) of a notice, even with no thread headers, is the person's message."""
    raw = _raw(
        "From: Sam Ford <sam@far.example>\nSubject: Fwd: Delivery failed\n",
        "Dana, this came back when I wrote to my colleague; use jo.park@far.example instead.\n\n"
        "---------- Forwarded message ---------\nFrom: gateway@relay.far.example\n\n"
        "Delivery to the following recipient failed permanently:\n\n     jo@far.example\n\n"
        "----- Original message -----\n",
    )
    assert _bounce(raw) is None
    assert _classify(raw)["intent"] != "bounce"


def test_gateway_evidence_must_be_in_the_senders_own_text() -> None:
    """Outside any thread and under a failure subject, a notice that is only quoted is not the sender's."""
    raw = _raw(
        "From: Sam Ford <sam@far.example>\nSubject: RE: delivery failed\n",
        "Odd, I got this back. Can you check?\n\n-----Original Message-----\nFrom: gateway@relay.far.example\n"
        "Sent: Tuesday, October 20, 2026 9:00 AM\nTo: Sam Ford\nSubject: delivery failed\n\n"
        "Delivery to the following recipient failed permanently:\n\n     jo@far.example\n\n"
        "----- Original message -----\n",
    )
    assert _bounce(raw) is None
    assert _classify(raw)["intent"] not in ("bounce",)


def test_a_failed_address_said_by_a_sending_service_or_only_in_the_subject() -> None:
    """ 'Your email "chat" to sam@far.example bounced.' names the failed address in the text; a gateway's
    "Undeliverable mail: sam@far.example" with "Status: 5.2.1" and no address in its text names it in the subject."""
    service = _raw("From: Sequencer <notifications@seq.example>\nReturn-Path: <bounces@seq.example>\n"
                   "Subject: Bounce: chat\n",
                   'Hard bounce\n\nYour email "chat" to sam@far.example bounced.\n\nType: HardBounce\n'
                   "Details: smtp;550 5.1.1 The email account that you tried to reach does not exist.\n")
    gateway = _raw("From: Mail Gateway <postmaster@gw.far.example>\nReturn-Path: <>\n"
                   "Subject: Undeliverable mail: sam@far.example\nAuto-Submitted: auto-generated\n",
                   "Message delivery failed permanently.\n\nReason:    the mailbox has been deactivated\n"
                   "Status:    5.2.1\n\nOriginal subject:  chat\n")
    assert [(_classify(raw)["intent"], _classify(raw)["bounced_recipient"]) for raw in (service, gateway)] == [
        ("bounce", "sam@far.example"), ("bounce", "sam@far.example")]


def _provider_notice(sender: str, text: str, returned: bool) -> bytes:
    """A provider's own notice in its own words (no DSN, no failure subject), returning the message or not."""
    parts = f"--p\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
    if returned:
        parts += f"--p\nContent-Type: message/rfc822\n\n{ORIGINAL}\n"
    return _raw(f"From: {sender}\nSubject: Benachrichtigung\n", parts + "--p--\n", "multipart/mixed; boundary=p")


def test_a_no_reply_notice_returning_the_message_with_failure_words_is_a_bounce() -> None:
    """A no-reply mailbox returning the user's message with "was not delivered" is a bounce; the same mailbox
    saying a parcel could not be delivered, returning nothing, and a person's mailbox returning one, are not."""
    words = "Der Empfänger ist nicht erreichbar.\n\nYour mail was not delivered to <sam@far.example>: quota reached."
    notice = _provider_notice("donotreply@mail.far.example", words, returned=True)
    parcel = _provider_notice("no-reply@shop.example", "Your parcel could not be delivered today.", returned=False)
    person = _provider_notice("Jo Lee <jo@far.example>", words, returned=True)
    assert [(_classify(raw)["intent"], _classify(raw)["bounced_recipient"]) for raw in (notice, parcel)] == [
        ("bounce", "sam@far.example"), ("unknown", None)]
    assert _bounce(person) is None


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Nedoručitelná zpráva", "Vaši zprávu nebylo možné doručit. Zpráva nebyla doručena příjemci.\n\n"
                                 "Příjemce: sam@far.example\nDůvod: schránka neexistuje\n"),
        ("Уведомление", "Ваше письмо не может быть доставлено.\n\nАдресат: sam@far.example\n"),
        ("お知らせ", "ご送信いただいたメールは、宛先 sam@far.example に届きませんでした。\n"),
        ("Avis", "Votre courriel pour sam@far.example n'a pas pu être\nacheminé : la boîte est fermée.\n"),
        ("Re: chat", "Nous n'avons pas été en mesure de remettre votre message à sam@far.example.\n\n"
                     "Pour ne plus recevoir ces avis, retirez cette adresse de votre carnet.\n"),
        ("通知", "<html><body><table><tr><td>收件地址</td><td>sam@far.example</td></tr>"
                 "<tr><td>原因</td><td>无法投递，该地址已停用</td></tr></table></body></html>"),
    ],
    ids=["czech", "russian", "japanese polite", "french wrapped", "french unsubscribe footer", "chinese html table"],
)
def test_a_mail_systems_notice_in_its_own_language_names_the_failed_address(subject: str, text: str) -> None:
    """A postmaster's notice with a null Return-Path, in a language and layout no English rule knows, is a bounce
    of the one address it names besides the mail system's own."""
    kind = "text/html" if text.startswith("<html>") else "text/plain"
    raw = _raw(f"From: Postmaster <postmaster@far.example>\nReturn-Path: <>\nSubject: {subject}\n",
               text + "\nKontakt: postmaster@far.example\n", f"{kind}; charset=utf-8")
    assert (_classify(raw)["intent"], _classify(raw)["bounced_recipient"]) == ("bounce", "sam@far.example")


def test_a_shops_delivery_failure_naming_no_address_is_not_a_bounce() -> None:
    """A florist's "Delivery failed: your bouquet could not be delivered" names no mailbox and comes from no mail
    system: not a bounce (nothing acts on it); the same words from a mail system's postmaster are one."""
    words = "We're sorry: your bouquet could not be delivered this afternoon. The courier will call you tomorrow.\n"
    shop = _raw("From: Bloom & Co <orders@bloom.example>\nAuto-Submitted: auto-generated\n"
                "Subject: Delivery failed: order 48213\n", words)
    daemon = _raw("From: Mail Delivery System <postmaster@mx.far.example>\nSubject: Delivery failed\n", words)
    assert [_classify(raw)["intent"] for raw in (shop, daemon)] == ["unknown", "bounce"]


def _list_notice(subject: str, text: str) -> bytes:
    """A list server's notice about the user's post, returning it (Precedence: bulk, from the list's owner)."""
    returned = "From: Dana Kim <dana.kim@example.org>\nTo: makers@lists.far.example\nSubject: chat\n\nHello all\n"
    body = (f"--l\nContent-Type: text/plain; charset=utf-8\n\n{text}\n--l\nContent-Type: message/rfc822\n\n{returned}"
            "--l--\n")
    return _raw(f"From: makers-owner@lists.far.example\nPrecedence: bulk\nSubject: {subject}\n", body,
                "multipart/mixed; boundary=l")


def test_a_list_refusing_the_users_post_is_a_bounce_of_the_list_address() -> None:
    """A list's owner returning the post with "abgelehnt" or "only subscribers ... not permitted to post" is a bounce
    of the list address; the same owner saying the post awaits a moderator is not."""
    refused = _list_notice("Ihre Nachricht an Makers", "Ihre Nachricht an die Liste wurde abgelehnt.")
    closed = _list_notice("Post to Makers", "Sorry: senders who are not subscribed are not permitted to post here.")
    held = _list_notice("Post to Makers requires approval", "Your post is held until the moderator reviews it.")
    assert [(_classify(raw)["intent"], _classify(raw)["bounced_recipient"]) for raw in (refused, closed, held)] == [
        ("bounce", "makers@lists.far.example"), ("bounce", "makers@lists.far.example"), ("unknown", None)]


def test_a_notice_with_a_status_line_names_the_address_its_prose_gives() -> None:
    """A provider's own layout with "Status: 5.1.1" whose prose alone names the address ("your message "Coffee?"
    for jo@far.example could not be handed over") bounces that address."""
    raw = _raw("From: Mail Service <postmaster@mail.far.example>\nReturn-Path: <>\nSubject: Message not delivered\n",
               'Hello,\n\nWe could not hand over your message "Coffee?" for jo@far.example: that mailbox is gone.\n\n'
               "Status: 5.1.1\nTime: Wednesday 21 October 2026, 10:00\n")
    assert (_classify(raw)["intent"], _classify(raw)["bounced_recipient"]) == ("bounce", "jo@far.example")


def test_a_list_moderators_refusal_without_the_post_names_the_list_from_its_headers() -> None:
    """A list's plain-text refusal that returns nothing ("has been rejected by the list moderator") bounces the list
    address its X-BeenThere names; a post held as "by non-member to a members-only list" is no refusal."""
    envelope = ("From: makers-owner@lists.far.example\nPrecedence: bulk\nX-BeenThere: makers@lists.far.example\n"
                "Subject: {subject}\n")
    refused = _raw(envelope.format(subject="Request to mailing list Makers rejected"),
                   'Your request to post "Hello all" has been rejected by the list moderator.\n')
    held = _raw(envelope.format(subject="Your message to Makers awaits moderator approval"),
                "Your mail is being held until the list moderator can review it.\n\n"
                "The reason it is being held: Post by non-member to a members-only list\n")
    assert [(_classify(raw)["intent"], _classify(raw)["bounced_recipient"]) for raw in (refused, held)] == [
        ("bounce", "makers@lists.far.example"), ("unknown", None)]


def test_weren_t_able_to_deliver_is_failure_wording() -> None:
    """A mail system's "we weren't able to deliver the email you sent ... jo@far.example has been closed", under
    "Your email wasn't delivered", bounces that address."""
    raw = _raw("From: Mail Service <postmaster@mail.far.example>\nReturn-Path: <>\n"
               "Subject: Your email wasn't delivered\n",
               "Hi,\n\nSorry, we weren't able to deliver the email you sent on Monday. The address jo@far.example has "
               "been closed by its owner.\n")
    assert (_classify(raw)["intent"], _classify(raw)["bounced_recipient"]) == ("bounce", "jo@far.example")


def test_a_sympa_refusal_names_the_list_its_text_gives() -> None:
    """Sympa's robot ("sympa@") refusing a post ("a été rejeté ... seuls les abonnés") bounces the list address its
    text names, though no header gives it."""
    raw = _raw("From: SYMPA <sympa@listes.far.example>\nPrecedence: list\nAuto-Submitted: auto-replied\n"
               "Subject: Message rejeté pour la liste makers\n",
               "Votre message pour la liste « makers@listes.far.example » a été rejeté : seuls les abonnés peuvent "
               "y écrire.\n")
    assert (_classify(raw)["intent"], _classify(raw)["bounced_recipient"]) == ("bounce", "makers@listes.far.example")
