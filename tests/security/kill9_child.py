"""Child for the kill -9 test: signs in, saves answers one by one, prints ``SAVED n`` after each commit."""

import sys

from boligvurdering.paths import AppPaths
from boligvurdering.services.auth import unlock


def main() -> None:
    root, user, password, start = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ctx = unlock(AppPaths.resolve(root), user, password, auto_backup=False)
    visits = sorted(v.id for v in ctx.visits.list())  # stable: saving an answer may move a case
    questions = plan(ctx)
    n = start
    while n < len(visits) * len(questions):
        visit_id, qid = slot(n, visits, questions)
        ctx.answers.save(visit_id, qid, True)
        sys.stdout.write(f"SAVED {n}\n")
        sys.stdout.flush()
        n += 1
    sys.stdout.write("DONE\n")
    sys.stdout.flush()


def plan(ctx):
    return sorted(q.id for q in ctx.registry.questions() if q.type == "yes_no" and not q.room_scoped)


def slot(n, visits, questions):
    return visits[n % len(visits)], questions[n // len(visits)]


if __name__ == "__main__":
    main()
