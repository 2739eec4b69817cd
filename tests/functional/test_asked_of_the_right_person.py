"""Questions and errors said to the right person (fresh-eyes walk H, session 7): the advocate's page about the
child's help says "the help the child needs" (H10); a parent who has just said the child does not know about the
complaint is not asked what the child would like, but whether they want the council to offer the child an advocate
(H11). English and Welsh."""

from __future__ import annotations

import pytest

from tests.functional.test_people_journey import ADVOCATE, walk_to
from tests.journey_answers import PARENT, answer_until_check, text_of

UNAWARE = {**PARENT, "does-the-child-know": {"child_knows": "no"}}


@pytest.mark.parametrize("language, said, not_said", [
    ("en", "Select the help the child needs, or select that they do not need help", "Select the help you need"),
    # Session 9 (brief item 4, Welsh mutations): "neu ddewiswch", softened after "neu" (was "neu dewiswch").
    ("cy", "Dewiswch yr help sydd ei angen ar y plentyn, neu ddewiswch nad oes angen help arno",
     "Dewiswch yr help sydd ei angen arnoch"),
])
def test_the_error_on_the_childs_help_page_is_about_the_child(client, language, said, not_said):
    client.get(f"/language/{language}?next=/")
    walk_to(client, {**ADVOCATE, "contacting-the-child-safely": {"child_safe": "yes", "child_safe_way": "",
                                                                  "child_leave_message": "yes"}},
            "help-for-the-child")
    page = text_of(client.post("/complaint/help-for-the-child", data={}, follow_redirects=True))
    assert said in page and not_said not in page
    # The person's own help page still speaks to them.
    own = client.application.test_client()
    own.get(f"/language/{language}?next=/")
    walk_to(own, PARENT, "help-to-take-part")
    assert not_said in text_of(own.post("/complaint/help-to-take-part", data={}, follow_redirects=True))


@pytest.mark.parametrize("language, question, hint, yes", [
    ("en", "Would you like the council to offer the child an advocate?",
     "You said the child does not know about the complaint yet", "Yes"),
    ("cy", "Hoffech chi i'r cyngor gynnig eiriolwr i'r plentyn?",
     "Dywedoch chi nad yw'r plentyn yn gwybod am y gŵyn eto", "Hoffwn"),
])
def test_a_parent_whose_child_does_not_know_is_asked_what_they_want(client, language, question, hint, yes):
    client.get(f"/language/{language}?next=/")
    answer_until_check(client, UNAWARE)
    page = text_of(client.get("/complaint/advocate-for-the-child"))
    assert question in page and hint in page and yes in page
    refused = text_of(client.post("/complaint/advocate-for-the-child", data={}, follow_redirects=True))
    assert ("Select yes if you would like the council to offer the child an advocate" in refused
            or "Dewiswch ‘Hoffwn’ os hoffech chi i'r cyngor gynnig eiriolwr i'r plentyn" in refused)
    # A child who knows: the question is still the child's wish.
    knows = client.application.test_client()
    knows.get(f"/language/{language}?next=/")
    answer_until_check(knows, PARENT)
    assert question not in text_of(knows.get("/complaint/advocate-for-the-child"))
