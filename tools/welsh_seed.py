"""Fills in the Welsh catalogue for a few strings the team has translated; a translator does the rest.

    .venv/bin/python tools/welsh_seed.py translations/cy/LC_MESSAGES/messages.po
"""
import sys

from babel.messages.pofile import read_po, write_po

CY = {
 "Complain about children's social care": "Cwyno am ofal cymdeithasol plant",
 "Make a complaint about children's social care": "Gwneud cwyn am ofal cymdeithasol plant",
 "Skip to main content": "Neidio i'r prif gynnwys",
 "Exit this page": "Gadael y dudalen hon",
 "Accessibility statement": "Datganiad hygyrchedd",
 "Privacy notice": "Hysbysiad preifatrwydd",
 "Cookies": "Cwcis",
 "Start now": "Dechrau nawr",
 "Language": "Iaith",
 "Page not found": "Heb ddod o hyd i'r dudalen",
 "There is a problem": "Mae problem wedi codi",
 "Error:": "Gwall:",
 "Before you start": "Cyn i chi ddechrau",
 "Support links": "Dolenni cymorth",
 "If a child is in danger right now, call 999.": "Os yw plentyn mewn perygl ar hyn o bryd, ffoniwch 999.",
 "Go to the start of the service": "Mynd i ddechrau'r gwasanaeth",
 "Warning": "Rhybudd",
 "Back": "Yn ôl",
 "Continue": "Parhau",
 "Yes": "Ie",
 "No": "Na",
 "Change": "Newid",
 "Send complaint": "Anfon y gŵyn",
 "Complaint sent": "Cwyn wedi'i hanfon",
 "Your reference number": "Eich cyfeirnod",
 "Check your answers before sending your complaint": "Gwiriwch eich atebion cyn anfon eich cwyn",
 "What happens next": "Beth sy'n digwydd nesaf",
 "Is a child in danger right now?": "Ydy plentyn mewn perygl ar hyn o bryd?",
 "Which of these best describes you?": "Pa un o'r rhain sy'n eich disgrifio orau?",
 "Print your complaint": "Argraffu eich cwyn",
 "Get help now": "Cael help nawr",

 "Some parts of this service have not been translated yet. They are shown in English until they are.":
     "Nid yw rhai rhannau o'r gwasanaeth hwn wedi'u cyfieithu eto. "
     "Maen nhw'n cael eu dangos yn Saesneg nes iddyn nhw gael eu cyfieithu.",
 # Safety first: the danger question, the emergency page and the start page's warning
 # On the pages 999 is a tel: link, filled in as %(emergency)s (the emails keep the plain "call 999.").
 "If a child is in danger right now, call %(emergency)s. If it is not an emergency but you are worried about "
 "a child, call %(council)s on %(phone)s.":
     "Os yw plentyn mewn perygl ar hyn o bryd, ffoniwch %(emergency)s. Os nad yw'n argyfwng ond eich bod yn "
     "poeni am blentyn, ffoniwch %(council)s ar %(phone)s.",
 "If a child is in immediate danger, call %(emergency)s now.":
     "Os yw plentyn mewn perygl uniongyrchol, ffoniwch %(emergency)s nawr.",
 "If a child is in danger right now, call %(emergency)s.":
     "Os yw plentyn mewn perygl ar hyn o bryd, ffoniwch %(emergency)s.",
 "If it is not an emergency but you are worried about a child's safety, call %(council)s children's services on "
 "%(phone)s.":
     "Os nad yw'n argyfwng ond eich bod yn poeni am ddiogelwch plentyn, ffoniwch wasanaethau plant %(council)s ar "
     "%(phone)s.",
 "A complaint cannot keep a child safe today. Please get help first.":
     "Ni all cwyn gadw plentyn yn ddiogel heddiw. Gofynnwch am help yn gyntaf.",
 "If you also want to make a complaint": "Os ydych chi hefyd eisiau gwneud cwyn",
 "When you have got help, you can carry on and tell us about your complaint.":
     "Ar ôl i chi gael help, gallwch barhau a dweud wrthym am eich cwyn.",
 "Carry on with a complaint": "Parhau â chwyn",
 "Select yes if a child is in danger right now": "Dewiswch 'Ie' os yw plentyn mewn perygl ar hyn o bryd",
 "You told us a child may be in danger right now. A complaint cannot keep a child safe today, so the first step "
 "is to get help straight away.":
     "Rydych wedi dweud wrthym y gallai plentyn fod mewn perygl ar hyn o bryd. Ni all cwyn gadw plentyn yn "
     "ddiogel heddiw, felly'r cam cyntaf yw cael help ar unwaith.",
 # The complainant's email
 "We have received your complaint": "Rydym wedi cael eich cwyn",
 "We have received your complaint: reference %(reference)s": "Rydym wedi cael eich cwyn: cyfeirnod %(reference)s",
 "Thank you for telling %(council)s about your complaint.": "Diolch am ddweud wrth %(council)s am eich cwyn.",
 "Please use this reference whenever you contact us about your complaint.":
     "Defnyddiwch y cyfeirnod hwn bob tro y byddwch yn cysylltu â ni am eich cwyn.",
 "We will let you know we have your complaint by %(date)s.":
     "Byddwn yn rhoi gwybod i chi ein bod wedi cael eich cwyn erbyn %(date)s.",
 "We aim to reply by %(date)s.": "Ein nod yw ateb erbyn %(date)s.",
 "If your complaint needs more time to look into, we will tell you, and reply by %(date)s at the latest.":
     "Os oes angen mwy o amser i edrych ar eich cwyn, byddwn yn dweud wrthych, ac yn ateb erbyn %(date)s fan bellaf.",
 "If you are not happy with our reply, it will tell you how to take your complaint further.":
     "Os nad ydych yn fodlon â'n hateb, bydd yn dweud wrthych sut i fynd â'ch cwyn ymhellach.",
 "For your privacy, this email does not repeat what you told us.":
     "Er mwyn diogelu eich preifatrwydd, nid yw'r e-bost hwn yn ailadrodd yr hyn a ddywedoch wrthym.",
 "If you did not make this complaint, or have a question about it, call us on %(phone)s and give the reference above.":
     "Os na wnaethoch chi'r gŵyn hon, neu os oes gennych gwestiwn amdani, ffoniwch ni ar %(phone)s a rhowch y "
     "cyfeirnod uchod.",
}
path = sys.argv[1]
with open(path, "rb") as f:
    catalog = read_po(f, locale="cy")
for message in catalog:
    if message.id in CY and not message.string:
        message.string = CY[message.id]
with open(path, "wb") as f:
    write_po(f, catalog, width=110, omit_header=False)
