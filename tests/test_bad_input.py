"""Bad inputs to ``kg build``: one clear line on stderr naming the file and the problem, a non-zero exit
when nothing could be built, no traceback (``kg --debug`` shows it), and an earlier output left as it was."""

import errno
import os
import signal
import shutil
import subprocess
import sys
import time
import tracemalloc

import pytest
from click.testing import CliRunner

import kg.outputs.files
from kg.cli import cli
from kg.read.report import MAX_BYTES, MAX_CHARS

from .conftest import QINGHE, SEED
from .formats import write_scanned_pdf

EARLIER = {"graph.ttl": "# an earlier build\n", "graph.html": "<p>an earlier build</p>\n"}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8


@pytest.fixture
def out(tmp_path):
    """An output folder holding an earlier build."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name, text in EARLIER.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(*args):
    return CliRunner().invoke(cli, ["build", *map(str, args)])


def stderr_line(result) -> str:
    """The one line the command wrote on stderr (besides the progress bar and the stages after it, such as
    ``writing graph.ttl…``); there is no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.strip().splitlines()
             if line.strip() and not line.startswith("reading reports") and not line.endswith("…")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def assert_untouched(out):
    assert sorted(p.name for p in out.iterdir()) == sorted(EARLIER)
    for name, text in EARLIER.items():
        assert (out / name).read_text(encoding="utf-8") == text


def _missing(tmp):
    return tmp / "no-such-report.txt"


def _folder_without_reports(tmp):
    (tmp / "reports").mkdir()
    (tmp / "reports" / "notes.pdf.bak").write_text("x")
    (tmp / "reports" / "photo.jpg").write_bytes(PNG)
    (tmp / "reports" / "~$report.docx").write_bytes(b"\x0cWord lock file")  # Word's lock file of an open document
    return tmp / "reports"


def _empty(tmp):
    (tmp / "empty.txt").write_bytes(b"")
    return tmp / "empty.txt"


def _blank(tmp):
    (tmp / "blank.md").write_text(" \n\n\u3000\n", encoding="utf-8")
    return tmp / "blank.md"


def _binary(suffix):
    def make(tmp):
        (tmp / f"image{suffix}").write_bytes(PNG)
        return tmp / f"image{suffix}"
    return make


def _damaged_pdf(tmp):
    (tmp / "damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n" + PNG)
    return tmp / "damaged.pdf"


def _scanned_pdf(tmp):
    return write_scanned_pdf(tmp / "scanned.pdf")


def _encrypted_pdf(tmp):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp / "locked.pdf"), encrypt="secret")
    c.drawString(72, 720, "2019 work report")
    c.save()
    return tmp / "locked.pdf"


def _old_word(tmp):
    (tmp / "report.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    return tmp / "report.doc"


def _too_many_characters(tmp):
    text = SEED.read_text(encoding="utf-8")
    (tmp / "many.txt").write_text(text * (MAX_CHARS // len(text) + 1), encoding="utf-8")
    return tmp / "many.txt"


def _above_the_size_limit(tmp):
    with open(tmp / "huge.pdf", "wb") as fh:  # sparse: takes no disk space
        fh.write(b"%PDF-1.7\n")
        fh.truncate(MAX_BYTES + 1)
    return tmp / "huge.pdf"


BAD = [
    ("missing path", _missing, "no such file or folder"),
    ("folder with no reports", _folder_without_reports, "no reports (.txt"),
    ("empty file", _empty, "the file is empty"),
    ("blank file", _blank, "the file has no text"),
    ("binary .txt", _binary(".txt"), "binary file, not text"),
    ("binary .html", _binary(".html"), "binary file, not text"),
    ("binary .pdf", _binary(".pdf"), "not a PDF file"),
    ("binary .docx", _binary(".docx"), "not a Word .docx file"),
    ("damaged PDF", _damaged_pdf, "cannot read this PDF"),
    ("scanned PDF", _scanned_pdf, "no text layer"),
    ("encrypted PDF", _encrypted_pdf, "it is encrypted"),
    ("old Word .doc", _old_word, "old binary Word .doc"),
    ("text above the character limit", _too_many_characters, "longer than the limit of 1,000,000 characters"),
    ("file above the size limit", _above_the_size_limit, "above the limit of 50 MB"),
]


@pytest.mark.parametrize("make, message", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_and_leaves_the_earlier_output(make, message, tmp_path, out):
    path = make(tmp_path)
    result = build(path, "--out", out)
    assert result.exit_code == 2
    line = stderr_line(result)
    assert line.startswith("error: ") and str(path) in line and message in line
    assert_untouched(out)


def test_a_scanned_pdf_asks_for_ocr(tmp_path, out):
    line = stderr_line(build(_scanned_pdf(tmp_path), "--out", out))
    assert "scanned" in line and "OCR" in line and "ocrmypdf" in line


def test_a_50_mb_file_is_refused_at_once_in_little_memory(tmp_path, out):
    chunk = SEED.read_bytes()
    with open(tmp_path / "big.txt", "wb") as fh:
        for _ in range(50 * 1_048_576 // len(chunk)):
            fh.write(chunk)
    assert (tmp_path / "big.txt").stat().st_size > 49 * 1_048_576
    tracemalloc.start()
    began = time.perf_counter()
    result = build(tmp_path / "big.txt", "--out", out)
    seconds, peak = time.perf_counter() - began, tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.exit_code == 2 and "longer than the limit" in stderr_line(result)
    assert seconds < 5 and peak < 20 * 1_048_576
    assert_untouched(out)


def test_a_text_that_is_not_a_work_report_is_built_with_a_warning(tmp_path, out):
    (tmp_path / "notice.txt").write_text("关于做好春节假期安全工作的通知\n\n各单位：春节将至，请做好值班安排。"
                                         "全镇共安排值班人员120人。\n", encoding="utf-8")
    result = build(tmp_path / "notice.txt", "--out", out)
    assert result.exit_code == 0
    line = stderr_line(result)
    assert line.startswith("warning: ") and "notice.txt" in line and "is this a work report?" in line
    assert "Observation 1" in result.stdout
    assert (out / "graph.ttl").read_text(encoding="utf-8") != EARLIER["graph.ttl"]


def test_a_file_name_with_spaces_and_chinese_characters(tmp_path):
    named = tmp_path / "清河 县" / "2021年 政府工作报告 (草案).txt"
    named.parent.mkdir()
    shutil.copy(QINGHE, named)
    result = build(named.parent, "--out", tmp_path / "输出 目录")
    assert result.exit_code == 0 and not result.stderr, result.output
    assert "2021年 政府工作报告 (草案).txt" in (tmp_path / "输出 目录" / "graph.ttl").read_text(encoding="utf-8")


def test_a_bad_file_among_good_ones_is_skipped_with_one_line_and_exit_5(tmp_path):
    _empty(tmp_path)
    result = build(QINGHE, tmp_path / "empty.txt", "--out", tmp_path / "fresh")
    assert result.exit_code == 5  # built, but not everything: a script must be able to tell
    assert stderr_line(result) == f"error: {tmp_path / 'empty.txt'}: the file is empty (give a report with text in it)"
    assert "built 1 report(s)" in result.stdout
    stages = [line for line in result.stderr.splitlines() if line.endswith("…")]  # said once every file is read
    assert stages == ["tracking promises, checking the shared nodes…", "drawing the page…", "writing graph.ttl…"]


def test_a_failed_report_does_not_replace_a_more_complete_earlier_graph(tmp_path, out):
    _empty(tmp_path)
    result = build(QINGHE, tmp_path / "empty.txt", "--out", out)
    assert result.exit_code == 5
    assert "Its graph is kept, and nothing was written" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.output
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file()} == EARLIER
    partial = build(QINGHE, tmp_path / "empty.txt", "--out", out, "--allow-partial")
    assert partial.exit_code == 5 and "built 1 report(s)" in partial.stdout
    again = build(QINGHE, tmp_path / "empty.txt", "--out", out)  # it failed before too: nothing gets worse
    assert again.exit_code == 5 and "built 1 report(s)" in again.stdout
    (tmp_path / "empty.txt").write_text("2020年工作回顾\n全年地区生产总值增长6%。\n", encoding="utf-8")
    fixed = build(QINGHE, tmp_path / "empty.txt", "--out", out)
    assert fixed.exit_code == 0, fixed.output


def test_a_fifo_or_a_device_is_refused_before_it_is_read(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")  # nothing ever writes to it: reading it would wait for ever
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    result = build(QINGHE, tmp_path / "pipe.txt", tmp_path / "zero.txt", "--out", tmp_path / "fresh", "--workers", "1")
    assert result.exit_code == 5
    refused = [line for line in result.stderr.splitlines() if "is not a regular file" in line]
    assert len(refused) == 2, result.stderr


def test_an_output_folder_under_a_file_is_refused(tmp_path):
    (tmp_path / "graph.ttl").write_text("not a folder")
    result = build(QINGHE, "--out", tmp_path / "graph.ttl" / "out")
    assert result.exit_code == 3
    line = stderr_line(result)
    assert "graph.ttl/out" in line and "cannot create the output folder" in line
    assert (tmp_path / "graph.ttl").read_text() == "not a folder"


def test_an_output_that_cannot_be_written_keeps_the_earlier_build(out, monkeypatch):
    def refuse(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(kg.outputs.files.os, "replace", refuse)  # the disk fills up as the new graph is written
    result = build(QINGHE, "--out", out)
    assert result.exit_code == 3
    line = stderr_line(result)
    assert "graph.html" in line and "No space left on device" in line  # the page is written first
    assert_untouched(out)
    result = build(QINGHE, "--out", out, "--no-page")
    assert "graph.ttl" in stderr_line(result) and "No space left on device" in stderr_line(result)
    assert_untouched(out)


@pytest.mark.skipif(shutil.which("unshare") is None or subprocess.run(
    ["unshare", "-rm", "true"], capture_output=True).returncode != 0, reason="no user and mount namespaces here")
def test_a_read_only_output_folder_is_refused_even_for_root(tmp_path):
    # a read-only file system stops root too (chmod does not): mount one in a private namespace
    out = tmp_path / "out"
    out.mkdir()
    script = ('mount -t tmpfs tmpfs "$1" && echo earlier > "$1/graph.ttl" && mount -o remount,ro "$1" && '
              '"$2" -m kg.cli build "$3" --out "$1"; echo "exit $?"; cat "$1/graph.ttl"')
    proc = subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", str(out), sys.executable, str(QINGHE)],
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["exit", "3", "earlier"], proc.stdout + proc.stderr
    assert proc.stderr.strip() == f"error: {out}: the output folder is not writable (choose another --out)"


def test_debug_shows_the_traceback(tmp_path):
    _empty(tmp_path)
    args = [sys.executable, "-m", "kg.cli", "build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o")]
    plain = subprocess.run(args, capture_output=True, text=True)
    debug = subprocess.run(args[:3] + ["--debug"] + args[3:], capture_output=True, text=True)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr and len(plain.stderr.splitlines()) == 1
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "InputError" in debug.stderr


def test_a_second_build_into_the_same_folder_waits_for_nothing_and_is_refused(out):
    with kg.outputs.files.writing_to(out):  # a first build holds the folder
        result = build(QINGHE, "--out", out)
    assert result.exit_code == 3
    assert stderr_line(result) == (f"error: {out}: another govkg build is writing to this folder "
                                   "(wait for it to finish, or choose another --out)")
    assert_untouched(out)


def test_a_killed_build_leaves_the_earlier_output_and_the_next_build_sweeps_its_leftovers(tmp_path, out):
    args = [sys.executable, "-m", "kg.cli", "build", str(SEED), str(QINGHE), "--out", str(out), "--no-cache"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".shared-") for p in out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers, as a terminal kills them: no clean-up runs
    proc.wait()
    _wait_until_gone(proc.pid)  # a child forked at that moment held the folder's lock until it died too
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert leftovers and all(name.startswith((".shared-", ".parts-")) for name in leftovers)
    for name, text in EARLIER.items():
        assert (out / name).read_text(encoding="utf-8") == text
    again = build(SEED, "--out", out, "--no-cache")
    assert again.exit_code == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.ttl"]


def _wait_until_gone(group: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)


def test_control_characters_in_a_file_name_are_escaped_in_every_message(tmp_path):
    named = tmp_path / "evil\x1b]0;owned\x07.txt"
    named.write_text("", encoding="utf-8")  # empty: its name is printed in the error
    result = build(QINGHE, named, "--out", tmp_path / "fresh")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "evil\\x1b]0;owned\\x07.txt: the file is empty" in result.stderr


def test_nul_and_invisible_characters_never_reach_a_name_and_offsets_still_point_into_the_text():
    """A text file with a NUL is refused as binary, but other readers (a web page, a Word file) can pass one on."""
    import kg
    from kg.rdf.graph import build_graph
    from kg.vocab import GK

    text = QINGHE.read_text(encoding="utf-8").replace("企业", "\x00企业", 3).replace("中心", "中\u200b心", 3)
    g = build_graph([kg.extract_report(kg.parse_report(text))])
    names = [str(o) for o in g.objects()] + [str(s) for s in g.subjects()]  # labels, words, sentences, IRIs
    assert names and not any("\x00" in n or "%00" in n or "\u200b" in n or "%E2%80%8B" in n for n in names)
    for mention in g.subjects(GK.exact, None):
        start, end = int(g.value(mention, GK.start)), int(g.value(mention, GK.end))
        assert text[start:end].replace("\x00", "").replace("\u200b", "") == str(g.value(mention, GK.exact))


def test_a_page_nested_too_deeply_says_so_instead_of_no_text(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 20000 + "2020年工作回顾。全年地区生产总值增长6%。" + "</div>" * 20000
                    + "</body></html>", encoding="utf-8")
    result = build(page, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert stderr_line(result).endswith(f"{page}: the page nests its markup too deeply for the HTML reader (more than "
                                        "256 levels), so its text cannot be read (save the page's text as a .txt file "
                                        "and build that)")
