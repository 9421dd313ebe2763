"""Pure building blocks: password rules, key store, ciphers, hash chain, instance lock."""

import pytest

from boligvurdering.domain.errors import InvalidValue
from boligvurdering.security import audit_chain
from boligvurdering.security.ciphers import (
    DecryptionFailed,
    FileCipher,
    decrypt_with_password,
    encrypt_with_password,
    file_key,
)
from boligvurdering.security.instance_lock import AlreadyRunning, InstanceLock
from boligvurdering.security.keystore import (
    AuthenticationFailed,
    Keystore,
    TooManyAttempts,
    delay_after,
)
from boligvurdering.security.passwords import KdfParams, check_password

FAST = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


@pytest.mark.parametrize("bad", ["kort", "aaaaaaaaaaaa", "Kari.Nordmann", "x" * 2000, "abcdefghij\x00"])
def test_password_rules_refuse(bad):
    with pytest.raises(InvalidValue) as exc:
        check_password(bad, "kari.nordmann")
    assert exc.value.message  # Norwegian message


def test_password_rules_accept():
    check_password("lang nok frase æøå", "kari")


def test_keystore_wraps_and_unwraps(tmp_path):
    ks = Keystore.load(tmp_path / "keys.json")
    master = bytes(range(32))
    ks.wrap("Kari", "riktig passord 1", master, FAST)
    ks.save()
    again = Keystore.load(tmp_path / "keys.json")
    assert again.unwrap("kari", "riktig passord 1") == master
    assert master.hex() not in (tmp_path / "keys.json").read_text()
    with pytest.raises(AuthenticationFailed):
        again.unwrap("kari", "feil passord 12")
    with pytest.raises(AuthenticationFailed):
        again.unwrap("ukjent", "riktig passord 1")


def test_failure_delay_grows_and_survives_restart(tmp_path):
    ks = Keystore.load(tmp_path / "keys.json")
    ks.wrap("kari", "riktig passord 1", bytes(32), FAST)
    ks.save()
    t = 1_000_000.0
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            Keystore.load(tmp_path / "keys.json").unwrap("kari", "feil passord", now=t)
    restarted = Keystore.load(tmp_path / "keys.json")  # a restart does not reset the count
    with pytest.raises(TooManyAttempts) as exc:
        restarted.unwrap("kari", "riktig passord 1", now=t + 0.5)
    assert "Vent" in exc.value.message
    assert restarted.unwrap("kari", "riktig passord 1", now=t + 2) == bytes(32)
    assert Keystore.load(tmp_path / "keys.json").wait_seconds("kari") == 0
    assert [delay_after(n) for n in (0, 3, 4, 5, 30)] == [0, 1, 2, 4, 300]


def test_file_cipher_round_trip_and_tamper():
    cipher = FileCipher(file_key(bytes(32)))
    blob = cipher.encrypt(b"jpeg bytes", b"a.jpg")
    assert b"jpeg bytes" not in blob
    assert cipher.decrypt(blob, b"a.jpg") == b"jpeg bytes"
    with pytest.raises(DecryptionFailed):
        cipher.decrypt(blob, b"b.jpg")  # swapped file name
    with pytest.raises(DecryptionFailed):
        cipher.decrypt(blob[:-1] + bytes([blob[-1] ^ 1]), b"a.jpg")
    with pytest.raises(DecryptionFailed):
        FileCipher(file_key(bytes([1] * 32))).decrypt(blob, b"a.jpg")


def test_password_cipher():
    blob = encrypt_with_password(b"eksport", "delt passord 123", FAST)
    assert decrypt_with_password(blob, "delt passord 123") == b"eksport"
    with pytest.raises(DecryptionFailed):
        decrypt_with_password(blob, "feil passord 123")
    with pytest.raises(DecryptionFailed):
        decrypt_with_password(b"rubbish", "x")


def _chain(n):
    entries, prev = [], audit_chain.GENESIS
    for seq in range(1, n + 1):
        e = {"seq": seq, "at": "t", "actor": "a", "role": "r", "action": "x", "record_type": "",
             "record_id": str(seq), "client_id": "", "details": {"q": seq}}
        e["prev_hash"], e["hash"] = prev, audit_chain.link(prev, e)
        prev = e["hash"]
        entries.append(e)
    return entries


def test_hash_chain_detects_change_removal_and_reorder():
    assert audit_chain.verify(_chain(5)).ok
    changed = _chain(5)
    changed[2]["details"] = {"q": 99}
    assert audit_chain.verify(changed).broken_seq == 3
    removed = _chain(5)
    del removed[1]
    assert not audit_chain.verify(removed).ok
    swapped = _chain(5)
    swapped[1], swapped[2] = swapped[2], swapped[1]
    assert not audit_chain.verify(swapped).ok


def test_instance_lock(tmp_path):
    with InstanceLock(tmp_path / ".lock"):
        with pytest.raises(AlreadyRunning) as exc:
            InstanceLock(tmp_path / ".lock").acquire()
        assert "allerede åpen" in exc.value.message
    InstanceLock(tmp_path / ".lock").acquire().release()
