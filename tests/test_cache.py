"""The content-addressed cache: entries round-trip, corrupt or stale ones are redone
and never used, and a warm build takes everything from it without starting jieba."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sitegen.cache as cache_module
from sitegen.build import Builder
from sitegen.cache import FILES_MAGIC, MAGIC, Cache, decode, encode, make_key
from sitegen.config import load_settings
from sitegen.model import Diagnostic

REPO = Path(__file__).resolve().parents[1]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted(p for p in (folder / kind).rglob("*") if p.is_file())




# ----------------------------------------------------------------- entries


def test_an_entry_round_trips(tmp_path):
    cache = Cache(tmp_path)
    value = [Diagnostic("seeds/a.txt", "缺少标题", 3)]
    cache.put("read", make_key("a"), value)
    assert cache.get("read", make_key("a")) == value
    assert (cache.hits, cache.misses) == (1, 0)


def test_keys_differ_by_every_part_and_by_how_parts_split():
    assert make_key("ab", "c") != make_key("a", "bc")
    assert make_key("a") != make_key("a", "")
    assert make_key("a") == make_key("a")


def test_a_key_changes_with_the_code_version(monkeypatch):
    before = make_key("same input")
    monkeypatch.setattr(cache_module, "code_version", lambda: "0.0.0+other")
    assert make_key("same input") != before


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # truncated by a killed write or a full disk
    lambda data: b"\x00garbage" * 20,  # not an entry at all
    lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one flipped bit in the payload
    lambda data: MAGIC + data[len(MAGIC):len(MAGIC) + 32] + b"other payload",  # checksum of something else
])
def test_a_damaged_entry_is_a_miss_and_is_deleted(tmp_path, damage):
    cache = Cache(tmp_path)
    key = make_key("x")
    cache.put("facts", key, {"value": list(range(100))})
    path = cache.path("facts", key)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get("facts", key) is None
    assert cache.dropped == 1
    assert not path.exists()


def test_a_payload_that_does_not_unpickle_is_rejected():
    import hashlib

    payload = b"\x80\x05not a pickle"
    with pytest.raises(ValueError):
        decode(MAGIC + hashlib.sha256(payload).digest() + payload)
    assert decode(encode({"a": 1})) == {"a": 1}


def test_writes_leave_no_temporary_files(tmp_path):
    cache = Cache(tmp_path)
    for number in range(20):
        cache.put("read", make_key(str(number)), number)
    assert all(not p.name.startswith(".tmp-") for p in tmp_path.rglob("*"))


def test_a_disabled_cache_remembers_nothing():
    cache = Cache(None)
    cache.put("read", make_key("a"), 1)
    assert cache.get("read", make_key("a")) is None
    cache.put_files("search", make_key("a"), "label", {"a.json": b"[]"})
    assert cache.files("search", make_key("a")) is None


FILES = {"p/000.json": b'{"\xe7\xae\x97": [1]}', "empty.json": b"", "d/0.json": bytes(range(256)) * 50}


def test_files_round_trip_in_order_read_one_at_a_time(tmp_path):
    cache = Cache(tmp_path)
    cache.put_files("search", make_key("slot"), "model-1", FILES)
    stored = cache.files("search", make_key("slot"))
    assert stored.label == "model-1"
    reading = iter(stored)
    assert next(reading) == ("p/000.json", FILES["p/000.json"])  # nothing else read yet
    assert list(reading) == list(FILES.items())[1:]
    assert (cache.hits, cache.misses) == (1, 0)


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],
    lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one flipped bit in the last file
    lambda data: data.replace(b"p/000.json", b"p/001.json"),  # a name in the listing
    lambda data: MAGIC + data[len(FILES_MAGIC):],  # an ordinary entry's magic
])
def test_damaged_files_are_a_miss_and_are_deleted(tmp_path, damage):
    cache = Cache(tmp_path)
    key = make_key("slot")
    cache.put_files("search", key, "model-1", FILES)
    path = cache.path("search", key)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.files("search", key) is None
    assert (cache.dropped, cache.misses) == (1, 1)
    assert not path.exists()


# ----------------------------------------------------------------- in a build


def test_a_warm_build_reads_and_analyses_nothing_and_gives_the_same_site(site, counted):
    settings = load_settings(site)
    first = Builder(settings, jobs=1).build(site / "cold")
    assert counted["read"] == first.source_files and counted["analyse"] == len(first.site.articles)
    counted["read"] = counted["analyse"] = 0
    Builder(settings, jobs=1).build(site / "warm")
    assert counted == {"read": 0, "analyse": 0}
    assert files_of(site / "cold") == files_of(site / "warm")


def test_a_warm_build_of_the_same_inputs_loads_the_model_and_no_source_entry(site, counted, monkeypatch):
    """The model of a build of the very same files comes from the cache without
    the per-source entries it was made from; its warnings come with it."""
    (site / "seeds" / "broken.html").write_bytes(b"\x00\x01\x02 binary")
    settings = load_settings(site)
    first = Builder(settings, jobs=1).build(site / "cold")
    assert any(d.path == "seeds/broken.html" for d in first.diagnostics)
    kinds: list[str] = []
    get = Cache.get
    monkeypatch.setattr(Cache, "get", lambda self, kind, key: kinds.append(kind) or get(self, kind, key))
    counted["read"] = counted["analyse"] = 0
    warm = Builder(settings, jobs=1).build(site / "warm")
    assert "read" not in kinds and "facts" not in kinds and "model" in kinds
    assert counted == {"read": 0, "analyse": 0}
    assert warm.diagnostics == first.diagnostics and warm.counts == first.counts
    assert files_of(site / "cold") == files_of(site / "warm")


def test_a_builder_that_built_once_reads_its_sources_for_the_next_build(site, counted):
    """A model taken whole from the cache leaves the builder without its sources:
    its next build (an edit in the preview) must read them, not lose them."""
    settings = load_settings(site)
    Builder(settings, jobs=1).build(site / "cold")
    builder = Builder(settings, jobs=1)
    builder.build(site / "warm")
    edited = sorted((site / "seeds").iterdir())[0]
    edited.write_bytes(edited.read_bytes().replace("。".encode(), "。补充一句。".encode(), 1))
    again = builder.build(site / "warm", preview=True)
    fresh = Builder(settings, jobs=1).build(site / "fresh")
    assert again.site.articles.keys() == fresh.site.articles.keys() and len(fresh.site.articles) > 1
    assert any("补充一句" in p.text for item in again.site.articles.values() for p in item.article.paragraphs)


def test_planted_corrupt_entries_are_recomputed_not_used(site, counted):
    settings = load_settings(site)
    Builder(settings, jobs=1).build(site / "cold")
    cache_dir = settings.cache_dir
    truncated = entries(cache_dir, "facts")[0]
    truncated.write_bytes(truncated.read_bytes()[:40])
    garbage = entries(cache_dir, "read")[0]
    garbage.write_bytes(b"not a cache entry")
    model = entries(cache_dir, "model")[0]
    model.write_bytes(model.read_bytes()[:-10])
    counted["read"] = counted["analyse"] = 0
    Builder(settings, jobs=1).build(site / "again")
    assert counted["read"] == 1
    assert counted["analyse"] >= 1
    assert files_of(site / "cold") == files_of(site / "again")


def test_entries_of_another_code_version_are_not_used(site, counted, monkeypatch):
    settings = load_settings(site)
    first = Builder(settings, jobs=1).build(site / "cold")
    monkeypatch.setattr(cache_module, "code_version", lambda: "9.9.9+edited")
    counted["read"] = counted["analyse"] = 0
    Builder(settings, jobs=1).build(site / "again")
    assert counted == {"read": first.source_files, "analyse": len(first.site.articles)}


def test_a_taxonomy_change_misses_the_analysis_entries_only(site, counted):
    settings = load_settings(site)
    first = Builder(settings, jobs=1).build(site / "cold")
    (site / "taxonomies").mkdir()
    (site / "taxonomies" / "stopwords.txt").write_text("平台\n", encoding="utf-8")
    counted["read"] = counted["analyse"] = 0
    Builder(load_settings(site), jobs=1).build(site / "again")
    assert counted == {"read": 0, "analyse": len(first.site.articles)}


def test_a_warm_build_never_loads_jieba(site):
    """In a fresh interpreter: no tokenizer made, no part-of-speech tables read."""
    cache_module.code_version.cache_clear()  # hash the code now, as the subprocess will
    settings = load_settings(site)
    Builder(settings, jobs=1).build(site / "cold")
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from sitegen.build import Builder\n"
        "from sitegen.config import load_settings\n"
        "from sitegen.analyse.tokens import make_tokenizer\n"
        f"Builder(load_settings(Path({str(site)!r})), jobs=1).build(Path({str(site / 'warm')!r}))\n"
        "print(json.dumps({'tokenizers': make_tokenizer.cache_info().currsize,"
        " 'posseg': 'jieba.posseg' in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"tokenizers": 0, "posseg": False}


def test_compiled_templates_go_to_the_users_cache_folder_and_sites_do_not_mix_them(site, tmp_path, monkeypatch):
    """Compiled templates depend on the templates only: a site's own cache
    (deleted for a cold build) does not hold them, and a site that overrides a
    template is never given another site's compiled version of it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    Builder(load_settings(site), jobs=1).build(site / "out")
    compiled = tmp_path / "user-cache" / "sitegen" / "templates"
    assert any(compiled.iterdir())
    assert not (site / ".sitegen-cache" / "templates").exists()
    other = tmp_path / "other"
    shutil.copytree(site / "seeds", other / "seeds")
    (other / "templates").mkdir()
    (other / "templates" / "404.html").write_text("<p>这里没有这一页</p>\n", encoding="utf-8")
    Builder(load_settings(other), jobs=1).build(other / "out")
    assert (other / "out" / "404.html").read_text(encoding="utf-8") == "<p>这里没有这一页</p>\n"
    Builder(load_settings(site), jobs=1).build(site / "again")
    assert (site / "again" / "404.html").read_bytes() == (site / "out" / "404.html").read_bytes()


class _RecordsCollector:
    """Notes whether the garbage collector ran while it was unpickled."""

    def __init__(self):
        self.collector_enabled = None  # a state to unpickle, so __setstate__ is called

    def __setstate__(self, state):
        self.collector_enabled = gc.isenabled()


def test_unpickling_pauses_the_garbage_collector_and_restores_it():
    data = encode([_RecordsCollector()])
    assert gc.isenabled()
    try:
        value = decode(data)
        assert value[0].collector_enabled is False
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        decode(data)
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_build_leaves_nothing_frozen(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.md").write_text("# 南京发布大模型\n\n南京举行人工智能大会，发布大模型。\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    Builder(settings, jobs=1).build()
    shutil.rmtree(tmp_path / "site")
    Builder(settings, jobs=1).build()  # the model comes from the cache, frozen while it is used
    assert gc.get_freeze_count() == 0


def test_output_stamps_list_every_file_by_site_path_and_skip_linked_folders(tmp_path):
    out = tmp_path / "site"
    for relative in ("index.html", "a/index.html", "a/b/c.json", "search/p/00f.json"):
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_text(relative, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.html").write_text("x", encoding="utf-8")
    (out / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    stamps = cache_module.output_files(out)
    assert sorted(stamps) == ["a/b/c.json", "a/index.html", "index.html", "search/p/00f.json"]
    status = (out / "a/b/c.json").stat()
    assert stamps["a/b/c.json"] == (status.st_size, status.st_mtime_ns)


def test_a_builder_reused_after_a_build_gives_what_a_fresh_one_gives(site):
    """A build (not a preview) lets go of its sources once the model is made;
    the same builder's next build must take them from the cache again."""
    settings = load_settings(site)
    builder = Builder(settings, jobs=1)
    builder.build(site / "out")
    edited = sorted((site / "seeds").iterdir())[-1]
    edited.write_bytes(edited.read_bytes().replace("。".encode(), "。再补充一句。".encode(), 1))
    again = builder.build(site / "out")
    fresh = Builder(settings, jobs=1).build(site / "fresh")
    assert again.counts == fresh.counts and not again.unchanged
    assert files_of(site / "out") == files_of(site / "fresh")
