"""The command line: every subcommand listed, clear Norwegian refusals, real round trips."""

import json
import subprocess
import sys

from boligvurdering.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_subcommand():
    proc = subprocess.run([sys.executable, "-m", "boligvurdering", "--help"], capture_output=True, text=True, check=True)
    for name in ("forms", "visit", "demo", "score"):
        assert name in proc.stdout
    assert "--data-dir" in proc.stdout


def test_forms_check_ok_and_broken(capsys, tmp_path):
    code, out, _ = run(capsys, "forms", "check")
    assert code == 0 and "0 feil" in out
    (tmp_path / "questionnaires").mkdir()
    (tmp_path / "questionnaires" / "x.toml").write_text("[form\n", encoding="utf-8")
    code, out, _ = run(capsys, "forms", "check", str(tmp_path))
    assert code == 1 and "ugyldig TOML" in out


def test_demo_list_export_import_round_trip(capsys, tmp_path):
    data = str(tmp_path / "d")
    assert run(capsys, "--data-dir", data, "demo")[0] == 0
    code, out, _ = run(capsys, "--data-dir", data, "visit", "list")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 5 and "Astrid Demosen" in out
    visit_id = next(line.split()[0] for line in lines if "Astrid" in line)
    target = tmp_path / "astrid.json"
    assert run(capsys, "--data-dir", data, "visit", "export", visit_id, "--out", str(target), "--plain")[0] == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["format"] == "boligvurdering.visit" and doc["client"]["given_name"] == "Astrid"
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "fresh"), "visit", "import", str(target))
    assert code == 0 and "1 nye" in out


def test_import_refuses_invalid_file_with_reasons(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "boligvurdering.visit", "version": 1,
                               "client": {"national_id": "15076500566", "given_name": "A", "family_name": "B"},
                               "visit": {}}), encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "visit", "import", str(bad))
    assert code == 1 and "AVVIST" in out and "kontrollsiffer" in out


def test_unknown_visit_and_bad_database(capsys, tmp_path):
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "visit", "export", "00000000-0000-0000-0000-000000000000",
                       "--plain")
    assert code == 2 and "Fant ikke besøket" in err
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "boligvurdering.db").write_bytes(b"garbage" * 500)
    code, _, err = run(capsys, "--data-dir", str(broken), "visit", "list")
    assert code == 2 and "ikke en Boligvurdering-database" in err
    assert "Traceback" not in err


def test_score_prints_json_for_an_exchange_file(capsys, tmp_path):
    from boligvurdering.formsengine import load_registry
    from boligvurdering.services.demo import demo_documents

    path = tmp_path / "v.json"
    path.write_text(json.dumps(demo_documents(load_registry())[0]), encoding="utf-8")
    code, out, _ = run(capsys, "score", str(path))
    result = json.loads(out)
    assert code == 0
    assert result["instruments"]["TUG"] == {**result["instruments"]["TUG"], "score": 16.4, "band": "at_risk"}
    assert result["domains"]["falls"]["level"] == "high"
    assert result["housing_step"] == 2
    assert not (tmp_path / "boligvurdering.db").exists()


def test_ruff_is_clean():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_encrypted_export_travels_and_wrong_password_is_refused(capsys, tmp_path, monkeypatch):
    data = str(tmp_path / "d")
    assert run(capsys, "--data-dir", data, "demo")[0] == 0
    visit_id = next(line.split()[0] for line in run(capsys, "--data-dir", data, "visit", "list")[1].splitlines()
                    if "Astrid" in line)
    monkeypatch.setenv("BOLIGVURDERING_EXPORT_PASSWORD", "transport-passord-7")
    target = tmp_path / "astrid.bvx"
    code, out, _ = run(capsys, "--data-dir", data, "visit", "export", visit_id, "--out", str(target), "--encrypt")
    assert code == 0 and target.exists()
    assert b"Astrid" not in target.read_bytes() and b"Demosen" not in target.read_bytes()
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "other"), "visit", "import", str(tmp_path))
    assert code == 0 and "1 nye" in out and "Astrid Demosen" in out
    monkeypatch.setenv("BOLIGVURDERING_EXPORT_PASSWORD", "feil-passord-123")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "third"), "visit", "import", str(target))
    assert code == 1 and "AVVIST" in out and "feil passord" in out
