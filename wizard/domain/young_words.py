"""The young text set: what a child, young person or care leaver reads instead of the adult sentence, on the
pages and in the complainant's email. One table, here in the domain as plain data, because the journey
(``journey/words.py``) and the emails (``delivery/messages.py``, which never imports the journey) both read it;
no young sentence is written twice.

Keys are the adult sentences exactly as the service says them (the catalogue's English source text); values are
the young versions, written for a reader of about 9 to 11 (Flesch-Kincaid grade 5 or lower on every page of the
route and in their email). A test fails if a key is not a sentence the service says, so a changed adult sentence
cannot leave its young version behind. Words a child stumbles on ("procedure", "stage 1", "looked after",
"parental responsibility", "special guardianship", "sufficient interest") are left out, or explained where they
first appear; "advocate" is always explained beside it.

Tables: "*" for every page of the journey, then one per page (a step's name, "check", "confirmation"); the
page's own table wins (``words_for``). The complainant's email reads what the confirmation page reads, plus the
email's own sentences ("email"): ``YOUNG_EMAIL``. ``Reworded`` lays a table over a gettext catalogue: each adult
sentence is swapped for its young version, then translated as usual (English, or the young sentence's Welsh).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .vocabulary import N_, REVIEW_PANEL_WORDS, WHO_SELF

# The people who read the young words: those complaining for themselves (the vocabulary's ``WHO_SELF``).
YOUNG_AUDIENCE = WHO_SELF


def audience(who: str | None) -> str:
    """"young" for a child, young person or care leaver complaining for themselves; "adult" otherwise."""
    return "young" if who in YOUNG_AUDIENCE else "adult"


def gets_childline(who: str | None) -> bool:
    """Whether the help on every page gives Childline's number: for a child complaining for themselves, not a care
    leaver (walk O, O1)."""
    return who == "child"


# Young sentences that stand for more than one adult sentence: written once, here.
STAGE1_YOUNG = N_("A manager will look into it and write back to you. This first reply is called stage 1.")
STAGE1_DECIDE_FIRST_YOUNG = N_(
    "If we look at your complaint, a manager will look into it and write back to you. This first reply is called "
    "stage 1."
)
STAGE1_NO_WAY_YOUNG = N_(
    "A manager will look into it and get a reply ready. This first reply is called stage 1. We cannot send it to "
    "you, so call us on %(phone)s to hear it."
)
STAGE1_NO_WAY_DECIDE_FIRST_YOUNG = N_(
    "If we look at your complaint, a manager will look into it and get a reply ready. This first reply is called "
    "stage 1. We cannot send it to you, so call us on %(phone)s to hear it."
)
MORE_TIME_YOUNG = N_("If we need more time, we will tell you why. We will reply by %(date)s at the latest.")
TRUE_AS_FAR_AS_YOU_KNOW_YOUNG = N_("When you send it, you are saying that what you told us is true, as far as you "
                                   "know.")
LAST_REPLY_YOUNG = N_(
    "You have had the last reply from the council. If you are still unhappy, the Ombudsman can look at your "
    "complaint."
)

HELP_ADVOCATE_YOUNG = N_(
    "If you need help, call %(council)s on %(phone)s. An advocate can help you too: someone on your side who helps "
    "you say what you want."
)
ADVOCATE_YOUNG = N_(
    "An advocate is someone on your side who helps you say what you want. They do not work for the council, "
    "and it is free."
)

# What to do when a field on the way to taking a complaint further is not long enough (two pages say it).
SAY_MORE_YOUNG = {
    "If you need to say more, send the rest by email to %(inbox)s after you send this form, with your request's "
    "reference in the subject. Or call %(council)s on %(phone)s and ask to talk to someone.": N_(
        "If you want to say more, send this first. You will then get a reference number. Email the rest to "
        "%(inbox)s with that number in the subject. Or call %(council)s on %(phone)s and ask to talk to someone."
    ),
    "If you need to say more, call %(council)s on %(phone)s after you send this form, give your request's "
    "reference and ask to talk to someone.": N_(
        "If you want to say more, call %(council)s on %(phone)s after you send this. Tell them your reference "
        "number and ask to talk to someone."
    ),
}

# What a review panel is, and a late request's dates: the check page and the confirmation say them alike.
REVIEW_PANEL_YOUNG = N_(
    "A review panel is three people who do not work for the council. They meet to check your complaint was looked "
    "at properly and fairly."
)
IF_WE_SAY_YES_YOUNG = N_("if we say yes")

# A late request to take a complaint further, with or without a reason: the check page, the confirmation and
# the email all say these.
YOUNG_LATE_REQUEST: dict[str, str] = {
    "You asked later than the usual %(days)s working days after the reply. First, we will decide whether we "
    "can agree to your request, using what you told us about why.": N_(
        "You asked later than most people do. First, we will decide if we can say yes."
    ),
    "You asked later than the usual %(days)s working days after the reply. First, we will decide whether we "
    "can agree to your request. You did not tell us why you are asking later, so we may ask you.": N_(
        "You asked later than most people do. First, we will decide if we can say yes. We may ask you why."
    ),
    # Not sure of the procedure (walk H, M3): the check and confirmation pages and the email say it.
    "You were not sure which complaints procedure your complaint is in, so we worked it out from your answers. "
    "The council will check the earlier reply and tell you if the stages or dates are different.": N_(
        "You were not sure which kind of complaint it was, so we worked it out from your answers. The council "
        "will check, and tell you if the steps or dates are different."
    ),
    # When to call if they have heard nothing (no date for the decision is published).
    "We will tell you we have your request by %(date)s. If you have not heard from us by then, or you want to "
    "know whether we have agreed, call %(council)s on %(phone)s and give your reference number.": N_(
        "We will tell you we have your request by %(date)s. If you have not heard from us by then, or you want "
        "to know if we said yes, call %(council)s on %(phone)s. Tell them your reference number."
    ),
    "You can call %(council)s on %(phone)s from %(date)s to check whether we have agreed.": N_(
        "You can call %(council)s on %(phone)s from %(date)s to ask if we said yes."
    ),
}

YOUNG: dict[str, dict[str, str]] = {
    "*": {
        # The layout: the note about when the answers are deleted, and help on every page.
        "To keep your answers safe, we delete them if you do not continue for %(duration)s. If you stop "
        "now, they will be deleted at %(time)s.": N_(
            "To keep your answers private, we delete them if you stop for %(duration)s. If you stop now, "
            "we delete them at %(time)s."
        ),
        "If you need help with this form or your complaint, call %(council)s on %(phone)s.": N_(
            "If you need help, call %(council)s on %(phone)s. You can also ask for a free advocate: someone on "
            "your side who helps you say what you want."
        ),
        # A date before anything about a complaint here can be (walk I, I11): the reason is for adults.
        "%(what)s cannot be before %(date)s: this service is for complaints about children and young people aged "
        "%(age)s or under. Check the year.": N_("%(what)s cannot be before %(date)s. Check the year."),
        # What it is about: the choices, as the question and Check your answers show them.
        "A social worker": N_("Your social worker"),
        "What a social worker did or did not do, or how they treated a child or family.": N_(
            "What your social worker did or did not do, or how they treat you."
        ),
        "Help for a child in need": N_("Help for you or your family"),
        "Assessments by a social worker, their work with a child or family, and support for those who need it, "
        "including relatives or friends bringing up a child.": N_(
            "When a social worker checks what help you need, what your social worker does, and the help you get."
        ),
        "A child in care": N_("Being in care"),
        "A child looked after by the council: where they live, their care plan, their social worker, contact with "
        "family.": N_(
            "Where you live, your care plan, your social worker, or seeing your family."
        ),
        "A council service not listed here, or how an adult was treated by council staff. If it is about a social "
        "worker or a child's care, choose one of the options above.": N_(
            "Something else the council does. If it is about your social worker or your care, choose one of the "
            "choices above."
        ),
        "Fostering": N_("Living with foster carers"),
        "Becoming or being a foster carer, or a foster placement.": N_(
            "Your foster home, or how your foster carers were chosen."
        ),
        "Adoption, and support after an adoption.": N_("Being adopted, and help after you are adopted."),
        "Special guardianship support": N_("Help for special guardians"),
        "Help and support for special guardians and the children they look after.": N_(
            "A special guardian is someone a court has chosen to bring you up instead of your parents. This is "
            "about the help they and you get."
        ),
        "Services for disabled children": N_("Help for disabled children"),
        "Short breaks, care and support for disabled children and their families.": N_(
            "Short breaks, care and other help for disabled children and their families."
        ),
        "Support for care leavers, such as a personal adviser, a pathway plan or housing.": N_(
            "Help when you leave care, like your personal adviser, your pathway plan or a place to live."
        ),
        "Child protection enquiries, conferences and plans.": N_(
            "When the council checks if a child is safe, and the meetings and plans to keep them safe."
        ),
        "Special educational needs, school places, admissions and school transport.": N_(
            "Extra help at school, getting a school place, or getting to school."
        ),
        "A particular school": N_("A school"),
        # Check your answers: the labels of the answers and the sections.
        "Care given by another organisation": N_("Care from a home or agency"),
        "Tried to sort it out with staff": N_("Tried to sort it out first"),
        "Court case or police investigation": N_("Court case or police"),
        "Advocacy": N_("Help from an advocate"),
        "Advocate wanted": N_("Want an advocate, someone on your side who helps you say what you want"),
        "Why it is being made now": N_("Why you are telling us now"),
        "Your social worker or personal adviser": N_("Your social worker or adviser"),
        # Taking a complaint further: the choices and labels, as the questions and Check your answers show them.
        "The children's social care complaints procedure": N_("A complaint about care for a child"),
        "The council's own complaints procedure": N_("A complaint about something else the council does"),
        "Complaints procedure": N_("Kind of complaint"),
        "A stage 1 reply": N_("The first reply (stage 1)"),
        "A stage 2 reply": N_("The second reply (stage 2)"),
        "The council's final response after a review panel": N_("The last reply, after a review panel meeting"),
        "Reply you had": N_("Last reply you got"),
        "Date you got the reply": N_("Day you got the reply"),
        "Still unhappy about": N_("What you are still unhappy about"),
        "Stage 2 of the children's social care complaints procedure": N_(
            "Stage 2: someone new looks into your complaint"
        ),
        "A review panel (stage 3 of the children's social care complaints procedure)": N_(
            "A review panel: three people who do not work for the council look at your complaint"
        ),
        "Stage 2 of the council's own complaints procedure": N_(
            "Stage 2: a more senior manager looks at your complaint again"
        ),
        "Asked for after the usual time": N_("Asked later than most people do"),
        "We reply at stage 2": N_("We send you our stage 2 reply"),
        "Latest stage 2 reply if more time is needed": N_("Our stage 2 reply, at the latest, if we need more time"),
        "The review panel meets by": N_("The latest day for the review panel meeting"),
        "The panel sends its report": N_("The panel writes down what it found"),
        "We send our final response": N_("We write to say what we will do"),
        "We tell you we have your request for stage 2": N_("We tell you we have your request"),
        # The dates' labels of a new complaint (Check your answers, the confirmation, the email).
        "We acknowledge your complaint": N_("We tell you we have your complaint"),
        "We reply at stage 1": N_("We send you our first reply"),
        "Latest stage 1 reply if the complaint is complex": N_("Our first reply, at the latest, if we need more time"),
    },
    "emergency": {
        "If a child is in immediate danger, call %(emergency)s now.": N_(
            "If you or another child are in danger right now, call %(emergency)s."
        ),
        "If it is not an emergency but you are worried about a child's safety, call %(council)s children's "
        "services on %(phone)s.": N_(
            "If it is not an emergency, but you do not feel safe or you are worried about another child, call "
            "%(council)s children's services on %(phone)s."
        ),
        "If it is not an emergency but you are worried about a child's safety, call %(council)s on %(phone)s and "
        "say you are worried about a child.": N_(
            "If it is not an emergency, but you do not feel safe or you are worried about another child, call "
            "%(council)s on %(phone)s and say you need help to be safe."
        ),
        "A complaint cannot keep a child safe today. Please get help first.": N_(
            "A complaint cannot keep you safe today. Please get help first."
        ),
        "When you have got help, you can carry on and tell us about your complaint.": N_(
            "When you have got help, you can come back and tell us what you are unhappy about."
        ),
    },
    "provider": {
        "Was the care given by an organisation that is not the council?": N_(
            "Did someone other than the council give you this care?"
        ),
        "For example, a children's home, a fostering agency or a care company that the council arranged.": N_(
            "For example, a children's home, a foster agency or a care company that the council pays."
        ),
        "Select yes if the care was given by an organisation that is not the council": N_(
            "Select yes if someone other than the council gave you this care"
        ),
        "If you know it: which organisation gave the care? (optional)": N_(
            "If you know: what is the name of the home, agency or company? (optional)"
        ),
        "For example, the name of the children's home, fostering agency or care company. It helps the council "
        "know whom to ask.": N_("It helps the council know who to ask."),
    },
    "provider_exit": {
        "You can complain to the organisation or to us": N_("You can tell them, or tell us"),
        "When %(council)s arranges care that another organisation gives, such as a children's home or a "
        "fostering agency, you can complain to that organisation or to us.": N_(
            "Your care comes from a home or agency that %(council)s pays. You can complain to them, or to us."
        ),
        "To complain to the organisation, ask it for its complaints procedure. It may be able to sort things out "
        "quickly.": N_(
            "To complain to them, ask how to make a complaint. If your complaint is about staff there, you do not "
            "have to ask them. You can tell us instead."
        ),
        "If you would rather we looked at it, or the organisation did not sort it out, carry on here.": N_(
            "If you would rather we looked at it, or they did not sort it out, carry on here."
        ),
    },
    "tried": {
        "Have you tried to sort this out with the staff you deal with, or their manager?": N_(
            "Have you already tried to sort this out with someone who works with you?"
        ),
        "Select yes if you have tried to sort this out with staff or their manager": N_(
            "Select yes if you have already tried to sort this out"
        ),
    },
    "tried_advice": {
        # A child may be complaining about the people who look after them: never send them back to those people.
        "Talking to staff first can be quicker": N_("You can tell us now"),
        "Many problems can be sorted out quickly by talking to the social worker, their manager or the team you "
        "deal with. You can ask them to call you back if they are busy.": N_(
            "You do not have to talk to anyone about it first. You do not have to tell the people your "
            "complaint is about."
        ),
        "You do not have to do this, and you never have to talk to the people your complaint is about. You can make "
        "a complaint now.": N_(
            "If you want to, you could talk to someone you trust first, like a teacher or an advocate: someone "
            "on your side who helps you say what you want."
        ),
        "Make a complaint now": N_("Carry on and tell us"),
    },
    "late": {
        "Your complaint is outside the usual time limit": N_("This happened a while ago"),
        "Complaints should usually be made within %(months)s months of what happened, or of finding out about "
        "it.": N_("Most complaints are made within %(months)s months of what happened, or of finding out."),
        "The council can still look at your complaint if there was a good reason it was not made sooner and it "
        "can still be looked at fairly. Telling us why helps.": N_(
            "The council can still look at your complaint. It helps if you tell us why you are telling us now."
        ),
        "Why are you making this complaint now?": N_("Why are you telling us now?"),
        "For example, you only found out recently, or you were not well enough to complain sooner.": N_(
            "For example, you were scared to tell anyone, or you did not know you could complain."
        ),
        "Enter why you are making this complaint now": N_("Tell us why you are telling us now"),
    },
    # Taking a complaint further (the pages after "who are you", so a young person reads them in these words).
    "earlier": {
        # Refusing what is clearly not a reference (walk F, F8).
        "Enter only the reference of your complaint, or leave this empty.": N_(
            "Put only your reference number here, or leave it empty."
        ),
        "A reference is %(max)s characters or fewer.": N_(
            "A reference number is never longer than %(max)s letters, numbers and spaces."
        ),
        "It is on the reply you had, or on the email we sent when you made the complaint, for example "
        "%(example)s. If you cannot find it, leave this empty. We will then ask for your full name and other "
        "details that help the council find your complaint.": N_(
            "It is on the letter you got back, or on our email, like %(example)s. If you cannot find it, leave "
            "this empty. Then we will ask your name, how old you are and a few other things, to help us find "
            "your complaint."
        ),
    },
    "earlier_procedure": {
        "Which complaints procedure is your complaint in?": N_("Which kind of complaint was it?"),
        "A letter or email from the council about your complaint should say which one: its reply, or the message "
        "saying it had your complaint. If you cannot tell, choose I'm not sure.": N_(
            "A letter or email we sent you about it may say. If you cannot tell, choose I'm not sure."
        ),
        "The letter may say \"statutory\", \"Children Act 1989\" or \"representations procedure\". This is for "
        "complaints about social care for a child, like a child in care, fostering or leaving care.": N_(
            "The letter may say \"statutory\" or \"Children Act 1989\". It is about your care, like being in care, "
            "foster care or leaving care."
        ),
        "The letter may say \"corporate\" or just \"our complaints procedure\". This is for other things the "
        "council does, like education or childcare.": N_(
            "The letter may say \"corporate\". It is about other things the council does, like school."
        ),
        "Select which complaints procedure, or I'm not sure": N_("Select which kind of complaint, or I'm not sure"),
    },
    "reply_stage": {
        "Which reply have you had most recently?": N_("Which reply did you get last?"),
        "Stage 1 is the first reply. The letter is usually from a team manager or service manager of the team "
        "you complained about.": N_(
            "This is the first reply. It is often from a manager of the team you complained about."
        ),
        "Stage 2 is the second look at a complaint. The reply usually comes with a report by an investigating "
        "officer, someone who was not involved before, and a letter from a senior manager.": N_(
            "This is the second look at your complaint. It often comes with a report by someone new who looked "
            "into it."
        ),
        "After a review panel, the council's director writes to say what it will do about the panel's findings. "
        "This is the last stage of the council's procedure.": N_(
            "After a review panel meeting, a boss at the council writes to say what they will do. This is the "
            "last step."
        ),
        "Select which reply you have had most recently": N_("Select which reply you got last"),
        "I have not had a reply, and it is late": N_("My reply has not come, and it is late"),
        "For example, you made a complaint or asked for the next stage, and the reply has not come in time.": N_(
            "You complained, or asked for the next step, and the reply has not come in time."
        ),
    },
    # Which reply is late, and when they sent what it answers (walks J and M, J2/M5).
    "awaited": {
        "You asked for stage 2 after a stage 1 reply, and have not had the stage 2 reply.": N_(
            "You asked for the second step (stage 2), and that reply has not come."
        ),
        "You asked for a review panel after a stage 2 reply, and have not heard when it will meet.": N_(
            "You asked for a review panel meeting, and you have not heard when it will be."
        ),
    },
    "awaited_since": {
        "The day you sent the complaint, or asked for the next stage, that you are waiting to hear about. It is on "
        "the email or letter saying we had it. For example, 27 3 2026. If you do not know the exact day, enter just "
        "the month and year.": N_(
            "The day you sent it. It is on the email or letter we sent you then. For example, 27 3 2026. If you "
            "do not know the day, just put the month and year."
        ),
    },
    # Still waiting for a reply that is late (walk E, E5).
    "reply_overdue": {
        "%(council)s should tell you if it needs more time. If it has told you, the latest day is %(date)s.": N_(
            "%(council)s should tell you if it needs more time. If it did, the last day is %(date)s."
        ),
        "If %(council)s told you it needed more time, the latest day was %(date)s. That has passed too.": N_(
            "If %(council)s said it needed more time, the last day was %(date)s. That day has gone too."
        ),
        "These are the usual times %(council)s takes to reply. Working days are Monday to Friday, not counting "
        "bank holidays.": N_(
            "These are the usual times %(council)s takes to write back. Working days are Monday to Friday, but "
            "not bank holidays."
        ),
        "Stage 1 reply: within %(days)s working days of the council telling you it has your complaint.": N_(
            "The first reply (stage 1): within %(days)s working days of the council telling you it has your "
            "complaint."
        ),
        "Stage 1 reply: within %(days)s working days of the council getting your complaint.": N_(
            "The first reply (stage 1): within %(days)s working days of the council getting your complaint."
        ),
        "Stage 2 reply: within %(days)s working days of the day you and the council agree what it will look "
        "into.": N_(
            "The second reply (stage 2): within %(days)s working days of the day you and the council agree what "
            "it will look at."
        ),
        "Stage 2 reply: within %(days)s working days of the council getting your request.": N_(
            "The second reply (stage 2): within %(days)s working days of the council getting your request."
        ),
        "Review panel: it meets within %(days)s working days of the council getting your request.": N_(
            "A review panel meeting: within %(days)s working days of the council getting your request."
        ),
        "If the council tells you it needs more time, up to %(days)s working days.": N_(
            "If the council says it needs more time: up to %(days)s working days."
        ),
        "Ask %(council)s when you will get your reply. Call %(phone)s or email %(inbox)s, and give the reference "
        "of your complaint if you have it.": N_(
            "Ask %(council)s when your reply will come. Call %(phone)s or email %(inbox)s. Tell them your "
            "reference number if you have it."
        ),
        "Ask %(council)s when you will get your reply. Call %(phone)s and give the reference of your complaint "
        "if you have it.": N_(
            "Ask %(council)s when your reply will come. Call %(phone)s. Tell them your reference number if you "
            "have it."
        ),
        "If you are not happy with the way your complaint is being dealt with, you can contact the Local "
        "Government and Social Care Ombudsman at any time. It is free and independent. It usually expects the "
        "council to have had the chance to deal with your complaint first.": N_(
            "If you are not happy with how your complaint is being dealt with, you can ask the Ombudsman at any "
            "time. The Ombudsman checks how councils deal with complaints. It is free and does not work for the "
            "council. It will usually want the council to try first."
        ),
        "When your reply comes, if you are still unhappy, you can come back here and ask for the next stage.": N_(
            "When your reply comes, if you are still unhappy, you can come back here and ask for the next step."
        ),
        "If you need help, call %(council)s on %(phone)s. If you are a child or young person, a child in care or a "
        "care leaver, you can also ask for an advocate: someone who does not work for the council and helps you say "
        "what you want.": HELP_ADVOCATE_YOUNG,
    },
    "reply_date": {
        "For example, 27 3 2026. If you do not know the day you got it, enter the date on the reply. If you do not "
        "know the exact day, enter just the month and year.": N_(
            "For example, 27 3 2026. If you cannot remember the day you got it, put the date on it. If you only "
            "know the month, put just the month and year."
        ),
    },
    "escalation_late": {
        **SAY_MORE_YOUNG,
        "People usually ask for the next stage within %(days)s working days of the reply. Working days are Monday "
        "to Friday, not counting bank holidays. For your reply, that was by %(date)s.": N_(
            "Most people ask within %(days)s working days of the reply. Working days are Monday to Friday, but "
            "not bank holidays. For you, that was by %(date)s."
        ),
        "You can still ask. The council can agree to look at it later, and knowing why you are asking now can help "
        "it decide. It will not stop your request being sent.": N_(
            "You can still ask. The council can still say yes. Knowing why you are asking now can help. We will "
            "still send it."
        ),
        "You do not have to say. For example, the reply came when you were unwell, or you did not know you could "
        "ask.": N_("You do not have to say. For example, you were ill, or you did not know you could ask."),
    },
    "still_unhappy": {
        "You can write up to %(limit)s characters about what you are still unhappy about.": N_(
            "You can write up to %(limit)s characters about what is still wrong."
        ),
        **SAY_MORE_YOUNG,
        "Put each thing on a new line, and say why the reply did not sort it out.": N_(
            "Put each thing on a new line. Say why the reply did not fix it."
        ),
        "For example, an apology, a decision looked at again, or a change to a plan.": N_(
            "For example, someone says sorry, a choice is made again, or your plan changes."
        ),
    },
    "conciliation": {
        "A meeting before stage 2": N_("A meeting first"),
        "%(council)s can offer a meeting before stage 2. You would meet a manager, with someone from the "
        "complaints team there to help the talk go well. Many problems are sorted out this way, and faster.": N_(
            "%(council)s can set up a meeting first. You would meet a manager, and someone would be there to help "
            "the talk go well. This often sorts things out faster."
        ),
        "It is your choice. If you say no, or the meeting does not sort it out, you still get stage 2.": N_(
            "It is up to you. If you say no, or the meeting does not help, you still get stage 2."
        ),
    },
    "early_referral": {
        "The Local Government and Social Care Ombudsman is free and independent: it does not work for the "
        "council. It looks at complaints about councils when their own procedure has not sorted them out.": N_(
            "The Ombudsman checks how councils deal with complaints. It is free and does not work for the council."
        ),
        "Sometimes %(council)s may ask the Ombudsman to look at a complaint straight away, instead of going "
        "through the next stage. It will only do this if you agree, and it may decide not to.": N_(
            "Sometimes %(council)s can ask the Ombudsman to look at a complaint straight away. It will only do "
            "this if you say yes, and it may decide not to."
        ),
    },
    "ombudsman_next": {
        "You have had the council's final response, so its complaints procedure is finished. If you are still "
        "unhappy, the Local Government and Social Care Ombudsman can look at your complaint.": LAST_REPLY_YOUNG,
        "The council's own complaints procedure has two stages, and you have had the reply at the second. If you "
        "are still unhappy, the Local Government and Social Care Ombudsman can look at your complaint.":
            LAST_REPLY_YOUNG,
        "An ombudsman is someone who looks at complaints about organisations and decides whether they acted "
        "fairly. The Local Government and Social Care Ombudsman is free and independent: it does not work for "
        "the council and does not take sides.": N_(
            "The Ombudsman checks how councils deal with complaints, and if they were fair. It is free. It does "
            "not work for the council and does not take sides."
        ),
        "You should usually contact it within %(months)s months of finding out about the problem.": N_(
            "You should tell it within %(months)s months of finding out about the problem."
        ),
        "An advocate can help you contact the Ombudsman. An advocate is someone who does not work for the council "
        "and helps you say what you want. If you are a child or young person, a child in care or a care leaver, you "
        "can ask %(council)s for one on %(phone)s.": HELP_ADVOCATE_YOUNG,
    },
    "advocacy_self": {
        "A review panel is a meeting. You can go with an advocate and one other person, or send an advocate to "
        "speak for you instead. You can also send something in writing if you prefer.": N_(
            "A review panel is a meeting. You can bring an advocate and one other person, or send an advocate to "
            "speak for you. An advocate is someone on your side who helps you say what you want. You can also "
            "write to the panel instead."
        ),
        "Select yes if you would like an advocate": N_(
            "Select yes if you would like an advocate to help you say what you want"
        ),
        "An advocate is someone who does not work for the council and can help you say what you want. It is "
        "free.": ADVOCATE_YOUNG,
    },
    "proceedings": {
        "Is there a court case or police investigation about the same thing?": N_(
            "Is there a court case about this, or are the police looking into it?"
        ),
        "This will not stop your complaint being looked at, but part of it may have to wait.": N_(
            "We will still look at your complaint, but some of it may have to wait."
        ),
        "Select yes if there is a court case or police investigation about the same thing": N_(
            "Select yes if there is a court case, or the police are looking into it"
        ),
    },
    "complaint": {
        "You can write up to %(limit)s characters about what happened. If you need to say more, send the rest by "
        "email to %(inbox)s after you send this form, with your complaint's reference in the subject. Or call "
        "%(council)s on %(phone)s and ask to talk to someone.": N_(
            "You can write up to %(limit)s characters about what happened. If you want to say more, send this "
            "first. You will then get a reference number. Email the rest to %(inbox)s with that number in the "
            "subject. Or call %(council)s on %(phone)s and ask to talk to someone."
        ),
        "You can write up to %(limit)s characters about what happened. If you need to say more, call %(council)s "
        "on %(phone)s after you send this form, give your complaint's reference and ask to talk to someone.": N_(
            "You can write up to %(limit)s characters about what happened. If you want to say more, call "
            "%(council)s on %(phone)s after you send this. Tell them your reference number and ask to talk to "
            "someone."
        ),
        "The names of staff or teams, if you know them.": N_("Their names or jobs, if you know them."),
        "For example, an apology, a meeting, a change to a plan or a decision being looked at again.": N_(
            "For example, someone says sorry, you have a meeting, your plan changes, or a choice is made again."
        ),
    },
    "name": {
        "Your first name and last name. You did not give the reference of your complaint, so your full name "
        "helps the council find it.": N_(
            "Your first name and last name. You did not give us the number of your complaint, so your full name "
            "helps us find it."
        ),
    },
    "self": {
        "You did not give the reference of your complaint. Your last name and your date of birth help the "
        "council find it.": N_(
            "You did not give us the number of your complaint. Your last name and your birthday help us find it."
        ),
        "This helps the council find your complaint.": N_("This helps us find your complaint."),
        "This helps the council find the right records about you, and helps an advocate get in touch with you if "
        "you want one. Only the people dealing with your complaint will see it.": N_(
            "This helps the council find the right notes about you. Only the people looking at your complaint "
            "will see it."
        ),
        "Your social worker's or personal adviser's name (optional)": N_(
            "The name of your social worker or adviser (optional)"
        ),
    },
    "contact": {
        "Give us a way to contact you if you have one. You only need to give your address if you would like us to "
        "write to you by post.": N_(
            "Give us a way to reach you if you have one. Only give your address if you want letters, and it is "
            "safe for you to get them there."
        ),
    },
    "safety": {
        "You asked for an advocate. The advocacy service will get in touch with you the way you tell us is safe "
        "here.": N_(
            "You asked for an advocate: someone on your side who helps you say what you want. They will get in "
            "touch with you in the way you say is safe here."
        ),
        "For example, only call after 6pm, or ask for you by your first name only.": N_(
            "For example, text only, call only after 6pm, or talk to you only at school."
        ),
        "For example, a voicemail, or a note with someone who answers.": N_(
            "For example, a voicemail, or a message with whoever answers the phone."
        ),
    },
    "check": {
        "Check your answers before sending your complaint": N_("Check your answers, then send your complaint"),
        "The children's social care complaints procedure": N_("The council must look into your complaint"),
        "You can use the children's social care complaints procedure yourself, because of who you are and what "
        "the complaint is about.": N_(
            "The law says you can complain about your care yourself. The council must look into it and reply to "
            "you by the dates below."
        ),
        "A complaints procedure is the set of steps the council follows to look into a complaint, with a time "
        "limit for each step.": N_("The council follows set steps to do this, with a date for each step."),
        "The council's own complaints procedure": N_("The council will look into your complaint"),
        "This subject is handled under the council's own complaints procedure rather than the children's social "
        "care one.": N_("The council looks at this kind of complaint in its usual way."),
        "This complaint is about something that happened longer ago than the usual time limit. The council can "
        "still look at it if there was a good reason for the delay and it can still be looked at fairly.": N_(
            "This happened a while ago. The council can still look at it if there was a good reason you did not "
            "tell us sooner."
        ),
        "There is court or police involvement in the same matter, so the council may need to pause or leave out "
        "part of the complaint until that has finished.": N_(
            "There is a court case or the police are involved, so some of your complaint may have to wait."
        ),
        "An advocate has been asked for, and the council must help arrange one.": N_(
            "You asked for an advocate: someone on your side who helps you say what you want. The council must "
            "help you get one."
        ),
        "The care was arranged by the council but given by another organisation. The complaint can go to that "
        "organisation or to the council.": N_(
            "A home or agency gave you this care for the council. You can complain to them, or to the council."
        ),
        "By sending this complaint, you confirm that the information you have given is correct to the best of "
        "your knowledge.": TRUE_AS_FAR_AS_YOU_KNOW_YOUNG,
        # Taking a complaint further.
        "Check your answers before sending your request": N_("Check your answers, then send your request"),
        **YOUNG_LATE_REQUEST,
        # As the confirmation says them: the dates of a late request.
        "if we agree to look at your request": IF_WE_SAY_YES_YOUNG,
        "You have had a stage 1 reply under the children's social care complaints procedure, so you can ask for "
        "stage 2. At stage 2 someone who has not been involved looks into your complaint again, with an "
        "independent person who checks it is done fairly.": N_(
            "You have had a first reply, so you can ask for stage 2. At stage 2, someone new looks into your "
            "complaint again. Another person, who does not work for the council, checks it is fair."
        ),
        "You have had a stage 2 reply under the children's social care complaints procedure, so you can ask for a "
        "review panel (stage 3).": N_("You have had a second reply, so you can ask for a review panel."),
        REVIEW_PANEL_WORDS: REVIEW_PANEL_YOUNG,
        "You have had a stage 1 reply under the council's own complaints procedure, so you can ask for stage 2. At "
        "stage 2 someone more senior at the council looks at your complaint again.": N_(
            "You have had a first reply, so you can ask for stage 2. At stage 2, a more senior manager looks at "
            "your complaint again."
        ),
        "This request was made after the usual time to ask for the next stage. The council can still agree to it, "
        "and the person has said why it is later.": N_(
            "You are asking later than most people do. The council can still say yes."
        ),
        "The person was not sure which procedure their complaint is in. It was worked out from who they are and "
        "what the complaint is about: check it against the earlier reply.": N_(
            "You were not sure which kind of complaint it was. We worked it out from your answers, and the "
            "council will check."
        ),
        "The person would like to try a meeting to sort things out before the next stage.": N_(
            "You would like to try a meeting first."
        ),
        "The person agrees to the council asking the Ombudsman to look at the complaint straight away.": N_(
            "You agree to the council asking the Ombudsman to look at your complaint straight away."
        ),
        "You are asking later than usual. The council will first decide whether it can agree to your request, "
        "using what you told us about why.": N_(
            "You are asking later than most people do. The council will first decide if it can say yes."
        ),
        "You are asking later than usual. The council will first decide whether it can agree to your request. You "
        "have not said why you are asking later: you do not have to, but it can help the council decide.": N_(
            "You are asking later than most people do. The council will first decide if it can say yes. You do "
            "not have to say why, but it can help."
        ),
        "It will contact you in the way you told us is safe, to tell you.": N_(
            "It will get in touch with you in the way you said is safe."
        ),
        "By sending this request, you confirm that the information you have given is correct to the best of your "
        "knowledge.": TRUE_AS_FAR_AS_YOU_KNOW_YOUNG,
        "Stage 2 is counted from the day the complaint statement is agreed, so its dates may be later than "
        "shown.": N_("Stage 2 starts when you and the council agree what your complaint is, so the dates may be "
                     "later."),
        "The final response is counted from the day the review panel meets.": N_(
            "The date of our last reply is counted from the day the panel meets."
        ),
    },
    "trusted": {
        "We will check your complaint is not about them before we contact them.": N_(
            "We will read your complaint first, to check it is not about them, before we talk to them."
        ),
    },
    "confirmation": {
        # The procedure named (walk M, M6), in the words of the young "which kind of complaint" choices.
        "Your complaint is in the children's social care complaints procedure.": N_(
            "This is a complaint about care for a child."
        ),
        "Your complaint is in the council's own complaints procedure.": N_(
            "This is a complaint about something else the council does."
        ),
        # "You asked for: ..." is followed by what a review panel is: the label says only its name, so a young
        # person does not read the description twice (walk E, E6).
        "A review panel (stage 3 of the children's social care complaints procedure)": N_("A review panel"),
        REVIEW_PANEL_WORDS: REVIEW_PANEL_YOUNG,
        "You were not sure if your complaint is about this person. We will check it is not about them before we "
        "contact them.": N_(
            "You were not sure if your complaint is about this person. We will read it first, to check it is not "
            "about them, before we talk to them."
        ),
        # No way to contact them: nobody can write back, so they call to hear the reply (and their dates say so).
        "Our stage 1 reply should be ready: call us to hear it": N_(
            "Our first reply should be ready: call us to hear it"
        ),
        "Our stage 1 reply at the latest, if the complaint is complex: call us to hear it": N_(
            "Our first reply at the latest, if we need more time: call us to hear it"
        ),
        "The manager responsible for the team or person you complained about will look into it and get a reply "
        "ready. This is stage 1. We cannot send you the reply, so call us on %(phone)s to hear it.":
            STAGE1_NO_WAY_YOUNG,
        "A manager in the service you complained about will look into it and get a reply ready. This is stage 1. "
        "We cannot send you the reply, so call us on %(phone)s to hear it.": STAGE1_NO_WAY_YOUNG,
        "If we look at your complaint, the manager responsible for the team or person you complained about will "
        "look into it and get a reply ready. This is stage 1. We cannot send you the reply, so call us on "
        "%(phone)s to hear it.": STAGE1_NO_WAY_DECIDE_FIRST_YOUNG,
        "If we look at your complaint, a manager in the service you complained about will look into it and get a "
        "reply ready. This is stage 1. We cannot send you the reply, so call us on %(phone)s to hear it.":
            STAGE1_NO_WAY_DECIDE_FIRST_YOUNG,
        "We have received your complaint. Keep your reference number: quote it whenever you contact us about this "
        "complaint.": N_(
            "We have your complaint. Keep your reference number safe, and tell us the number whenever you "
            "contact us about it."
        ),
        "By %(date)s, we will confirm that we are dealing with your complaint.": N_(
            "By %(date)s, we will tell you we are dealing with your complaint."
        ),
        "Your complaint is about something that happened more than %(months)s months ago. First, we will decide "
        "whether we can still look at it, using what you told us about why you are complaining now.": N_(
            "This happened more than %(months)s months ago. First, we will decide if we can still look at it. We "
            "will use what you told us about why you are telling us now."
        ),
        "The manager responsible for the team or person you complained about will look into it and reply to you. "
        "This is stage 1.": STAGE1_YOUNG,
        "A manager in the service you complained about will look into it and reply to you. This is stage 1.":
            STAGE1_YOUNG,
        "If we look at your complaint, the manager responsible for the team or person you complained about will "
        "look into it and reply to you. This is stage 1.": STAGE1_DECIDE_FIRST_YOUNG,
        "If we look at your complaint, a manager in the service you complained about will look into it and reply "
        "to you. This is stage 1.": STAGE1_DECIDE_FIRST_YOUNG,
        "If your complaint is complicated and needs more time, we will tell you why, and reply by %(date)s at the "
        "latest.": MORE_TIME_YOUNG,
        "We have passed on the request for an advocate. An advocate does not work for the council and can help "
        "say what you want.": N_(
            "We have passed on that you want an advocate. An advocate is someone on your side who helps you say "
            "what you want. They do not work for the council."
        ),
        "You can ask for an investigation (stage 2). Two people look into your complaint: an investigating "
        "officer who works for the council but not for the team involved, and an independent person who does "
        "not work for the council at all.": N_(
            "You can ask for stage 2. Two new people look into your complaint. One works for the council, but not "
            "in the team you complained about. The other does not work for the council at all."
        ),
        "Ask within %(days)s working days of the day you get our reply.": N_(
            "Ask within %(days)s working days of the day you get our reply. Working days are Monday to Friday, "
            "but not bank holidays."
        ),
        "Before that, we may offer to meet you, or to arrange mediation, to try to sort things out.": N_(
            "Before that, we may offer to meet you to try to sort things out."
        ),
        "If you are still not happy after stage 2, you can ask for a review panel (stage 3).": N_(
            "If you are still unhappy after that, you can ask for stage 3, a review panel."
        ),
        "After that, you can ask the Local Government and Social Care Ombudsman to look at your complaint.": N_(
            "After that, you can ask the Ombudsman to look at your complaint."
        ),
        "You can ask for your complaint to be looked at again by a senior manager (stage 2).": N_(
            "You can ask for a more senior manager to look at your complaint again. This is stage 2."
        ),
        # Taking a complaint further.
        "We have received your request to take your complaint further. Keep this reference number: quote it "
        "whenever you contact us about this request.": N_(
            "We have your request. Keep your reference number safe, and tell us the number whenever you contact "
            "us about it."
        ),
        # A request to take a complaint further that came late, with or without a reason (the email says it too).
        **YOUNG_LATE_REQUEST,
        "We will write to tell you what we decide.": N_("We will write to tell you."),
        "We will contact you in the way you told us is safe, to tell you what we decide.": N_(
            "We will get in touch with you in the way you said is safe."
        ),
        "You said you would like a meeting to sort things out first. We will get in touch to arrange it. You can "
        "still have the next stage afterwards.": N_(
            "You would like a meeting first. We will get in touch to set it up. You can still have stage 2 after."
        ),
        "You said you agree to your complaint going straight to the Ombudsman. We will decide whether to do this "
        "and tell you.": N_("You said yes to going straight to the Ombudsman. We will decide and tell you."),
        "You can go to the review panel meeting on your own, or bring an advocate and one other person, or send an "
        "advocate in your place. An advocate is someone who does not work for the council and helps you say what "
        "you want. You can also send something in writing instead.": N_(
            "You can go to the review panel meeting on your own. Or you can bring an advocate and one other "
            "person, or send an advocate instead of you. An advocate is someone on your side who helps you say "
            "what you want. You can also write to the panel instead."
        ),
        "We have passed on the request for an advocate.": N_(
            "We have passed on that you want an advocate: someone on your side who helps you say what you want."
        ),
        "if we agree to look at your request": IF_WE_SAY_YES_YOUNG,
        "This is the last stage of the council's complaints procedure.": N_("This is the last step at the council."),
        # What happens at the stage asked for (vocabulary.NEXT_STAGE_WORDS): the page and the email (walk G/I).
        "An investigating officer, who works for the council but has not been involved in your complaint, and an "
        "independent person, who does not work for the council, will look into it. They will contact you to agree "
        "with you what they will look into.": N_(
            "Two new people will look into your complaint. One works for the council, but has not worked on your "
            "complaint. The other does not work for the council at all. They will talk with you first about what "
            "they will look into."
        ),
        "A senior manager who was not involved before will look at your complaint again and reply to you.": N_(
            "A more senior manager, who has not worked on your complaint, will look at it again and write back to "
            "you."
        ),
        "If you are still unhappy after this stage, you can ask for %(stage)s. You usually need to ask within "
        "%(days)s working days of the day you get the reply to this stage.": N_(
            "If you are still unhappy after this, you can ask for %(stage)s. Ask within %(days)s working days of "
            "the letter you get back. Working days are Monday to Friday, not bank holidays."
        ),
        "When the council's complaints procedure is finished, you can ask the Local Government and Social Care "
        "Ombudsman to look at your complaint. It is free and independent.": N_(
            "If you are still unhappy at the end, you can ask the Ombudsman to look at your complaint. It is free "
            "and does not work for the council."
        ),
        "The Ombudsman is free and independent. It usually expects us to have had the chance to put things right "
        "first.": N_(
            "The Ombudsman checks how councils deal with complaints. It is free and does not work for the "
            "council. It will usually want us to try to put things right first."
        ),
    },    # The complainant's email: its own sentences (what it shares with the confirmation page is in "confirmation").
    "email": {
        # The subject line and the heading.
        "We have received your complaint: reference %(reference)s": N_(
            "We have your complaint: reference %(reference)s"
        ),
        "We have received your complaint": N_("We have your complaint"),
        # A request to take a complaint further: its subject line, heading, the earlier reference and the
        # Ombudsman (walk G/I: these were still in adult words).
        "We have received your request to take your complaint further: reference %(reference)s": N_(
            "We have your request to look at your complaint again: reference %(reference)s"
        ),
        "We have received your request to take your complaint further": N_(
            "We have your request to look at your complaint again"
        ),
        "The reference of your earlier complaint, as you gave it: %(earlier)s. For this request, quote the new "
        "reference above.": N_(
            "The number you gave us for your complaint: %(earlier)s. For this request, tell us the new number above."
        ),
        "If you are still unhappy at the end of the council's complaints procedure, you can ask the Local "
        "Government and Social Care Ombudsman to look at your complaint. It is free and independent. Phone "
        "%(phone)s or visit %(website)s.": N_(
            "If you are still unhappy at the end, you can ask the Ombudsman to look at your complaint. The "
            "Ombudsman checks how councils deal with complaints. It is free and does not work for the council. "
            "Phone %(phone)s or visit %(website)s."
        ),
        "Thank you for telling %(council)s about your complaint.": N_(
            "Thank you for telling %(council)s what you are unhappy about."
        ),
        "Please use this reference whenever you contact us about your complaint.": N_(
            "Keep this number safe. Tell us the number whenever you contact us about your complaint."
        ),
        "We aim to reply by %(date)s.": N_("We will try to write back by %(date)s."),
        "If we look at it, we aim to reply by %(date)s.": N_(
            "If we look at it, we will try to write back by %(date)s."
        ),
        "If your complaint needs more time to look into, we will tell you, and reply by %(date)s at the latest.":
            MORE_TIME_YOUNG,
        "If you are not happy with our reply, you can ask for the next stage. You usually need to ask within "
        "%(days)s working days of the day you get our reply.": N_(
            "If you are still unhappy after our reply, you can ask for someone else to look at your complaint. Ask "
            "within %(days)s working days of the day you get our reply. Working days are Monday to Friday, but not "
            "bank holidays."
        ),
        "To ask, call us on %(phone)s or email %(inbox)s, and give your reference.": N_(
            "To ask, call us on %(phone)s or email %(inbox)s. Tell us your reference number."
        ),
        # The end of the email.
        "For your privacy, this email does not repeat what you told us.": N_(
            "To keep it private, this email does not say what you told us."
        ),
        "If you did not make this complaint, or have a question about it, call us on %(phone)s and give the "
        "reference above.": N_(
            "If you did not send this complaint, or you have a question, call us on %(phone)s. Tell us the reference "
            "number above."
        ),
        "If a child is in danger right now, call 999.": N_(
            "If you or another child are in danger right now, call 999."
        ),
    },
}


def words_for(audience_name: str, page: str) -> dict[str, str]:
    """The swaps for one page: the audience's table for every page, then the page's own (which wins)."""
    if audience_name != "young":
        return {}
    return {**YOUNG["*"], **YOUNG.get(page, {})}


# The complainant's email says what the confirmation page says (what happens next, a request's steps, the dates'
# labels), in the same young words, and its own sentences.
YOUNG_EMAIL: dict[str, str] = {**words_for("young", "confirmation"), **YOUNG["email"]}


class Reworded:
    """A gettext catalogue that swaps each adult sentence for its young version before translating it."""

    def __init__(self, inner: Any, words: Mapping[str, str]):
        self._inner = inner
        self._words = words

    def gettext(self, message: str) -> str:
        return self._inner.gettext(self._words.get(message, message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._inner.ngettext(self._words.get(singular, singular), self._words.get(plural, plural), n)

    # Flask-Babel and Jinja's i18n extension look for these names first: they must swap too.
    ugettext = gettext
    ungettext = ngettext

    def __getattr__(self, name: str) -> Any:  # pgettext and the rest: as the catalogue does them
        return getattr(self._inner, name)
