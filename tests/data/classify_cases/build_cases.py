"""Build the extra classifier cases (run once; the .eml files and labels.json are committed).

Each case: raw headers + body written the way a client would send them, and the labels
in the same format as ../replies/labels.json. Scenario: Jordan Park (America/Chicago).
"""
import base64
import json
import quopri
from pathlib import Path

HERE = Path(__file__).parent
JORDAN = "Jordan Park <jordan.park@example.edu>"
QUOTE = """
On Mon, Oct 5, 2026 at 9:00 AM Jordan Park <jordan.park@example.edu> wrote:
> Hi,
>
> Would you be open to a 20-30 minute informational chat? I'm free Tuesday,
> October 13 from 2-4pm CT or Thursday, October 15 at 10am CT.
>
> Best,
> Jordan Park
"""
OUTLOOK_QUOTE = """
From: Jordan Park <jordan.park@example.edu>
Sent: Friday, October 2, 2026 10:31 AM
To: {to}
Cc: Lee Fox <lee.fox@acme.example>
Subject: Informational interview request

Hi,

Would you be open to a 20-30 minute chat? For example, Monday, October 12 at 11am CT
or Wednesday, October 21 at 3:30pm CT would work on my end.

Best,
Jordan Park
"""
cases: dict[str, dict] = {}


def mk(name, labels, body, *, frm="Pat Lee <pat.lee@acme.example>", date="Wed, 07 Oct 2026 10:00:00 -0500",
       subject="Re: Informational interview request", headers="", ctype='text/plain; charset="utf-8"',
       cte="8bit", to=JORDAN, raw_body=None):
    if raw_body is None:
        if cte == "quoted-printable":
            raw_body = quopri.encodestring(body.encode("utf-8")).decode("ascii")
        elif cte == "base64":
            raw_body = base64.encodebytes(body.encode("utf-8")).decode("ascii")
        else:
            raw_body = body
    head = (f"From: {frm}\nTo: {to}\nDate: {date}\nSubject: {subject}\nMessage-ID: <{name}@case.example>\n"
            f"MIME-Version: 1.0\n{headers}Content-Type: {ctype}\nContent-Transfer-Encoding: {cte}\n\n")
    data = (head + raw_body).replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    (HERE / f"{name}.eml").write_bytes(data)
    cases[f"{name}.eml"] = labels


# --- accepted: one time, zones, DST, relative dates -------------------------------------------
mk("accepted-tomorrow-near-midnight-pacific", {"intent": "accepted", "meeting.start": "2026-10-20T09:00:00-07:00"},
   "Hi Jordan,\n\nSure! Tomorrow at 9am PT works for me.\n\nPat\n" + QUOTE,
   date="Mon, 19 Oct 2026 23:30:00 -0700")
mk("accepted-tomorrow-near-midnight-tokyo-no-zone",
   {"intent": "accepted", "meeting.start": "2026-11-03T09:00:00+09:00", "meeting.url": "https://us02web.zoom.us/j/81234567890?pwd=abc"},
   "Hi Jordan,\n\nHappy to chat. How about tomorrow at 9:00 am? Zoom: https://us02web.zoom.us/j/81234567890?pwd=abc\n\nKenta\n" + QUOTE,
   frm="Kenta Ito <kenta@tokyo.example>", date="Mon, 02 Nov 2026 23:55:00 +0900")
mk("accepted-us-dst-change-eastern", {"intent": "accepted", "meeting.start": "2026-11-02T09:30:00-05:00"},
   "Hi Jordan,\n\nLet's do Monday, November 2 at 9:30am Eastern. I'll call you.\n\nBest,\nSam\n\nSam Roe\nOffice hours: Mondays 1-3pm ET\n" + QUOTE,
   date="Thu, 29 Oct 2026 08:00:00 -0400")
mk("accepted-cest-before-change", {"intent": "accepted", "meeting.start": "2026-10-23T14:00:00+02:00"},
   "Hello Jordan,\n\nyes, gladly. Friday 23 October at 14:00 CEST would suit me.\n\nViele Grüße\nAnna\n" + QUOTE,
   frm="Anna Berg <anna@berg.example>", date="Wed, 21 Oct 2026 09:12:00 +0200")
mk("accepted-your-time-user-tz", {"intent": "accepted", "meeting.start": "2026-10-22T15:00:00-05:00"},
   "Jordan - happy to help. Does Thursday, October 22 at 3pm your time work?\n\nMira\n" + QUOTE,
   date="Fri, 16 Oct 2026 11:00:00 +0100", frm="Mira Kaur <mira@ldn.example>")
mk("accepted-next-tuesday-pt", {"intent": "accepted", "meeting.start": "2026-10-13T11:00:00-07:00"},
   "Hi Jordan,\n\nSure thing. Next Tuesday at 11am PT? I'll send an invite.\n\nChris\n" + QUOTE,
   date="Wed, 07 Oct 2026 16:00:00 -0700")
mk("accepted-noon-central", {"intent": "accepted", "meeting.start": "2026-10-16T12:00:00-05:00"},
   "Jordan,\n\nLet's do Friday Oct 16 at noon CT.\n\nThanks,\nRob\n" + QUOTE)
mk("accepted-after-us-change-numeric-date", {"intent": "accepted", "meeting.start": "2026-11-02T14:30:00-06:00"},
   "Hi Jordan, glad to talk. Monday 11/2 at 2:30pm CT works.\n\n-- \nRob Dean\nTel 555-0100\n",
   date="Wed, 28 Oct 2026 10:00:00 -0500")
mk("accepted-utc-explicit", {"intent": "accepted", "meeting.start": "2026-10-21T15:00:00+00:00"},
   "Hi Jordan,\n\nI'm happy to chat on Oct 21 at 15:00 UTC.\n\nBest,\nIngrid\n" + QUOTE,
   date="Thu, 15 Oct 2026 12:00:00 +0200", frm="Ingrid Holm <ingrid@nordic.example>")
mk("accepted-aedt-options", {"intent": "accepted", "meeting.start": None,
                             "proposed_times": ["2026-10-22T09:00:00+11:00", "2026-10-23T08:30:00+11:00"]},
   "Hi Jordan,\n\nHappy to. Could do either:\n* Thursday 22 October 9am AEDT\n* Friday 23 October 8:30am AEDT\n\nCheers,\nLiam\n" + QUOTE,
   date="Mon, 19 Oct 2026 10:00:00 +1100", frm="Liam Ward <liam@syd.example>")
mk("accepted-numbered-options-et", {"intent": "accepted", "meeting.start": None, "proposed_times": [
    "2026-10-20T10:00:00-04:00", "2026-10-21T14:00:00-04:00", "2026-10-22T16:00:00-04:00"]},
   "Hi Jordan,\n\nGreat to hear from you. A few options (all ET):\n\n1) Tue 10/20 at 10am\n2) Wed 10/21 at 2pm\n3) Thu 10/22 at 4pm\n\nLet me know!\nDana\n" + QUOTE,
   date="Thu, 15 Oct 2026 09:00:00 -0400")
mk("accepted-negated-slot", {"intent": "accepted", "meeting.start": "2026-10-14T15:00:00-05:00"},
   "Hi Jordan,\n\nI can't do Tuesday at 2pm, but Wednesday, October 14 at 3pm works for me.\n\nBest,\nAl\n" + QUOTE,
   date="Fri, 09 Oct 2026 08:00:00 -0500")
mk("accepted-first-option-quoted-times-only",
   {"intent": "accepted", "meeting.start": "2026-10-13T14:00:00-05:00", "proposed_times": []},
   "Yes, the first option works for me. Talk then!\n\nSent from my iPhone\n" + QUOTE)
mk("accepted-signature-office-hours-no-dashes", {"intent": "accepted", "meeting.start": "2026-10-16T11:00:00-04:00"},
   "Hi Jordan,\n\nSure, let's do Friday Oct 16 at 11am ET.\n\nKim Dale\nAssociate Director | Career Services\nOffice hours: Tuesdays 2-4pm ET\n" + QUOTE,
   date="Mon, 12 Oct 2026 09:00:00 -0400")
mk("accepted-range-start", {"intent": "accepted", "meeting.start": "2026-10-20T13:00:00-05:00"},
   "Hi Jordan, happy to help! I'm free Tuesday, October 20 from 1-2pm CT; call me then.\n\nJo\n" + QUOTE)
mk("accepted-two-zones-same-instant", {"intent": "accepted", "meeting.start": "2026-10-19T17:00:00+01:00"},
   "Hi Jordan,\n\nMonday 19 October at 5pm London time (11am for you in Chicago) works for me.\n\nRegards,\nTom\n" + QUOTE,
   date="Tue, 13 Oct 2026 09:00:00 +0100", frm="Tom Hale <tom@ldn.example>")

# --- accepted: links, calendars, HTML, charsets ---------------------------------------------------
mk("accepted-calendly-booking", {"intent": "accepted", "meeting.start": None,
                                "meeting.booking_url": "https://calendly.com/pat-lee/20min"},
   "Hi Jordan,\n\nHappy to help. Grab a time that works: https://calendly.com/pat-lee/20min\n\nPat\n" + QUOTE)
mk("accepted-html-only-zoom-anchor", {"intent": "accepted", "meeting.start": "2026-10-15T13:00:00-05:00",
                                     "meeting.url": "https://zoom.us/j/9876543210"},
   "", ctype='text/html; charset="utf-8"', cte="quoted-printable",
   raw_body=quopri.encodestring(("<html><body><p>Hi Jordan,</p><p>Sounds good &mdash; Thursday, October 15 at 1pm CT. "
             "<a href=\"https://zoom.us/j/9876543210\">Join Zoom</a></p><p>Best,<br>Ana</p>"
             "<div class=\"gmail_quote\">On Mon, Oct 5, 2026 at 9:00 AM Jordan Park wrote:<blockquote>"
             "I'm free Tuesday, October 13 from 2-4pm CT.</blockquote></div></body></html>").encode()).decode())
mk("accepted-bad-charset-fallback", {"intent": "accepted", "meeting.start": "2026-10-15T10:00:00-05:00"},
   "Hi Jordan — sounds good, Thursday, October 15 at 10am CT works.\n\nRé\n" + QUOTE,
   ctype='text/plain; charset="x-bogus-charset"')
mk("accepted-windows-1252-booking-anchor-words", {"intent": "accepted",
                                                  "meeting.booking_url": "https://meet.acme.example/pat/intro"},
   "", ctype='text/plain; charset="windows-1252"', cte="quoted-printable",
   raw_body=quopri.encodestring("Hi Jordan \u2013 I\u2019d be glad to chat. Pick any time on my calendar here: https://meet.acme.example/pat/intro\n\nPat\n".encode("cp1252")).decode())
ICS_IANA = """BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Apple Inc.//macOS 15//EN\nMETHOD:REQUEST\nBEGIN:VEVENT
DTSTART;TZID=America/New_York:20261021T140000\nDTEND;TZID=America/New_York:20261021T143000
SUMMARY:Chat with Jordan\nURL:https://whereby.com/pat-room\nLOCATION:Whereby\nEND:VEVENT\nEND:VCALENDAR\n"""
mk("accepted-ics-attachment-iana-tzid", {"intent": "accepted", "meeting.start": "2026-10-21T14:00:00-04:00",
                                         "meeting.url": "https://whereby.com/pat-room"}, "",
   ctype='multipart/mixed; boundary="b1"', cte="7bit",
   raw_body=("--b1\nContent-Type: text/plain; charset=utf-8\n\nHi Jordan, sent you an invite.\n\nPat\n"
             "--b1\nContent-Type: application/octet-stream; name=invite.ics\nContent-Disposition: attachment; filename=invite.ics\n"
             "Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(ICS_IANA.encode()).decode() + "--b1--\n"))
ICS_CUSTOM = """BEGIN:VCALENDAR\nVERSION:2.0\nMETHOD:REQUEST\nBEGIN:VTIMEZONE\nTZID:Custom Pacific
BEGIN:STANDARD\nDTSTART:16010101T020000\nTZOFFSETFROM:-0700\nTZOFFSETTO:-0800\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
END:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:-0800\nTZOFFSETTO:-0700
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE\nBEGIN:VEVENT
DTSTART;TZID=Custom Pacific:20261104T100000\nDTEND;TZID=Custom Pacific:20261104T103000
SUMMARY:Chat\nLOCATION:https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc\nEND:VEVENT\nEND:VCALENDAR\n"""
mk("accepted-calendar-custom-vtimezone", {"intent": "accepted", "meeting.start": "2026-11-04T10:00:00-08:00",
                                          "meeting.url": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc"},
   "", ctype='multipart/alternative; boundary="b2"', cte="7bit",
   raw_body=("--b2\nContent-Type: text/plain; charset=utf-8\n\nChat\n--b2\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\n\n"
             + ICS_CUSTOM + "--b2--\n"), subject="Chat")
ICS_CANCEL = ICS_IANA.replace("METHOD:REQUEST", "METHOD:CANCEL")
mk("declined-calendar-cancel", {"intent": "declined", "meeting.start": None}, "",
   ctype='multipart/mixed; boundary="b3"', cte="7bit", subject="Canceled: Chat with Jordan",
   raw_body=("--b3\nContent-Type: text/plain; charset=utf-8\n\nSorry Jordan, I have to cancel - I won't be able to meet after all.\n\nPat\n"
             "--b3\nContent-Type: text/calendar; method=CANCEL; charset=utf-8\n\n" + ICS_CANCEL + "--b3--\n"))

# --- declined / referral ---------------------------------------------------------------------------
mk("declined-with-calendly-in-signature", {"intent": "declined", "meeting.booking_url": None, "referrals": []},
   "Hi Jordan,\n\nThanks for asking, but I'm not able to take on informational interviews right now.\n\nBest,\nPat\n\nPat Lee | Book a meeting: https://calendly.com/pat-lee\n" + QUOTE)
mk("declined-html-only-unable", {"intent": "declined", "referrals": []}, "", ctype='text/html; charset="iso-8859-1"',
   raw_body="<p>Bonjour Jordan,</p><p>Unfortunately I'm unable to help at this time. Bonne chance&nbsp;!</p><p>Cordialement,<br>Ren\xe9</p>")
mk("referral-reach-out-colleague-text", {"intent": "referral", "referrals": ["dana.wu@acme.example"]},
   "Hi Jordan,\n\nI'm not the right person for this, but you should reach out to my colleague Dana Wu (dana.wu@acme.example); she runs our intern program.\n\nPat\npat.lee@acme.example\n" + QUOTE)
mk("accepted-cc-already-on-thread-not-referral", {"intent": "accepted", "referrals": [],
                                                  "meeting.start": "2026-10-15T10:00:00-05:00"},
   "Hi Jordan,\n\nHappy to chat - Thursday Oct 15 at 10am CT works. I've kept Lee cc'd.\n\nPat\n" + OUTLOOK_QUOTE.format(to="Pat Lee <pat.lee@acme.example>"),
   headers="Cc: Lee Fox <lee.fox@acme.example>\n")

# --- later / question / unsubscribe / unknown --------------------------------------------------------
mk("later-after-the-holidays", {"intent": "later", "resume_after": "2027-01-04"},
   "Hi Jordan,\n\nWould love to, but December is packed. Let's reconnect after the holidays.\n\nPat\n" + QUOTE,
   date="Fri, 20 Nov 2026 10:00:00 -0500")
mk("later-in-january", {"intent": "later", "resume_after": "2027-01-01"},
   "Jordan - can you follow up in January? Q4 is hectic.\n\nPat\n" + QUOTE)
mk("later-back-from-leave-dec-7", {"intent": "later", "resume_after": "2026-12-07"},
   "Hi Jordan,\n\nI'm out on leave; I'm back on Dec 7, so reach out then.\n\nPat\n" + QUOTE,
   date="Mon, 16 Nov 2026 10:00:00 -0500")
mk("later-in-two-weeks", {"intent": "later", "resume_after": "2026-10-28"},
   "Hi Jordan, swamped right now. Can you ping me again in two weeks?\n\nPat\n" + QUOTE,
   date="Wed, 14 Oct 2026 10:00:00 -0500")
mk("later-dont-email-until-january-not-unsubscribe", {"intent": "later", "resume_after": "2027-01-01"},
   "Jordan, please don't email me until January; I'm swamped. Happy to chat then, so try me again in January.\n\nPat\n" + QUOTE)
mk("question-what-role", {"intent": "question", "meeting.start": None},
   "Hi Jordan,\n\nBefore we set something up: what kind of roles are you looking at, and could you send your resume?\n\nPat\n" + QUOTE)
mk("unsubscribe-do-not-email-again", {"intent": "unsubscribe"}, "Do not email me again.\n" + QUOTE)
mk("unknown-forwarded-note", {"intent": "unknown", "meeting.start": None, "proposed_times": []},
   "FYI\n\n---------- Forwarded message ---------\nFrom: Jordan Park <jordan.park@example.edu>\nDate: Mon, Oct 5, 2026 at 9:00 AM\nSubject: Chat?\nTo: Pat Lee <pat.lee@acme.example>\n\nI'm free Tuesday, October 13 at 2pm CT.\n")
mk("accepted-person-mentions-bounce-not-bounce", {"intent": "accepted", "meeting.start": "2026-10-20T14:00:00-04:00",
                                                  "bounced_recipient": None},
   "Hi Jordan,\n\nYour first message bounced from my old address (it was undeliverable), so please use this one. Happy to chat Tuesday Oct 20 at 2pm ET.\n\nPat\n" + QUOTE)

# --- automatic ---------------------------------------------------------------------------------------
mk("auto-reply-x-autoreply-until", {"intent": "auto_reply", "resume_after": "2026-10-19"},
   "I'm away until Monday, October 19 with no access to email.\n", headers="X-Autoreply: yes\n",
   subject="Away", date="Mon, 12 Oct 2026 10:00:00 -0500")
mk("auto-reply-subject-only-numeric-return", {"intent": "auto_reply", "resume_after": "2026-10-20"},
   "I am out of the office and will return on 10/20.\n", subject="Out of Office: Informational interview request",
   date="Tue, 13 Oct 2026 10:00:00 -0500")
mk("bounce-exim-text", {"intent": "bounce", "bounced_recipient": "pat@gone.example"},
   "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  pat@gone.example\n    host mx.gone.example [192.0.2.7]\n    SMTP error from remote mail server after RCPT TO:<pat@gone.example>:\n    550 5.1.1 User unknown\n\n------ This is a copy of the message, including all the headers. ------\n\nFrom: Jordan Park <jordan.park@example.edu>\nSubject: Chat?\n\nI'm free Tuesday, October 13 at 2pm CT.\n",
   frm="Mail Delivery System <Mailer-Daemon@mx.example.edu>", subject="Mail delivery failed: returning message to sender")
mk("bounce-gmail-address-not-found", {"intent": "bounce", "bounced_recipient": "sam@nowhere.example"},
   "** Address not found **\n\nYour message wasn't delivered to sam@nowhere.example because the address couldn't be found, or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 The email account that you tried to reach does not exist.\n",
   frm="Mail Delivery Subsystem <mailer-daemon@googlemail.example>", subject="Delivery Status Notification (Failure)")
mk("delay-dsn-not-bounce", {"intent": "unknown", "bounced_recipient": None}, "",
   frm="Mail Delivery System <MAILER-DAEMON@mx.example.edu>", subject="Delayed Mail (still being retried)",
   ctype='multipart/report; report-type=delivery-status; boundary="b4"', cte="7bit",
   raw_body=("--b4\nContent-Type: text/plain\n\nThis is the mail system at host mx.example.edu.\n\n####### THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #######\n\n"
             "Your message could not be delivered for 4 hours. It will be retried until it is 5 days old.\n\n<slow@far.example>: connect to mx.far.example: Connection timed out\n"
             "--b4\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.edu\n\nFinal-Recipient: rfc822; slow@far.example\nAction: delayed\nStatus: 4.4.1\n"
             "--b4--\n"))
mk("delay-text-warning-not-bounce", {"intent": "unknown", "bounced_recipient": None},
   "This is an automatically generated Delivery Status Notification.\n\nTHIS IS A WARNING MESSAGE ONLY.\n\nYOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\nDelivery to the following recipients has been delayed.\n\n     slow@far.example\n\nThe server will retry for 3 more days.\n",
   frm="postmaster@mx.example.edu", subject="Delivery Status Notification (Delay)")

(HERE / "labels.json").write_text(json.dumps(cases, indent=2, ensure_ascii=False) + "\n")
print(len(cases), "cases")
