"""Everything people and councils read, written to files, to compare two versions of the code byte for byte.

    cd <a checkout of the old version> && <venv>/bin/python <this file> /tmp/before
    cd <this checkout>                 && <venv>/bin/python <this file> /tmp/after
    diff -r /tmp/before /tmp/after     # nothing: the change is not seen by anyone

For a change that should not be seen (a refactor, a template made of includes): it walks the test answer sets of
the journey (new complaints, requests to take one further, children, advocates, people with no way to be reached) in
English and in Welsh, and writes every question page, Check your answers, the confirmation, print page and calendar
file, every email (headers and each decoded part, the JSON attachment too) and the stored record as JSON, then the
staff pages and scenario tester for several people and subjects. What changes from run to run is written as a
placeholder: the reference, script nonces, CSRF tokens, times of day, message ids, dates of sending and boundaries.
Both checkouts need their translations compiled (``make setup``). ``SETS=parent,kai`` walks only those sets. It
takes a few minutes.
"""
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path.cwd()
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "functional")]
os.environ.setdefault("TZ", "UTC")

from test_child_contact_follow_ups import (  # noqa: E402
    ADVOCATE_NOT_SAFE,
    ADVOCATE_TYPED,
    HOME_WORKER,
    NO_ADDRESS_LETTERS,
    RELATIVE_NOT_AGREED,
)
from test_child_words import (  # noqa: E402
    AUNT_OF_FOURTEEN,
    DEE,
    DEE_NO_WAY,
    JAY,
    KAI,
    KAI_THROUGH_TRUSTED,
    MIA,
    PARENT_OF_NINE,
    PAT_FURTHER,
)
from test_escalation_attacks import STAGE2  # noqa: E402
from test_escalation_journey import ESCALATION  # noqa: E402
from test_no_phone_or_email import KAI_NO_WAY, KAI_THROUGH_ADVOCATE  # noqa: E402
from test_people_journey import CHILD, KINSHIP, LEO  # noqa: E402

from tests import journey_answers as ja  # noqa: E402
from wizard import create_app, db  # noqa: E402
from wizard.delivery import load_complaint  # noqa: E402
from wizard.delivery.outbox import stop_keepers  # noqa: E402

SETS = {
    "parent": ja.PARENT, "long": ja.LONG, "kai": KAI, "dee": DEE, "dee-no-way": DEE_NO_WAY, "jay": JAY, "mia": MIA,
    "parent-of-9": PARENT_OF_NINE, "aunt-14": AUNT_OF_FOURTEEN, "pat-further": PAT_FURTHER,
    "kai-trusted": KAI_THROUGH_TRUSTED, "stage2": STAGE2, "escalation": ESCALATION, "child": CHILD,
    "kinship": KINSHIP, "leo": LEO, "advocate-not-safe": ADVOCATE_NOT_SAFE, "advocate-typed": ADVOCATE_TYPED,
    "home-worker": HOME_WORKER, "no-address-letters": NO_ADDRESS_LETTERS, "relative-not-agreed": RELATIVE_NOT_AGREED,
    "kai-no-way": KAI_NO_WAY, "kai-through-advocate": KAI_THROUGH_ADVOCATE,
}
if os.environ.get("SETS"):
    SETS = {k: v for k, v in SETS.items() if k in os.environ["SETS"].split(",")}
OUT = Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)


def norm(text: str, refs=()) -> str:
    text = re.sub(r'nonce="[^"]*"', 'nonce="N"', text)
    text = re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value="C"', text)
    text = re.sub(r"nonce-[A-Za-z0-9+/=_-]+", "nonce-N", text)
    for ref in refs:
        text = text.replace(ref, "REF")
    text = re.sub(r"(?m)^(Date|Message-ID|Message-Id|DTSTAMP|UID|Content-ID|References|In-Reply-To): .*$",
                  r"\1: X", text)
    text = re.sub(r"\b\d{1,2}:\d\d ?(yh|yb|am|pm)\b", "TIME", text)
    text = re.sub(r'boundary="[^"]+"', 'boundary="B"', text)
    text = re.sub(r"==============\d+==", "==B==", text)
    text = re.sub(r"/print\?[^\"]*|token=[A-Za-z0-9_-]+", "TOKEN", text)
    return text


def make_app():
    tmp = Path(tempfile.mkdtemp())
    return create_app({
        "TESTING": True, "SECRET_KEY": "test-secret-key-not-for-production-0123456789", "DATA_DIR": tmp / "data",
        "STAFF_PASSWORD": "correct horse battery", "RATE_LIMIT_PER_MINUTE": 10000, "WTF_CSRF_ENABLED": False,
    })


def refs_of(app):
    conn = db.connect(app.config["DATA_DIR"])
    try:
        rows = conn.execute("SELECT reference FROM complaints ORDER BY created_at").fetchall()
        return [r[0] for r in rows], [load_complaint(conn, r[0]) for r in rows]
    finally:
        conn.close()


def walk(name, answers, lang):
    app = make_app()
    c = app.test_client()
    if lang == "cy":
        c.get("/language/cy?next=/complaint/")
    pages = {}
    r = c.get("/complaint/")
    for _ in range(45):
        if r.status_code != 302:
            pages["stuck"] = r.get_data(as_text=True)
            break
        slug = ja.slug_of(r.location)
        if slug == "check":
            break
        page = c.get(r.location)
        pages[f"{len(pages):02d}-{slug}"] = page.get_data(as_text=True)
        r = c.post(r.location, data=answers.get(slug, {"carry_on": "yes"}))
    pages["check"] = c.get("/complaint/check").get_data(as_text=True)
    sent = c.post("/complaint/send")
    conf = c.get(sent.location)
    pages["confirmation"] = conf.get_data(as_text=True)
    conf.close()
    for extra in ("/complaint/print", "/complaint/calendar"):
        got = c.get(extra)
        pages[extra.rsplit("/", 1)[-1]] = f"{got.status_code}\n" + got.get_data(as_text=True)
    for _ in range(2):
        app.test_cli_runner().invoke(args=["outbox", "send"])
        time.sleep(0.3)
    refs, records = refs_of(app)
    mails = sorted(ja.sent_mail(app), key=lambda m: (str(m["To"]), str(m["Subject"])))
    for i, m in enumerate(mails):
        parts = [f"{k}: {v}" for k, v in m.items()]
        for part in m.walk():
            if part.is_multipart():
                continue
            content = part.get_content()
            if isinstance(content, bytes):
                content = content.decode("utf-8", "replace")
            parts.append(f"--- {part.get_content_type()} {part.get_filename()}\n{content}")
        pages[f"mail-{i}-{m['To']}"] = "\n".join(parts)
    for i, found in enumerate(records):
        if found:
            found = {k: v for k, v in found.items() if k not in ("created_at", "delivered_at")}
            pages[f"json-{i}"] = json.dumps({**found, "record": found["record"].to_json()}, indent=1, sort_keys=True,
                                            default=str)
    stop_keepers()
    db.dispose_all()
    d = OUT / f"{name}-{lang}"
    d.mkdir(exist_ok=True)
    for key, text in pages.items():
        (d / re.sub(r"[^A-Za-z0-9@._-]", "_", key)).write_text(norm(text, refs))


def staff():
    app = make_app()
    c = app.test_client()
    c.post("/staff/sign-in", data={"password": "correct horse battery"})
    d = OUT / "staff"
    d.mkdir(exist_ok=True)
    urls = ["/staff/", "/staff/routing", "/staff/emails", "/staff/profile", "/staff/figures", "/staff/scenario"]
    for who in ("parent", "advocate", "child", "relative", "care_leaver"):
        for about in ("looked_after", "education", "social_worker"):
            urls.append(f"/staff/scenario?who={who}&about={about}&child_age=9")
            urls.append(f"/staff/scenario?who={who}&about={about}&child_age=14&child_agrees=no&flags=advocacy_requested")
    urls.append("/staff/scenario?who=parent&about=looked_after&child_age=9&kind=escalation&reply_stage=stage2")
    for url in urls:
        got = c.get(url)
        (d / re.sub(r"[^A-Za-z0-9]", "_", url)).write_text(f"{got.status_code}\n" + norm(got.get_data(as_text=True)))
    stop_keepers()
    db.dispose_all()


for name, answers in SETS.items():
    for lang in ("en", "cy"):
        walk(name, answers, lang)
if not os.environ.get("SETS"):
    staff()
print("captured", len(list(OUT.rglob("*"))), "files")
