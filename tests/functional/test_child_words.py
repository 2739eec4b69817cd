"""Words for a child: the young text set on the child's route, reading levels, hard words explained, help on
every page, and the defects a 14-year-old in foster care met (calendar and print on a checked phone, "talk to
staff first", the emergency page without Childline, no question whether a younger child knows).

Kai is 14, in foster care, and their carer checks their phone; Dee is a 17-year-old care leaver complaining late.
Pages are walked with the test client, each question page once with no answer (its errors) and once answered.
"""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.journey_answers import PARENT, TODAY, asking_further, date_parts, slug_of
from tests.readability import as_sentences, grade, hardest_blocks, visible_blocks
from wizard.domain.young_words import YOUNG

ROOT = Path(__file__).resolve().parents[2]


def answers(base: dict = PARENT, **pages) -> dict:
    found = dict(base)
    for slug, data in pages.items():
        found[slug.replace("_", "-")] = data
    return found


KAI = answers(
    child_in_danger={"danger": "yes"},
    who_are_you={"who": "child"},
    feeling_safe={"feels_safe": "yes"},
    what_is_it_about={"about": "looked_after"},
    who_gave_the_care={"provider": "unsure", "provider_name": ""},
    tried_to_sort_it_out={"tried": "no"},
    advocate={"advocacy": "yes"},
    court_or_police={"proceedings": "unsure"},
    your_complaint={"what_happened": "My foster carer shouts at me and takes my phone.", "who_involved": "",
                    "put_right": "I want to move to a different foster home."},
    your_name={"name": "Kai"},
    about_you={"child_age": "14", "child_dob": ["", "", ""], "surname": "", "social_worker": "", "where": ""},
    contact_details={"email": "", "phone": "07700 900 982", "address_line_1": "", "address_line_2": "",
                     "address_town": "", "address_postcode": ""},
    how_to_contact_you={"preferred": "phone"},
    contacting_you_safely={"safe": "no", "safe_way": "Text only. My carer checks my phone.", "leave_message": "no"},
)
DEE = answers(
    who_are_you={"who": "care_leaver"},
    what_is_it_about={"about": "leaving_care"},
    who_gave_the_care={"provider": "no", "provider_name": ""},
    when_did_it_happen={"happened": date_parts(TODAY - timedelta(days=560))},
    why_now={"late_reason": "I was scared to tell anyone."},
    advocate={"advocacy": "no"},
    your_name={"name": "Dee"},
    about_you={"child_age": "17", "child_dob": ["", "", ""], "surname": "", "social_worker": "", "where": ""},
    contact_details={"email": "dee@example.com", "phone": "", "address_line_1": "", "address_line_2": "",
                     "address_town": "", "address_postcode": ""},
)
PARENT_OF_NINE = answers(tried_to_sort_it_out={"tried": "no"}, does_the_child_know={"child_knows": "no"})
AUNT_OF_FOURTEEN = answers(
    who_are_you={"who": "relative"},
    about_the_child={"child_name": "Ray Green", "child_age": "14", "child_dob": ["", "", ""]},
)
# Taking a complaint further. Mia is 15, in care, and asks for a review panel three months after the stage 2
# reply; Jay is a care leaver asking for stage 2 in time, where the council offers a meeting first (seeds 003,
# 004) and going straight to the Ombudsman (seed 000); Pat asks for stage 2 for their son.
FURTHER = asking_further("EX-23456789", "Nobody came to see me.\nMy plan did not change.", "A new social worker.")
MIA = answers(
    answers(KAI, **{k.replace("-", "_"): v for k, v in FURTHER.items()}),
    child_in_danger={"danger": "no"},
    which_reply={"reply_stage": "stage2"},
    date_of_the_reply={"reply_date": date_parts(TODAY - timedelta(days=90))},
    asking_later={"escalation_late_reason": "I did not know I could ask."},
    your_name={"name": "Mia"},
    about_you={"child_age": "15", "child_dob": ["", "", ""], "surname": "", "social_worker": "", "where": ""},
)
JAY = answers(
    answers(DEE, **{k.replace("-", "_"): v for k, v in FURTHER.items()}),
    a_meeting_first={"conciliation": "yes"},
    straight_to_the_ombudsman={"early_referral": "unsure"},
    your_name={"name": "Jay"},
)
PAT_FURTHER = answers(answers(PARENT_OF_NINE, **{k.replace("-", "_"): v for k, v in FURTHER.items()}),
                      a_meeting_first={"conciliation": "no"}, straight_to_the_ombudsman={"early_referral": "no"})
# Kai with no phone and no email of his own: reached through his social worker (issue 14, session 6); Dee with no
# way at all for now.
NO_WAY = {"email": "", "phone": "", "address_line_1": "", "address_line_2": "", "address_town": "",
          "address_postcode": ""}
KAI_THROUGH_TRUSTED = answers(
    KAI, contact_details=NO_WAY, reaching_you={"through": "trusted"},
    someone_you_trust={"trusted_role": "social_worker", "trusted_name": "Sam Okafor",
                       "trusted_phone": "01632 960 123", "trusted_email": "sam.okafor@example.gov.uk",
                       "trusted_about": "no"},
)
DEE_NO_WAY = answers(DEE, contact_details=NO_WAY, reaching_you={"through": "nobody"})
ROUTES = {
    "kai": KAI, "dee": DEE, "parent-of-9": PARENT_OF_NINE, "aunt-of-14": AUNT_OF_FOURTEEN,
    "mia-review-panel-late": MIA, "jay-stage2-options": JAY, "pat-stage2-options": PAT_FURTHER,
    "kai-through-trusted": KAI_THROUGH_TRUSTED, "dee-no-way": DEE_NO_WAY,
}
# Routes walked with the example council offering both options before stage 2 (no seed council offers both;
# Kingston's and Lancashire's long names in the header would score every page, whoever reads it).
WITH_OPTIONS = {"jay-stage2-options", "pat-stage2-options"}
CHILD_ROUTES = ["kai", "dee", "mia-review-panel-late", "jay-stage2-options", "kai-through-trusted", "dee-no-way"]
ADULT_ROUTES = ["parent-of-9", "aunt-of-14", "pat-stage2-options"]


def with_options(app):
    """The app's council offering a meeting and going straight to the Ombudsman before stage 2."""
    from dataclasses import replace

    council = app.extensions["council"]
    options = replace(council.options, conciliation_before_stage2=True, early_ombudsman_referral=True)
    app.extensions["council"] = replace(council, options=options)
    return app


def walk(client, route: dict, with_errors: bool = True, send: bool = True) -> list[tuple[str, str]]:
    """Every page of the route as served: (slug, html); a page with its errors is "slug (errors)"."""
    pages = []
    response = client.get("/complaint/")
    for _ in range(80):
        assert response.status_code in (302, 303), f"stuck after {[s for s, _ in pages]}"
        slug = slug_of(response.location)
        html = client.get(response.location).get_data(as_text=True)
        pages.append((slug, html))
        if slug == "check":
            if send:
                sent = client.post("/complaint/send")
                page = client.get(sent.location)
                pages.append(("sent", page.get_data(as_text=True)))
                page.close()  # what a server does once the page has gone: the emails are sent
            return pages
        data = route.get(slug)
        if data is None:
            data = {"carry_on": "yes"}
        elif with_errors:
            refused = client.post(response.location, data={})
            if slug_of(refused.location) == slug:
                pages.append((f"{slug} (errors)", client.get(refused.location).get_data(as_text=True)))
        response = client.post(f"/complaint/{slug}", data=data)
    raise AssertionError(f"never reached Check your answers: {[s for s, _ in pages]}")


_WALKED: dict[str, list[tuple[str, str]]] = {}


def walked(client, name: str) -> list[tuple[str, str]]:
    """The pages of a whole route with its errors, walked once for the tests that only read them."""
    if name not in _WALKED:
        if name in WITH_OPTIONS:
            with_options(client.application)
        _WALKED[name] = walk(client, ROUTES[name])
    return _WALKED[name]


def slugs(pages) -> list[str]:
    return [slug for slug, _ in pages]


# --- the text set ------------------------------------------------------------------------------------------


def catalogue() -> set[str]:
    with (ROOT / "translations" / "messages.pot").open("rb") as f:
        return {m.id for m in read_po(f) if m.id and isinstance(m.id, str)}


def test_every_young_text_stands_in_for_a_sentence_the_service_says():
    said = catalogue()
    for page, table in YOUNG.items():
        for adult, young in table.items():
            assert adult in said, f"{page}: the young words replace a sentence the service no longer says: {adult!r}"
            assert young in said and young != adult
            # A young sentence fills in only what the adult one is given.
            assert set(re.findall(r"%\((\w+)\)s", young)) <= set(re.findall(r"%\((\w+)\)s", adult)), young


def test_a_child_reads_the_young_words_and_an_adult_the_adult_words(client, app):
    kai = dict(walk(client, KAI, with_errors=True, send=False))
    adult = dict(walk(app.test_client(), PARENT, with_errors=True, send=False))
    assert "Did someone other than the council give you this care?" in kai["who-gave-the-care"]
    assert "Was the care given by an organisation that is not the council?" in adult["who-gave-the-care"]
    # Errors too.
    assert "Select yes if someone other than the council gave you this care" in kai["who-gave-the-care (errors)"]
    assert "Select yes if the care was given by an organisation" in adult["who-gave-the-care (errors)"]
    assert "The council must look into your complaint" in kai["check"]
    assert "The children&#39;s social care complaints procedure" in adult["check"]


@pytest.fixture
def mailing(make_app):
    """The app with CSRF off, its emails written as files, sent as the confirmation page closes (no thread)."""
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False).test_client()


def mail_of(client) -> str:
    found = sorted((Path(client.application.config["DATA_DIR"]) / "mail").rglob("*.eml"))
    assert found, "no email was written"
    texts = []
    for path in found:
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        texts += [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return "\n".join(texts)


def test_the_council_is_told_in_its_own_words_whatever_the_child_read(mailing):
    walk(mailing, KAI, with_errors=False)
    mail = mail_of(mailing)
    assert "Was the care given by an organisation that is not the council?" not in mail  # labels, not questions
    assert "Care given by another organisation" in mail
    assert "Care from a home or agency" not in mail


# --- reading level -------------------------------------------------------------------------------------------


def grades(pages) -> dict[str, float]:
    return {slug: grade(html) for slug, html in pages}


def report(pages, limit) -> str:
    lines = []
    for slug, html in pages:
        found = grade(html)
        if found > limit:
            hard = "; ".join(f"{g:.1f} {text[:80]}" for g, text in hardest_blocks(visible_blocks(html), 3))
            lines.append(f"{slug}: grade {found:.1f} (hardest: {hard})")
    return "\n".join(lines)


@pytest.mark.parametrize("route", CHILD_ROUTES)
def test_every_page_on_a_childs_route_reads_at_grade_5_or_lower(client, route):
    pages = walked(client, route)
    assert {"get-help-now", "who-are-you", "check", "sent"} & set(slugs(pages))
    assert len(pages) >= 20 if route in ("kai", "dee", "kai-through-trusted") else len(pages) >= 18
    assert max(grades(pages).values()) <= 5, report(pages, 5)


@pytest.mark.parametrize("route", ADULT_ROUTES)
def test_every_page_on_an_adults_route_reads_at_grade_8_or_lower(client, route):
    pages = walked(client, route)
    assert len(pages) >= 20
    assert max(grades(pages).values()) <= 8, report(pages, 8)


def test_the_grade_counts_a_hard_page_as_hard():
    easy = "<main><h1>What is your name?</h1><p>You can give just your first name.</p></main>"
    hard = ("<main><h1>Representations procedure</h1><p>Notwithstanding the statutory obligations incumbent upon "
            "the authority, determinations regarding eligibility necessitate consideration of parental "
            "responsibility.</p></main>")
    assert grade(easy) <= 5 < 8 < grade(hard)
    # A heading is a sentence of its own, and hidden text is not read.
    blocks = visible_blocks('<h1>Your name</h1><p>Hello<span class="govuk-visually-hidden"> hidden</span></p>')
    assert blocks == ["Your name", "Hello"] and as_sentences(blocks) == "Your name. Hello."


# --- hard words ---------------------------------------------------------------------------------------------

# Each hard word, and what counts as an explanation of it in the same block of text or the one before or after.
TERMS = {
    "parental responsibility": (r"\bparental responsibility\b", r"parental responsibility means"),
    "special guardianship": (r"\bspecial guardian", r"special guardians?(:| is| are)|a court has chosen"),
    "looked after": (r"\blooked after\b", r"looked after (by the council )?means|\bin care\b"),
    "procedure": (r"\bprocedures?\b", r"procedure is the set of steps|set steps"),
    "stage 1": (r"\bstage 1\b", r"first reply|called stage 1|stage 1 (is|means)"),
    "advocate": (r"\badvoca(te|tes|cy)\b", r"say what (you|they) want"),
    "sufficient interest": (r"\bsufficient interest\b", r"sufficient interest means|close enough interest"),
}


def unexplained_terms(html: str) -> list[str]:
    """The hard words whose first appearance on the page has no explanation beside it."""
    blocks = visible_blocks(html)
    found = []
    for term, (pattern, explained) in TERMS.items():
        for index, block in enumerate(blocks):
            if re.search(pattern, block, re.IGNORECASE):
                beside = " ".join(blocks[max(0, index - 1): index + 2])
                if not re.search(explained, beside, re.IGNORECASE):
                    found.append(f"{term!r} in {block!r}")
                break
    return found


def test_the_hard_words_check_finds_a_hard_word_left_alone():
    assert unexplained_terms("<p>This is stage 1 of the procedure.</p>") == [
        "'procedure' in 'This is stage 1 of the procedure.'", "'stage 1' in 'This is stage 1 of the procedure.'"]
    assert unexplained_terms("<p>A manager writes back. This first reply is called stage 1.</p>") == []
    assert unexplained_terms("<h2>Advocacy</h2><p>An advocate helps you say what you want.</p>") == []


@pytest.mark.parametrize("route", CHILD_ROUTES)
def test_no_hard_word_is_shown_to_a_child_without_an_explanation_beside_it(client, route):
    problems = {slug: unexplained_terms(html) for slug, html in walked(client, route)}
    assert not {slug: found for slug, found in problems.items() if found}


def test_an_adult_is_told_what_parental_responsibility_and_a_complaints_procedure_are(client):
    pages = dict(walk(client, PARENT_OF_NINE, with_errors=False))
    assert "Parental responsibility means the law lets you make big decisions for a child." in pages["who-are-you"]
    assert "A complaints procedure is the set of steps the council follows" in pages["check"]
    assert "This is stage 1." in pages["sent"]


# --- help on every page ----------------------------------------------------------------------------------


def help_box(html: str) -> str:
    found = re.search(r'<aside class="app-help".*?</aside>', html, re.S)
    return found.group(0) if found else ""


def test_every_citizen_page_says_how_to_get_help_with_a_number_to_tap(client):
    pages = list(walked(client, "parent-of-9"))
    for path in ("/", "/accessibility", "/privacy", "/cookies", "/complaint/expired", "/no-such-page"):
        pages.append((path, client.get(path).get_data(as_text=True)))
    for slug, html in pages:
        box = help_box(html)
        assert 'href="tel:+441632960000"' in box, f"no help on {slug}"
        assert "advocate" not in box  # the adult's help box is the number alone


def test_a_child_is_offered_an_advocate_in_one_sentence_on_every_page_after_saying_who_they_are(client):
    pages = walked(client, "kai")
    after_who = slugs(pages).index("what-is-it-about")
    for slug, html in pages[after_who:]:
        box = " ".join(visible_blocks(help_box(html)))
        assert "You can also ask for a free advocate: someone on your side who helps you say what you want." in box, (
            slug)
        assert "tel:+441632960000" in help_box(html)


# --- the defects Kai met ----------------------------------------------------------------------------------


def test_a_child_is_not_offered_a_calendar_file_or_a_print_page(client):
    sent = dict(walk(client, KAI, with_errors=False))["sent"]
    assert "Add these dates to your calendar" not in sent and "calendar.ics" not in sent
    assert "Print your complaint" not in sent and "/sent/print" not in sent
    assert "Keep your reference number safe" in sent
    assert "This page stays open in this browser for 30 minutes." in sent
    assert client.get("/complaint/sent/calendar.ics").status_code == 404
    assert client.get("/complaint/sent/print").status_code == 404
    assert client.get("/complaint/sent").status_code == 200  # the confirmation itself still shows


def test_a_care_leaver_whose_contact_is_safe_is_not_offered_them_either(client):
    sent = dict(walk(client, DEE, with_errors=False))["sent"]
    assert "calendar.ics" not in sent and "/sent/print" not in sent
    assert client.get("/complaint/sent/calendar.ics").status_code == 404


def test_an_adult_who_said_contact_is_not_safe_is_not_offered_them(client):
    route = answers(contacting_you_safely={"safe": "no", "safe_way": "Only call on Tuesdays.", "leave_message": "yes"})
    sent = dict(walk(client, route, with_errors=False))["sent"]
    assert "calendar.ics" not in sent and "/sent/print" not in sent
    assert client.get("/complaint/sent/print").status_code == 404


def test_an_adult_who_is_safe_to_contact_keeps_the_calendar_and_print(client):
    sent = dict(walk(client, PARENT, with_errors=False))["sent"]
    assert "calendar.ics" in sent and "/sent/print" in sent
    assert client.get("/complaint/sent/calendar.ics").status_code == 200


def test_a_child_is_never_told_to_go_to_staff_first(client):
    advice = dict(walk(client, KAI, with_errors=False, send=False))["sorting-it-out-first"]
    text = " ".join(visible_blocks(advice, main_only=True))
    assert "You do not have to tell the people your complaint is about." in text
    assert "call you back" not in text and "their manager" not in text and "staff" not in text
    adult = dict(walk(client.application.test_client(), PARENT_OF_NINE, with_errors=False, send=False))
    assert "call you back" in adult["sorting-it-out-first"]


def test_the_emergency_page_gives_childline_to_anyone_and_a_childs_words_to_a_child(client):
    pages = dict(walk(client, KAI, with_errors=False, send=False))
    first = pages["get-help-now"]
    assert 'href="tel:08001111"' in first and ">0800 1111</a>" in first
    assert "If you are a child or young person" in first
    # Once the person has said they are a child, the page speaks to them.
    again = client.get("/complaint/get-help-now").get_data(as_text=True)
    assert "If you or another child are in danger right now, call" in again
    assert "A complaint cannot keep you safe today." in again
    assert 'href="tel:08001111"' in again


def test_a_parent_of_a_younger_child_is_asked_whether_the_child_knows_and_it_never_stops_them(mailing):
    client = mailing
    pages = walk(client, PARENT_OF_NINE, with_errors=True)
    seen = slugs(pages)
    assert "does-the-child-know" in seen and "does-the-child-agree" not in seen
    asked = dict(pages)["does-the-child-know"]
    assert "Does Sam Smith know about this complaint?" in asked
    # The consent age is the council's setting, said as such (walk I, I8; the old words stated it as a rule).
    assert "asks for a child&#39;s agreement to a complaint made for them from the age of 12" in asked
    assert "Select whether the child knows about this complaint" in dict(pages)["does-the-child-know (errors)"]
    check = dict(pages)["check"]
    assert "Does the child know about the complaint?" in check and "No, they do not know" in check
    assert "Does the child know about the complaint?" in mail_of(client)


@pytest.mark.parametrize(
    "route",
    [
        AUNT_OF_FOURTEEN,  # at the consent age: the agreement question instead
        KAI,  # a child complaining for themselves
        answers(who_are_you={"who": "advocate"}, advocate_details={
            "advocate_name": "Ali", "organisation": "Voice", "role": "Advocate", "direct_phone": "01632 960111",
            "working_hours": "9 to 5", "advocate_email": "ali@example.com"},
            about_the_child={"child_name": "Mo", "child_age": "8", "child_dob": ["", "", ""]}),
    ],
    ids=["child-of-14", "the-child-themselves", "an-advocate"],
)
def test_whether_the_child_knows_is_asked_only_about_a_younger_child_by_someone_else(client, route):
    assert "does-the-child-know" not in slugs(walk(client, route, with_errors=False, send=False))


# --- taking a complaint further ----------------------------------------------------------------------------


def test_a_young_person_taking_it_further_reads_the_young_words_and_an_adult_the_adult_words(client, app):
    mia = dict(walk(client, MIA, with_errors=True))
    pat = dict(walk(app.test_client(), PAT_FURTHER, with_errors=True, send=False))
    assert "Which kind of complaint was it?" in mia["which-procedure"]
    assert "Which complaints procedure is your complaint in?" in pat["which-procedure"]
    assert "Select which kind of complaint, or I&#39;m not sure" in mia["which-procedure (errors)"]
    assert "Select which complaints procedure, or I&#39;m not sure" in pat["which-procedure (errors)"]
    assert "Which reply did you get last?" in mia["which-reply"] and "The second reply (stage 2)" in mia["which-reply"]
    assert "Select which reply you got last" in mia["which-reply (errors)"]
    assert "Most people ask within 20 working days of the reply." in mia["asking-later"]
    assert "Check your answers, then send your request" in mia["check"]
    assert "A review panel: three people who do not work for the council look at your complaint" in mia["check"]
    assert "Last reply you got" in mia["check"] and "The second reply (stage 2)" in mia["check"]
    assert "We have your request. Keep your reference number safe" in mia["sent"]


def test_a_young_person_asking_for_a_review_panel_is_told_an_advocate_can_come_or_go_in_their_place(client):
    pages = dict(walk(client, MIA, with_errors=False))
    for slug in ("advocate", "sent"):
        text = " ".join(visible_blocks(pages[slug], main_only=True))
        assert re.search(r"bring an advocate and one other person, or send an advocate (to speak for you|instead "
                         r"of you)", text), slug
        assert "An advocate is someone on your side who helps you say what you want." in text, slug


def test_the_council_gets_its_own_words_for_a_young_persons_request(mailing):
    walk(mailing, MIA, with_errors=False)
    mail = mail_of(mailing)
    assert "A review panel (stage 3 of the children's social care complaints procedure)" in mail
    assert "three people who do not work for the council look at your complaint" not in mail


def test_a_young_person_taking_it_further_in_welsh_reads_the_young_words_in_welsh(client):
    go = client.get("/complaint/")
    for _ in range(40):
        slug = slug_of(go.location)
        if slug == "which-procedure":
            break
        client.get(go.location)
        go = client.post(go.location, data=MIA.get(slug, {"carry_on": "yes"}))
    client.post("/complaint/which-procedure", data={"switch_language": "cy"})
    html = client.get("/complaint/which-procedure").get_data(as_text=True)
    assert '<html lang="cy"' in html
    assert "Pa fath o gŵyn oedd hi?" in html
    assert "Cwyn am ofal i blentyn" in html
    assert "Which kind of complaint was it?" not in html


def test_a_young_person_told_the_ombudsman_is_next_reads_it_at_grade_5(client):
    final = answers(MIA, which_reply={"reply_stage": "final"})
    go = client.get("/complaint/")
    for _ in range(40):
        slug = slug_of(go.location)
        if slug == "the-ombudsman-is-next":
            break
        assert slug != "check"
        client.get(go.location)
        go = client.post(go.location, data=final.get(slug, {"carry_on": "yes"}))
    html = client.get("/complaint/the-ombudsman-is-next").get_data(as_text=True)
    assert "You have had the last reply from the council." in html
    assert grade(html) <= 5, report([("the-ombudsman-is-next", html)], 5)
    assert not unexplained_terms(html)
