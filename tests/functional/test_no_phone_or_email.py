"""A child or care leaver with no phone and no email of their own can finish (issue 14, session 6): through someone
they trust, through the advocate they asked for, or with no way at all for now. The council is told how to reach
them and never through someone the complaint is about; nothing is sent to the trusted person; the child is told
who we will contact, or how to follow up. And "Can we leave a message?" is asked only with a phone (fresh-eyes Y1),
with the council's subject tagged when the way given is not safe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.delivery_fixtures import complaint_schema, schema_errors
from tests.functional.test_child_words import DEE, DEE_NO_WAY, KAI, KAI_THROUGH_TRUSTED, NO_WAY, answers, walk
from tests.journey_answers import PARENT, answer_until_check, body, council_email, sent_mail, text_of

TRUSTED = KAI_THROUGH_TRUSTED["someone-you-trust"]


@pytest.fixture
def mailing(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False).test_client()


def attached(message) -> dict:
    return next(json.loads(part.get_content()) for part in message.iter_attachments()
                if part.get_filename().endswith(".json"))


def needs_action(text: str) -> str:
    return text.split("NEEDS ACTION", 1)[1].split("\n\n", 1)[0]


def test_a_child_with_no_phone_or_email_sends_through_someone_they_trust_and_the_council_is_told_how(mailing):
    pages = dict(walk(mailing, KAI_THROUGH_TRUSTED, with_errors=False))
    slugs = list(pages)
    # Leaving every way empty is accepted for a child, and asks how to reach them instead; no safety question
    # about a way they did not give, and no "Can we leave a message?".
    assert slugs[slugs.index("contact-details") + 1: slugs.index("contact-details") + 3] == [
        "reaching-you", "someone-you-trust"]
    assert "contacting-you-safely" not in slugs
    contact_page = text_of_html(pages["contact-details"])
    assert "leave this page empty and select Continue" in contact_page
    reach = text_of_html(pages["reaching-you"])
    assert "Through someone I trust" in reach and "Through the advocate I asked for" in reach  # Kai asked for one
    assert "I do not have a way to be contacted right now" in reach
    check = text_of_html(pages["check"])
    assert "Sam Okafor" in check and "My social worker" in check and "01632 960 123" in check

    sent = text_of_html(pages["sent"])
    assert "We will contact you through Sam Okafor, the person you told us you trust." in sent
    assert "We will not tell them what your complaint says." in sent

    message = council_email(mailing)
    assert str(message["Subject"]).startswith("[Child in danger reported] [Contact safely: read first] ")
    action = needs_action(body(message))
    assert ("Contact this person only through someone they trust: Sam Okafor, their social worker (phone "
            "01632 960 123, email sam.okafor@example.gov.uk).") in action
    assert "check it is not about them: never reach someone through a person their complaint is about" in action
    assert "(contact.through_trusted)" in action
    record = attached(message)
    assert record["answers"]["contact"]["through"] == "trusted"
    assert record["answers"]["contact"]["trusted"] == {
        "role": "social_worker", "name": "Sam Okafor", "phone": "01632 960 123",
        "email": "sam.okafor@example.gov.uk", "complaint_about_them": "no"}
    assert record["answers"]["contact"]["leave_message"] is None
    schema = complaint_schema()
    assert schema_errors(record, schema) == []
    # Nothing goes to the trusted person: whoever reads their inbox does not get the complaint.
    assert all("okafor" not in str(m["To"]).lower() for m in sent_mail(mailing))


def text_of_html(html: str) -> str:
    class Page:
        def get_data(self, as_text=True):
            return html

    return text_of(Page())


def test_a_child_who_says_the_complaint_is_about_that_person_is_asked_to_choose_someone_else(client):
    answer_until_check(client, KAI_THROUGH_TRUSTED)
    refused = client.post("/complaint/someone-you-trust", data={**TRUSTED, "trusted_about": "yes"})
    page = text_of(client.get(refused.location))
    assert "We cannot reach you through someone your complaint is about." in page
    assert "Sam Okafor" in client.get(refused.location).get_data(as_text=True)  # what they typed is kept
    # Not sure: accepted, and the council is told to check.
    client.post("/complaint/someone-you-trust", data={**TRUSTED, "trusted_about": "unsure"})
    assert client.get("/complaint/check").status_code == 200


def test_not_sure_whether_it_is_about_them_tells_the_council_to_check(mailing):
    route = answers(KAI_THROUGH_TRUSTED, someone_you_trust={**TRUSTED, "trusted_about": "unsure"})
    walk(mailing, route, with_errors=False)
    action = needs_action(body(council_email(mailing)))
    assert "They were not sure whether their complaint is about this person." in action


@pytest.mark.parametrize("missing, error", [
    ({"trusted_phone": "", "trusted_email": ""}, "Enter their phone number or their email address"),
    ({"trusted_email": "not an address"}, "Enter an email address in the correct format"),
    ({"trusted_phone": "call the school"}, "Enter a telephone number"),
    ({"trusted_name": ""}, "Enter their name"),
    ({"trusted_role": "the_person_i_complain_about"}, "Select who this person is"),
])
def test_the_trusted_persons_details_are_checked_as_the_childs_own_are(client, missing, error):
    answer_until_check(client, KAI_THROUGH_TRUSTED)
    refused = client.post("/complaint/someone-you-trust", data={**TRUSTED, **missing})
    assert "someone-you-trust" in refused.location
    assert error in text_of(client.get(refused.location))


def test_through_the_advocate_is_offered_only_to_a_child_who_asked_for_one(mailing):
    without = answers(KAI_THROUGH_TRUSTED, advocate={"advocacy": "no"})
    answer_until_check(mailing, without)
    page = text_of(mailing.get("/complaint/reaching-you"))
    assert "Through someone I trust" in page and "Through the advocate I asked for" not in page
    # A hand-made post of the choice not offered is refused.
    refused = mailing.post("/complaint/reaching-you", data={"through": "advocate"})
    assert "reaching-you" in refused.location


def test_a_child_reached_through_the_advocate_they_asked_for(mailing):
    pages = dict(walk(mailing, answers(KAI_THROUGH_TRUSTED, reaching_you={"through": "advocate"}),
                      with_errors=False))
    assert "someone-you-trust" not in pages
    # Fresh-eyes G1: there is no advocate yet, so the page no longer says "We will contact you through your
    # advocate" (assertion changed): it says nobody can contact them for now, and when to call.
    assert "You do not have one yet, so nobody can contact you for now." in text_of_html(pages["sent"])
    message = council_email(mailing)
    assert "[Contact safely: read first]" in str(message["Subject"])
    assert "Contact this person only through the advocacy service they asked for" in needs_action(body(message))
    assert attached(message)["answers"]["contact"]["through"] == "advocate"
    assert attached(message)["answers"]["contact"]["trusted"] is None


def test_a_care_leaver_with_no_way_at_all_still_sends_and_is_told_to_call_the_council(mailing):
    pages = dict(walk(mailing, DEE_NO_WAY, with_errors=False))
    council = mailing.application.extensions["council"]
    sent = text_of_html(pages["sent"])
    assert (f"You did not give us a way to contact you. To find out what happens, call {council.name} on "
            f"{council.phone} and give your reference number.") in sent
    message = council_email(mailing)
    assert "[No way to contact]" in str(message["Subject"])
    assert "No way to contact: this person gave no phone, email, address or anyone to contact them through." in (
        needs_action(body(message)))
    assert attached(message)["answers"]["contact"]["through"] == "nobody"


def test_an_adult_must_still_give_a_way_to_contact_them(client):
    answer_until_check(client, PARENT)
    refused = client.post("/complaint/contact-details", data=NO_WAY)
    assert "contact-details" in refused.location
    assert "Enter an email address, a phone number or an address" in text_of(client.get(refused.location))
    assert client.get("/complaint/reaching-you").status_code == 302  # not on an adult's route


def test_a_child_who_goes_back_and_gives_a_phone_is_contacted_that_way_not_through_the_other_person(mailing):
    answer_until_check(mailing, KAI_THROUGH_TRUSTED)
    mailing.post("/complaint/contact-details", data={**NO_WAY, "phone": "07700 900 982"})
    mailing.post("/complaint/contacting-you-safely", data=KAI["contacting-you-safely"])
    check = mailing.get("/complaint/check")
    assert check.status_code == 200, check.location
    assert "Sam Okafor" not in text_of(check)
    mailing.get(mailing.post("/complaint/send").location).close()
    contact = attached(council_email(mailing))["answers"]["contact"]
    assert contact["through"] is None and contact["trusted"] is None and contact["phone"] == "07700 900 982"


# --- fresh-eyes Y1 -----------------------------------------------------------------------------------------


def test_can_we_leave_a_message_is_asked_only_when_a_phone_was_given(client):
    answer_until_check(client, PARENT)  # email only
    page = text_of(client.get("/complaint/contacting-you-safely"))
    assert "Is it safe for us to contact you by email?" in page
    assert "Can we leave a message?" not in page
    assert "Can we leave a message" not in text_of(client.get("/complaint/check"))
    with_phone = {**PARENT["contact-details"], "email": "", "phone": "07700 900 123"}
    client.post("/complaint/contact-details", data=with_phone)
    assert "Can we leave a message?" in text_of(client.get("/complaint/contacting-you-safely"))


def test_a_way_that_is_not_safe_tags_the_councils_subject(mailing):
    walk(mailing, answers(PARENT, contacting_you_safely={"safe": "no", "safe_way": "Only after 6pm"}),
         with_errors=False)
    message = council_email(mailing)
    assert str(message["Subject"]).startswith("[Contact safely: read first] ")
    assert "leave_message" in attached(message)["answers"]["contact"]
    assert attached(message)["answers"]["contact"]["leave_message"] is None  # email only: not asked


def test_a_safe_way_leaves_the_subject_untagged(mailing):
    walk(mailing, PARENT, with_errors=False)
    assert "Contact safely" not in str(council_email(mailing)["Subject"])


def advocacy_email(client):
    inbox = client.application.config["ADVOCACY_INBOX"]
    found = [m for m in sent_mail(client) if str(m["To"]) == inbox and m["X-Complaint-Message"] == "advocacy"]
    assert len(found) == 1, [(str(m["To"]), m["X-Complaint-Message"]) for m in sent_mail(client)]
    return found[0]


ADVOCACY_THROUGH = ("This young person has no phone, email or address of their own that they can use. Do not "
                    "contact anyone to reach them until the council's complaints team has agreed with you how to "
                    "reach them safely: ask the complaints team first, quoting the reference.")


def test_the_advocacy_service_is_not_handed_the_trusted_person_and_the_council_sees_the_name_in_the_complaint(
        mailing):
    """Fresh-eyes walk F1 (session 6): Kai named his foster carer, Mrs Lee, to reach him, wrote about Mrs Lee, and
    answered "No" to "is your complaint about this person?". The advocacy service, which does not have the
    complaint, was handed Mrs Lee as the way in and told to "read the complaint and check". Now it is told to
    agree with the complaints team first, and the council, which has the complaint, reads that her name is in it."""
    route = answers(
        KAI_THROUGH_TRUSTED,
        your_complaint={"what_happened": "Mrs Lee will not let me see my brother.", "who_involved": "",
                        "put_right": "Let me see him."},
        someone_you_trust={"trusted_role": "carer", "trusted_name": "Mrs Lee", "trusted_phone": "01632 960 555",
                           "trusted_email": "", "trusted_about": "no"},
    )
    walk(mailing, route, with_errors=False)
    action = needs_action(body(council_email(mailing)))
    assert "Contact this person only through someone they trust: Mrs Lee" in action
    assert "This person's name is in what the complaint says." in action
    advocacy = body(advocacy_email(mailing))
    assert ADVOCACY_THROUGH in advocacy
    for secret in ("Lee", "01632 960 555", "check it is not about them"):
        assert secret not in advocacy, secret


def test_a_trusted_person_not_named_in_the_complaint_raises_no_name_flag(mailing):
    walk(mailing, KAI_THROUGH_TRUSTED, with_errors=False)  # Sam Okafor, the social worker; "My foster carer ..."
    assert "name is in what the complaint says" not in body(council_email(mailing))
    assert "Okafor" not in body(advocacy_email(mailing))


def test_through_the_advocate_with_no_advocate_yet_tells_the_council_nobody_can_reach_them_yet(mailing):
    """Fresh-eyes walk F2: "Through the advocate I asked for" when Kai has no advocate yet; the advocacy service was
    told to reach him "only through the advocacy service they asked for": itself, with no way to him."""
    walk(mailing, answers(KAI_THROUGH_TRUSTED, reaching_you={"through": "advocate"}), with_errors=False)
    action = needs_action(body(council_email(mailing)))
    assert ("They have no advocate yet, so the advocacy service has no way to reach them either: agree with it how "
            "to reach them safely") in action
    advocacy = body(advocacy_email(mailing))
    assert ADVOCACY_THROUGH in advocacy
    assert "only through the advocacy service they asked for" not in advocacy


def test_a_young_person_with_no_way_is_promised_only_what_we_can_do(mailing):
    """Fresh-eyes walk F3: with no way to contact them, the confirmation said "We will tell you we have your
    complaint by ..." and that staff may contact them. Now it says when to call instead."""
    pages = dict(walk(mailing, DEE_NO_WAY, with_errors=False))
    sent = text_of_html(pages["sent"])
    assert "We have no way to tell you we got your complaint. You can call us from" in sent
    assert "Call us then to hear it." in sent
    for promise in ("We will let you know we have your complaint", "They may contact you",
                    "we will tell you why, and reply by"):
        assert promise not in sent, promise
    # Someone who gave a way is still told we will let them know.
    other = mailing.application.test_client()
    assert "We have no way to tell you" not in text_of_html(dict(walk(other, KAI_THROUGH_TRUSTED,
                                                                         with_errors=False))["sent"])


@pytest.mark.parametrize("reaching", ["nobody", "advocate"])
def test_the_council_email_does_not_point_at_contact_details_that_are_not_there(mailing, reaching):
    # Walk G (M7): Ffion gave no phone, email or address; the council email ended "The complainant gave no email
    # address: use the contact details above", and above there were none.
    route = DEE_NO_WAY if reaching == "nobody" else answers(KAI_THROUGH_TRUSTED, reaching_you={"through": "advocate"})
    walk(mailing, route, with_errors=False)
    message = council_email(mailing)
    for part in (body(message), message.get_body(preferencelist=("html",)).get_content()):
        assert "use the contact details above" not in part
        assert ("The complainant gave no phone, email or address of their own: reach them only as the action list "
                "says.") in part


def test_an_adult_with_an_address_only_is_still_pointed_at_it(mailing):
    address_only = {**PARENT["contact-details"], "email": "", "address_line_1": "1 High Street",
                    "address_town": "Exampleton", "address_postcode": "EX1 1AA"}
    walk(mailing, {**PARENT, "contact-details": address_only, "how-to-contact-you": {"preferred": "post"}},
         with_errors=False)
    assert "The complainant gave no email address: use the contact details above." in body(council_email(mailing))


def test_asking_the_organisation_that_gave_the_care_comes_with_a_caution_for_a_child_who_lives_there(mailing):
    # Walk G (M4): Ffion lives in the children's home her complaint is about; the council email said "Ask them for
    # their account" with no caution.
    walk(mailing, {**PARENT, "who-gave-the-care": {"provider": "yes", "provider_name": "Bryn Derw Children's Home"}},
         with_errors=False)
    action = needs_action(body(council_email(mailing)))
    assert "Bryn Derw Children's Home. Ask them for their account." in action
    assert ("If the child lives there, first agree with the child, or whoever made the complaint, when and how you "
            "will ask, so the child is not put at risk.") in action


# --- session 7: what a young person with no way, or not sure about the person they trust, is told ----------------

KAI_NO_WAY = answers(KAI, contact_details=NO_WAY, reaching_you={"through": "nobody"})
NO_WAY_STAGE1 = {
    # (route, language): the stage 1 sentence they read, up to the council's number.
    ("kai", "en"): "A manager will look into it and get a reply ready. This first reply is called stage 1. We cannot "
                   "send it to you, so call us on",
    ("dee", "en"): "If we look at your complaint, a manager will look into it and get a reply ready. This first reply "
                   "is called stage 1. We cannot send it to you, so call us on",
    ("kai", "cy"): "Bydd rheolwr yn edrych arni ac yn paratoi ateb. Cam 1 yw'r enw ar yr ateb cyntaf hwn. Allwn ni "
                   "ddim ei anfon atoch chi, felly ffoniwch ni ar",
    ("dee", "cy"): "Os byddwn yn edrych ar eich cwyn, bydd rheolwr yn edrych arni ac yn paratoi ateb. Cam 1 yw'r enw "
                   "ar yr ateb cyntaf hwn. Allwn ni ddim ei anfon atoch chi, felly ffoniwch ni ar",
}


@pytest.mark.parametrize("route, language", list(NO_WAY_STAGE1))
def test_a_young_person_with_no_way_is_not_told_a_manager_will_write_back(mailing, route, language):
    """The stage 1 sentence promised "a manager will look into it and write back to you" to someone nobody can
    write to: it now says the reply will be ready and to call the council's number to hear it."""
    council = mailing.application.extensions["council"]
    mailing.get(f"/language/{language}?next=/")
    pages = dict(walk(mailing, {"kai": KAI_NO_WAY, "dee": DEE_NO_WAY}[route], with_errors=False))
    sent = text_of_html(pages["sent"]).replace("&#39;", "'")
    assert f"{NO_WAY_STAGE1[route, language]} {council.phone}" in sent
    for promise in ("write back to you", "reply to you", "ysgrifennu'n ôl atoch", "yn eich ateb"):
        assert promise not in sent, promise
    # The number in it is a link that calls it.
    stage1 = pages["sent"].split(NO_WAY_STAGE1[route, language][-30:], 1)[1].split("</li>", 1)[0]
    assert 'href="tel:' in stage1 and council.phone in stage1
    # No email goes to the person (they gave none): only the council's, and the advocacy service's for Kai.
    to = {str(m["To"]) for m in sent_mail(mailing)}
    assert to <= {mailing.application.config["COUNCIL_INBOX"], mailing.application.config.get("ADVOCACY_INBOX")}
    # Someone who gave a way is still told a manager will write back.
    other = mailing.application.test_client()
    other.get(f"/language/{language}?next=/")
    kept = text_of_html(dict(walk(other, {"kai": KAI_THROUGH_TRUSTED, "dee": DEE}[route], with_errors=False))["sent"])
    assert NO_WAY_STAGE1[route, language] not in kept.replace("&#39;", "'")


def test_the_stage_1_words_for_no_way_are_their_own_in_every_case():
    from wizard.domain.vocabulary import STAGE1_NO_WAY_WORDS, STAGE1_WORDS, stage1_words

    for procedure in ("statutory", "corporate"):
        for decide_first in (False, True):
            said = stage1_words(procedure, decide_first, no_way=True)
            assert said not in {text for pair in STAGE1_WORDS.values() for text in pair}
            assert "%(phone)s" in said and "reply to you" not in said
            assert said in STAGE1_NO_WAY_WORDS[procedure]


@pytest.mark.parametrize("language, hint, told", [
    ("en", "We will read your complaint first, to check it is not about them, before we talk to them.",
     "You were not sure if your complaint is about this person. We will read it first, to check it is not about "
     "them, before we talk to them."),
    ("cy", "Byddwn yn darllen eich cwyn yn gyntaf, i wirio nad yw hi amdanyn nhw, cyn i ni siarad â nhw.",
     "Doeddech chi ddim yn siŵr a yw eich cwyn am y person hwn. Byddwn yn ei darllen yn gyntaf, i wirio nad yw hi "
     "amdanyn nhw, cyn i ni siarad â nhw."),
])
def test_not_sure_whether_it_is_about_them_tells_the_child_the_council_checks_first(mailing, language, hint, told):
    """Fresh-eyes F4: "I'm not sure" was taken without a word to the child. The choice says what happens, and so
    does the confirmation; "No" says nothing of the kind."""
    mailing.get(f"/language/{language}?next=/")
    route = answers(KAI_THROUGH_TRUSTED, someone_you_trust={**TRUSTED, "trusted_about": "unsure"})
    pages = dict(walk(mailing, route, with_errors=False))
    assert hint in text_of_html(pages["someone-you-trust"])
    assert told in text_of_html(pages["sent"])
    other = mailing.application.test_client()
    other.get(f"/language/{language}?next=/")
    assert told not in text_of_html(dict(walk(other, KAI_THROUGH_TRUSTED, with_errors=False))["sent"])


@pytest.mark.parametrize("language, contact, refusal, too_long", [
    ("en", "Give us a way to reach you if you have one.",
     "Choose someone else, or go back and choose another way. You can still send your complaint.",
     "“Their name” must be 200 characters or fewer"),
    ("cy", "Rhowch ffordd i ni gysylltu â chi os oes gennych un.",
     "Dewiswch rywun arall, neu ewch yn ôl a dewiswch ffordd arall. Gallwch chi anfon eich cwyn o hyd.",
     "Rhaid i “Eu henw” fod yn 200 nod neu lai"),
])
def test_the_childs_contact_pages_say_one_thing_and_errors_name_the_answer(client, language, contact, refusal,
                                                                          too_long):
    """Fresh-eyes F7: "Give us at least one way to reach you" then "leave this page empty"; a refusal that did not
    say the complaint can still be sent; "Answer must be 200 characters or fewer", naming no answer."""
    client.get(f"/language/{language}?next=/")
    answer_until_check(client, KAI_THROUGH_TRUSTED)
    page = text_of(client.get("/complaint/contact-details")).replace("&#39;", "'")
    assert contact in page
    assert "at least one" not in page and "o leiaf un" not in page
    refused = client.post("/complaint/someone-you-trust", data={**TRUSTED, "trusted_about": "yes"})
    assert refusal in text_of(client.get(refused.location)).replace("&#39;", "'")
    refused = client.post("/complaint/someone-you-trust", data={**TRUSTED, "trusted_name": "S" * 201})
    shown = text_of(client.get(refused.location)).replace("&#39;", "'")
    assert too_long in shown and "Answer must be" not in shown
    # An adult is still asked for at least one way.
    adult = client.application.test_client()
    adult.get(f"/language/{language}?next=/")
    answer_until_check(adult, PARENT)
    assert contact not in text_of(adult.get("/complaint/contact-details")).replace("&#39;", "'")


def test_a_child_reads_one_word_for_the_length_of_an_answer():
    """Fresh-eyes F7: the hint said "letters and spaces" where the counter and the errors say "characters"."""
    from babel.messages.pofile import read_po

    from wizard.domain.young_words import YOUNG

    with (Path(__file__).resolve().parents[2] / "translations" / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        welsh = {m.id: m.string for m in read_po(f)}
    limits = [young for table in YOUNG.values() for young in table.values() if "%(limit)s" in young]
    assert len(limits) >= 3
    for young in limits:
        assert "%(limit)s characters" in young and "letters and spaces" not in young, young
        assert "%(limit)s nod" in welsh[young] and "llythyren" not in welsh[young], welsh[young]


# --- fresh-eyes walk G (session 7): G1, G8 and G2 ------------------------------------------------------------------

KAI_THROUGH_ADVOCATE = answers(KAI_THROUGH_TRUSTED, reaching_you={"through": "advocate"})
CANNOT_REACH = [("kai-advocate", KAI_THROUGH_ADVOCATE), ("dee-no-way", DEE_NO_WAY)]


@pytest.mark.parametrize("name, route", CANNOT_REACH)
def test_a_child_nobody_can_reach_yet_is_promised_nothing_we_cannot_do(mailing, name, route):
    """G1: "through the advocate I asked for", with no advocate yet, was promised "We will contact you through
    your advocate ... We will not contact you directly" and a date we would tell them by. G8: with no way at all,
    the dates still read "We tell you we have your complaint" and "We send you our first reply"."""
    council = mailing.application.extensions["council"]
    pages = dict(walk(mailing, route, with_errors=False))
    sent = text_of_html(pages["sent"])
    for promise in ("We will contact you through your advocate", "We will not contact you directly",
                    "We will let you know we have your complaint", "We tell you we have your complaint",
                    "We send you our first reply", "They may contact you", "write back to you"):
        assert promise not in sent, promise
    assert "We have no way to tell you we got your complaint. You can call us from" in sent
    assert "Call us from this day to check we have your complaint" in sent
    assert "Our first reply should be ready: call us to hear it" in sent
    assert f"call {council.name} on {council.phone} and give your reference number" in sent
    if name == "kai-advocate":
        assert ("You asked for an advocate: someone on your side who helps you say what you want. You do not have "
                "one yet, so nobody can contact you for now.") in sent
        # The example council gives no advocacy number: none is made up.
        assert "call the advocacy service yourself" not in sent


def test_the_advocacy_number_is_given_only_when_the_council_has_one(make_app):
    from dataclasses import replace

    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    app.extensions["council"] = replace(app.extensions["council"], advocacy_phone="0808 800 5792")
    pages = dict(walk(app.test_client(), KAI_THROUGH_ADVOCATE, with_errors=False))
    assert "You can also call the advocacy service yourself on 0808 800 5792" in text_of_html(pages["sent"])
    assert 'href="tel:+448088005792"' in pages["sent"]


def test_a_child_nobody_can_reach_yet_reads_it_in_welsh(mailing):
    mailing.get("/language/cy?next=/")
    pages = dict(walk(mailing, KAI_THROUGH_ADVOCATE, with_errors=False))
    sent = text_of_html(pages["sent"]).replace("&#39;", "'")
    assert "Does gennych chi ddim un eto, felly all neb gysylltu â chi am y tro." in sent
    assert "Ffoniwch ni o'r diwrnod hwn ymlaen i wirio bod eich cwyn gennym" in sent
    assert "Dylai ein hateb cyntaf fod yn barod: ffoniwch ni i'w glywed" in sent
    assert "Byddwn yn cysylltu â chi drwy eich eiriolwr" not in sent
    reach = text_of_html(pages["reaching-you"]).replace("&#39;", "'")
    assert "Does gennych chi ddim un eto" in reach


SAM = answers(
    DEE,
    your_name={"name": "Sam"},
    contact_details={"email": "sam@example.com", "phone": "07700 900123", "address_line_1": "",
                     "address_line_2": "", "address_town": "", "address_postcode": ""},
    how_to_contact_you={"preferred": "email"},
    contacting_you_safely={"safe": "yes", "leave_message": "no",
                           "safe_way": "The phone is shared with my flatmate. Email only please, do not call or text."},
)


def test_what_someone_types_about_their_safety_is_kept_whatever_they_answered(mailing):
    """G2: Sam typed "do not call or text" under "Is it safe ... by email? Yes": it was thrown away, and the
    council got his phone number with nothing but "do not leave a message"."""
    pages = dict(walk(mailing, SAM, with_errors=False))
    typed = SAM["contacting-you-safely"]["safe_way"]
    assert typed in text_of_html(pages["check"])
    message = council_email(mailing)
    assert f"How to contact this person safely: {typed}" in needs_action(body(message))
    assert attached(message)["answers"]["contact"]["safe_way"] == typed


def test_every_way_given_is_asked_about(client):
    """G2: only the preferred way was asked about; a shared phone given beside an email never was."""
    answer_until_check(client, SAM)
    page = text_of(client.get("/complaint/contacting-you-safely"))
    assert "Is it safe for us to contact you by email and by phone?" in page
    assert "If any of them is not safe, choose No and tell us below." in page
    one_way = client.application.test_client()
    answer_until_check(one_way, PARENT)
    page = text_of(one_way.get("/complaint/contacting-you-safely"))
    assert "Is it safe for us to contact you by email?" in page and "If any of them" not in page


def test_nothing_typed_about_safety_adds_nothing_and_too_much_is_refused_not_dropped(mailing):
    answer_until_check(mailing, SAM)
    refused = mailing.post("/complaint/contacting-you-safely",
                           data={"safe": "yes", "leave_message": "no", "safe_way": "x" * 501})
    assert "contacting-you-safely" in refused.location
    assert "How we can contact you safely must be 500 characters or fewer" in text_of(mailing.get(refused.location))
    mailing.post("/complaint/contacting-you-safely", data={"safe": "yes", "leave_message": "no", "safe_way": "  "})
    assert "How to contact you safely" not in text_of(mailing.get("/complaint/check"))
