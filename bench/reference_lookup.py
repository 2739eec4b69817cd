"""Whether Send's time tells if a typed reference is one of ours (issue 12, brief item 8).

    .venv/bin/python bench/reference_lookup.py [--repeat 3000]

A request to take a complaint further that quotes a reference in our format is compared, at Send, with the
stored complaint of that reference (``delivery.store.find_reference``). The bench stores one parent's complaint
(walking the journey in-process), then times, interleaved in one loop, ``find_reference`` for that reference and
for a made-up one of the same shape, both comparing the same request record. It prints the medians (wall and
this thread's CPU time) and their difference. Read the difference, not the milliseconds: the machine is shared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from tests.journey_answers import PARENT, answer_until_check  # noqa: E402
from wizard import create_app, db  # noqa: E402
from wizard.delivery.store import find_reference, load_complaint  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3000)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({
            "TESTING": True, "SECRET_KEY": "bench-" + "x" * 40, "DATA_DIR": Path(data_dir),
            "WTF_CSRF_ENABLED": False, "RATE_LIMIT_PER_MINUTE": 10**9, "OUTBOX_SEND_AFTER_RESPONSE": False,
            "STAFF_PASSWORD": "bench staff password",
        })
        client = app.test_client()
        answer_until_check(client, PARENT)
        client.post("/complaint/send")
        conn = db.connect(app.config)
        ours = conn.execute("SELECT reference FROM complaints").fetchone()[0]
        made_up = ours[:-4] + ("ABCD" if not ours.endswith("ABCD") else "EFGH")
        record = load_complaint(conn, ours)["record"]
        samples = {"ours": ([], []), "made_up": ([], [])}
        for i in range(repeat):
            order = (("ours", ours), ("made_up", made_up)) if i % 2 else (("made_up", made_up), ("ours", ours))
            for name, reference in order:
                wall, cpu = time.perf_counter(), time.thread_time()
                find_reference(conn, reference, compare_with=record)
                samples[name][1].append(time.thread_time() - cpu)
                samples[name][0].append(time.perf_counter() - wall)
        conn.close()
    print(f"find_reference with the request compared, {repeat} each, interleaved")
    print(f"{'reference':<10} {'wall ms':>9} {'cpu ms':>9}")
    medians = {}
    for name, (wall, cpu) in samples.items():
        medians[name] = (statistics.median(wall) * 1000, statistics.median(cpu) * 1000)
        print(f"{name:<10} {medians[name][0]:>9.3f} {medians[name][1]:>9.3f}")
    print(f"{'ours - made-up':<10} {medians['ours'][0] - medians['made_up'][0]:>+9.3f} "
          f"{medians['ours'][1] - medians['made_up'][1]:>+9.3f}")


if __name__ == "__main__":
    main()
