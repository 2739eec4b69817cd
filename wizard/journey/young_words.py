"""The young text set: what a child, young person or care leaver reads instead of the adult sentence.

Keys are the adult sentences exactly as the service says them (the catalogue's English source text); values are
the young versions, written for a reader of about 9 to 11 (Flesch-Kincaid grade 5 or lower on every page of the
route). A test fails if a key is not a sentence the service says, so a changed adult sentence cannot leave its
young version behind. Words a child stumbles on ("procedure", "stage 1", "looked after", "parental
responsibility", "special guardianship", "sufficient interest") are left out, or explained where they first
appear; "advocate" is always explained beside it.

Tables: "*" for every page of the journey, then one per page (a step's name, "check", "confirmation"); the
page's own table wins. See ``words.py`` for how they are used.
"""

from __future__ import annotations

from wizard.domain.vocabulary import N_

ADVOCATE_YOUNG = N_(
    "An advocate is someone on your side who helps you say what you want. They do not work for the council, "
    "and it is free."
)

YOUNG: dict[str, dict[str, str]] = {
    "*": {
        # The layout: the note about when the answers are deleted, and help on every page.
        "To keep your answers safe, we delete them if you do not continue for %(minutes)s minutes. If you stop "
        "now, they will be deleted at %(time)s.": N_(
            "To keep your answers private, we delete them if you stop for %(minutes)s minutes. If you stop now, "
            "we delete them at %(time)s."
        ),
        "If you need help with this form or your complaint, call %(council)s on %(phone)s.": N_(
            "If you need help, call %(council)s on %(phone)s. You can also ask for a free advocate: someone on "
            "your side who helps you say what you want."
        ),
        # What it is about: the choices, as the question and Check your answers show them.
        "Help for a child in need": N_("Help for you or your family"),
        "Assessments by a social worker, and support for a child or family who need it.": N_(
            "When a social worker checks what help you need, and the help you get."
        ),
        "A child in care": N_("Being in care"),
        "A child looked after by the council: where they live, their care plan, contact with family.": N_(
            "Where you live, your care plan, or seeing your family."
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
        "quickly.": N_("To complain to them, ask the staff how to make a complaint. They may sort it out quickly."),
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
        "You do not have to do this. You can make a complaint now.": N_(
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
    "advocacy_self": {
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
        "The names of staff or teams, if you know them.": N_("Their names or jobs, if you know them."),
        "For example, an apology, a meeting, a change to a plan or a decision being looked at again.": N_(
            "For example, someone says sorry, you have a meeting, your plan changes, or a choice is made again."
        ),
    },
    "self": {
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
        "Give at least one way to contact you. You only need to give your address if you would like us to write "
        "to you by post.": N_(
            "Give us at least one way to reach you. Only give your address if you want letters, and it is safe "
            "for you to get them there."
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
        "We acknowledge your complaint": N_("We tell you we have your complaint"),
        "We reply at stage 1": N_("We send you our first reply"),
        "Latest stage 1 reply if the complaint is complex": N_("Our first reply, at the latest, if we need more time"),
        "By sending this complaint, you confirm that the information you have given is correct to the best of "
        "your knowledge.": N_("When you send it, you are saying that what you told us is true, as far as you know."),
    },
    "confirmation": {
        "We have received your complaint. Keep your reference number: quote it whenever you contact us about this "
        "complaint.": N_(
            "We have your complaint. Keep your reference number safe, and tell us the number whenever you "
            "contact us about it."
        ),
        "We will let you know we have your complaint by %(date)s.": N_(
            "We will tell you we have your complaint by %(date)s."
        ),
        "The manager responsible for the team or person you complained about will look into it and reply to you. "
        "This is stage 1.": N_(
            "A manager will look into it and write back to you. This first reply is called stage 1."
        ),
        "A manager in the service you complained about will look into it and reply to you. This is stage 1.": N_(
            "A manager will look into it and write back to you. This first reply is called stage 1."
        ),
        "If we look at your complaint, the manager responsible for the team or person you complained about will "
        "look into it and reply to you. This is stage 1.": N_(
            "If we look at your complaint, a manager will look into it and write back to you. This first reply is "
            "called stage 1."
        ),
        "If we look at your complaint, a manager in the service you complained about will look into it and reply "
        "to you. This is stage 1.": N_(
            "If we look at your complaint, a manager will look into it and write back to you. This first reply is "
            "called stage 1."
        ),
        "If your complaint is complicated and needs more time, we will tell you why, and reply by %(date)s at the "
        "latest.": N_("If we need more time, we will tell you why. We will reply by %(date)s at the latest."),
        "We have passed on the request for an advocate. An advocate does not work for the council and can help "
        "say what you want.": N_(
            "We have asked for an advocate for you. An advocate is someone on your side who helps you say what "
            "you want. They do not work for the council."
        ),
        "We acknowledge your complaint": N_("We tell you we have your complaint"),
        "We reply at stage 1": N_("We send you our first reply"),
        "Latest stage 1 reply if the complaint is complex": N_("Our first reply, at the latest, if we need more time"),
        "You can ask for an investigation (stage 2). Two people look into your complaint: an investigating "
        "officer who works for the council but not for the team involved, and an independent person who does "
        "not work for the council at all.": N_(
            "You can ask for stage 2. Two new people look into your complaint. One works for the council, but not "
            "in the team you complained about. The other does not work for the council at all."
        ),
        "Ask within %(days)s working days of our reply: if we reply on time, that is by %(date)s.": N_(
            "Ask within %(days)s working days of our reply. If we reply on time, that is by %(date)s."
        ),
        "Before that, we may offer to meet you, or to arrange mediation, to try to sort things out.": N_(
            "Before that, we may offer to meet you to try to sort things out."
        ),
        "If you are still not happy after stage 2, you can ask for a review panel of three independent people "
        "(stage 3).": N_(
            "If you are still unhappy after that, you can ask for stage 3. Three people who do not work for the "
            "council meet to look at your complaint."
        ),
        "After that, you can ask the Local Government and Social Care Ombudsman to look at your complaint.": N_(
            "After that, you can ask the Ombudsman to look at your complaint."
        ),
        "You can ask for your complaint to be looked at again by a senior manager (stage 2).": N_(
            "You can ask for a more senior manager to look at your complaint again. This is stage 2."
        ),
        "The Ombudsman is free and independent. It usually expects us to have had the chance to put things right "
        "first.": N_(
            "The Ombudsman checks how councils deal with complaints. It is free and does not work for the "
            "council. It will usually want us to try to put things right first."
        ),
    },
}
