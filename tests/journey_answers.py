"""What a person types on each page of the journey, and helpers to walk it with the test client.

Shared by the journey, submission, bad-input and council tests, so one list of answers follows the forms.
"""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

from wizard.domain.workdays import uk_today

TODAY = uk_today()
RECENT = TODAY - timedelta(days=20)


def date_parts(d):
    return [str(d.day), str(d.month), str(d.year)]


# The form each step's page posts, for a parent complaining about their 9-year-old in care.
PARENT = {
    "child-in-danger": {"danger": "no"},
    "new-or-reply": {"kind": "new"},
    "who-are-you": {"who": "parent"},
    "what-is-it-about": {"about": "looked_after"},
    "who-gave-the-care": {"provider": "no"},
    "about-the-child": {"child_name": "Sam Smith", "child_age": "9", "child_dob": ["", "", ""]},
    "tried-to-sort-it-out": {"tried": "yes"},
    "when-did-it-happen": {"happened": date_parts(RECENT)},
    "advocate-for-the-child": {"advocacy": "no"},
    "advocate": {"advocacy": "yes"},
    "court-or-police": {"proceedings": "no"},
    "your-complaint": {"what_happened": "The visits stopped.", "who_involved": "", "put_right": "Restart them."},
    "your-name": {"name": "Pat Jones"},
    "contact-details": {
        "email": "pat@example.com", "phone": "", "address_line_1": "", "address_line_2": "",
        "address_town": "", "address_postcode": "",
    },
    "how-to-contact-you": {"preferred": "email"},
    "contacting-you-safely": {"safe": "yes", "leave_message": "yes", "safe_way": ""},
    "help-to-take-part": {"help": ["none"], "interpreter_language": "", "help_other": ""},
    "does-the-child-know": {"child_knows": "yes"},
    "does-the-child-agree": {"child_agrees": "yes"},
    "how-the-child-will-confirm": {"confirm_method": "child_types", "child_contact": ""},
    "child-confirms": {"confirm_name": "Sam"},
    # Asked only of a child or care leaver complaining for themselves, and of an advocate about the child.
    "about-you": {"child_age": "15", "child_dob": ["", "", ""], "surname": "", "social_worker": "", "where": ""},
    "contacting-the-child-safely": {"child_safe": "yes", "child_safe_way": "", "child_leave_message": "yes"},
    "help-for-the-child": {"help": ["none"], "interpreter_language": "", "help_other": ""},
}

# The longest new complaint (bench/steps.py --journey long): every information page (danger, care from another
# organisation, sorting it out first), the child's agreement typed by the child, and a complaint outside the time
# limit; 22 pages answered.
LONG = {
    **PARENT,
    "child-in-danger": {"danger": "yes"},
    "who-are-you": {"who": "relative"},
    "who-gave-the-care": {"provider": "yes", "provider_name": "Hilltop Children's Home"},
    "about-the-child": {"child_name": "Sam Smith", "child_age": "14", "child_dob": ["", "", ""]},
    "tried-to-sort-it-out": {"tried": "no"},
    "when-did-it-happen": {"happened": ["1", "3", "2024"]},
    "why-now": {"late_reason": "I only found out last month."},
}


def asking_further(reference: str, still_unhappy: str, wanted: str, *, reply=None, **pages) -> dict:
    """The pages of a request to take a complaint further (the answers a new complaint's set is joined with): the
    earlier complaint's ``reference`` as typed, a statutory stage 1 reply got three days ago (``reply``: another
    day, as ``date_parts`` gives it), what they are still unhappy about and want; ``pages`` add or change pages
    (``asking_later=...``: a slug with underscores)."""
    return {
        "new-or-reply": {"kind": "escalation"},
        "earlier-complaint": {"earlier_reference": reference},
        "which-procedure": {"earlier_procedure": "statutory"},
        "which-reply": {"reply_stage": "stage1"},
        "date-of-the-reply": {"reply_date": reply or date_parts(TODAY - timedelta(days=3))},
        "still-unhappy": {"still_unhappy": still_unhappy, "wanted": wanted},
        **{slug.replace("_", "-"): data for slug, data in pages.items()},
    }


def slug_of(location: str) -> str:
    return location.rstrip("/").rsplit("/", 1)[-1].split("?")[0]


def answer_until_check(client, answers=PARENT, start="/complaint/", limit=40):
    """Follow the journey from ``start``, posting the answer for each page, until Check your answers."""
    response = client.get(start)
    seen = []
    for _ in range(limit):
        assert response.status_code == 302, f"expected a redirect, got {response.status_code} after {seen}"
        slug = slug_of(response.location)
        if slug == "check":
            return seen
        seen.append(slug)
        page = client.get(response.location)
        assert page.status_code == 200
        data = answers.get(slug, {"carry_on": "yes"})
        response = client.post(response.location, data=data)
    raise AssertionError(f"never reached Check your answers: {seen}")


def text_of(response) -> str:
    html = response.get_data(as_text=True)
    main = html[html.index("<main"): html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).replace("&#39;", "'").split())


def send(client) -> str:
    """Send from Check your answers and read the page that says it was sent: its text. The page is closed, as a
    server closes it once it has gone, so the emails are sent."""
    sent = client.post("/complaint/send")
    page = client.get(sent.location)
    confirmation = text_of(page)
    page.close()
    return confirmation


def to_welsh(client) -> None:
    """Switch to Welsh from Check your answers, by its own Cymraeg link."""
    html = client.get("/complaint/check").get_data(as_text=True)
    client.get(re.search(r'href="(/language/cy\?[^"]+)"', html).group(1).replace("&amp;", "&"))


def check_and_send(client, answers=PARENT, welsh: bool = False) -> tuple[str, str]:
    """Answer up to Check your answers (then switch to Welsh, with ``welsh``) and send: the text of Check your
    answers and of the page that says it was sent."""
    answer_until_check(client, answers)
    if welsh:
        to_welsh(client)
    check = text_of(client.get("/complaint/check"))
    return check, send(client)


def sent_mail(client_or_app) -> list:
    """Every email the app has written (DATA_DIR/mail, the test mailer's folder), in the order of their files."""
    app = getattr(client_or_app, "application", client_or_app)
    return [message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted((Path(app.config["DATA_DIR"]) / "mail").rglob("*.eml"))]


def plain_text(message, folded: bool = True) -> str:
    """All of an email's plain-text parts, their white space folded as a reader takes in the words (or as written,
    lines and all, with ``folded=False``)."""
    text = " ".join(p.get_content() for p in message.walk() if p.get_content_type() == "text/plain")
    return " ".join(text.split()) if folded else text


def council_email(client):
    """The one email sent to the council's complaints inbox."""
    inbox = client.application.config["COUNCIL_INBOX"]
    found = [m for m in sent_mail(client) if str(m["To"]) == inbox]
    assert len(found) == 1, [str(m["To"]) for m in sent_mail(client)]
    return found[0]


def body(message) -> str:
    """An email's plain-text part, as the caseworker reads it."""
    return message.get_body(preferencelist=("plain",)).get_content()


def format_day(d):
    return f"{d.day} {d.strftime('%B %Y')}"
