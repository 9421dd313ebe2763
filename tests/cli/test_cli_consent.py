"""``consent set|list|sent`` and ``report --mark-sent``: consent per recipient and the disclosure log."""

from boligvurdering.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _demo_visit(capsys, tmp_path):
    data = str(tmp_path / "d")
    assert run(capsys, "--data-dir", data, "demo")[0] == 0
    _, out, _ = run(capsys, "--data-dir", data, "visit", "list")
    return data, next(line.split()[0] for line in out.splitlines() if "Astrid" in line)


def test_consent_set_refuses_then_allows_and_logs_sent(capsys, tmp_path):
    data, visit = _demo_visit(capsys, tmp_path)
    code, out, _ = run(capsys, "--data-dir", data, "consent", "set", visit, "brannvesen", "--refused", "--how", "oral")
    assert code == 0 and "nektet" in out
    target = tmp_path / "brann.pdf"
    code, _, err = run(capsys, "--data-dir", data, "--lang", "nb", "report", visit, "--kind", "brannvesen",
                       "--out", str(target), "--mark-sent", "--channel", "post")
    assert code == 2 and "brann- og redningsvesenet" in err and not target.exists()
    code, out, _ = run(capsys, "--data-dir", data, "consent", "set", visit, "brannvesen", "--given", "--how", "written",
                       "--date", "2026-01-02")
    assert code == 0 and "gitt (skriftlig, 2026-01-02)" in out
    code, out, _ = run(capsys, "--data-dir", data, "report", visit, "--kind", "brannvesen", "--out", str(target),
                       "--mark-sent", "--channel", "e-post", "--sent-on", "2026-01-03")
    assert code == 0 and target.exists() and "Markert som sendt 2026-01-03" in out
    code, out, _ = run(capsys, "--data-dir", data, "consent", "list", visit)
    line = next(x for x in out.splitlines() if x.startswith("brannvesen"))
    assert code == 0 and "gitt, skriftlig, 2026-01-02" in line
    assert "2026-01-03  brannvesen" in out and "Kryptert e-post" in out


def test_consent_sent_without_consent_is_refused_with_exit_2(capsys, tmp_path):
    data, visit = _demo_visit(capsys, tmp_path)
    run(capsys, "--data-dir", data, "consent", "set", visit, "fastlege", "--refused")
    code, _, err = run(capsys, "--data-dir", data, "consent", "sent", visit, "--kind", "fastlege", "--channel",
                       "helsenett")
    assert code == 2 and "samtykket" in err.lower() and "Traceback" not in err
    _, out, _ = run(capsys, "--data-dir", data, "consent", "list", visit)
    assert "ingen dokumenter er markert som sendt" in out
    code, out, _ = run(capsys, "--data-dir", data, "consent", "set", visit, "fullmakt", "--refused", "--how", "written")
    assert code == 0 and "Fullmakt til ergoterapeuten" in out and "nektet (skriftlig" in out
    _, out, _ = run(capsys, "--data-dir", data, "consent", "list", visit)
    assert next(x for x in out.splitlines() if x.startswith("fullmakt")).split()[1] == "nektet,"


def test_bad_input_gets_norwegian_refusals(capsys, tmp_path):
    data, visit = _demo_visit(capsys, tmp_path)
    cases = [
        (("consent", "set", visit, "naboen", "--given"), "Ukjent mottaker «naboen»"),
        (("consent", "set", visit, "nav", "--given", "--how", "telepati"), "muntlig eller skriftlig"),
        (("consent", "set", visit, "nav", "--given", "--date", "2999-01-01"), "kan ikke være etter i dag"),
        (("consent", "set", visit, "nav", "--given", "--date", "i går"), "ÅÅÅÅ-MM-DD"),
        (("consent", "sent", visit, "--kind", "archive", "--channel", "post"), "sendes ikke ut"),
        (("consent", "sent", visit, "--kind", "client", "--channel", "fax"), "Ukjent kanal «fax»"),
        (("consent", "sent", visit, "--kind", "client"), "--channel"),
        (("consent", "list", "ikke-en-id"), "Fant ikke besøket"),
        (("report", visit, "--kind", "client", "--out", str(tmp_path / "c.pdf"), "--mark-sent"), "--channel"),
    ]
    for argv, words in cases:
        code, _, err = run(capsys, "--data-dir", data, *argv)
        assert code == 2 and words in err and "Traceback" not in err, (argv, err)
    assert not (tmp_path / "c.pdf").exists()
    _, out, _ = run(capsys, "--data-dir", data, "consent", "list", visit)
    assert "2999" not in out and "Utleveringslogg: ingen" in out
