#!/usr/bin/env python3
"""trich's benchmark: builds a deterministic corpus of 50+ MB from fixtures/ and measures the built
binary end to end — throughput in MB/s and pages/s and peak memory — for a folder of pages, a JSON
Lines stream on stdin, JSONL, CSV and XLSX output, 1 and 2 jobs, start-up, and memory as the batch
grows.
Figures are printed as a Markdown table, with ratios against baselines run in the same session
(`cat` reading the same files, and bench/baseline.py, a hand-written regex script).

    python3 bench/run.py            # the standard run (a few minutes)
    python3 bench/run.py --big      # also a 1 GB JSONL stream on stdin, to JSONL and to XLSX (memory must stay flat)
    python3 bench/run.py --quick    # smaller corpus, fewer repetitions: a smoke test of this script
    python3 bench/run.py --compare OTHER_BINARY   # this build against another, runs taken in turn
    python3 bench/run.py --html     # only web pages: the real crawl wrapped in a page template, against the same pages as text

Uses only Python's standard library, cargo and the project's binary."""
import argparse
import collections
import glob
import gzip
import html as htmllib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "trich")
# The real crawls, beside the project.
CRAWL = os.path.join(ROOT, "..", "shared", "corpus", "bench")


def pages(subs=("seeds", "corpus", "heldout")):
    """Every fixture page of the given folders, in a fixed order."""
    out = []
    for sub in subs:
        d = os.path.join(ROOT, "fixtures", sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                with open(os.path.join(d, name), "rb") as f:
                    out.append(f.read())
    return out


def make_folder(path, n, texts):
    if os.path.isdir(path) and len(os.listdir(path)) == n:
        return
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    for i in range(n):
        with open(os.path.join(path, f"p{i:06d}.txt"), "wb") as f:
            f.write(texts[i % len(texts)])


def jsonl_lines(texts, n):
    for i in range(n):
        yield (json.dumps({"id": f"p{i}", "text": texts[i % len(texts)].decode("utf-8", "replace")}, ensure_ascii=False) + "\n").encode()


def make_jsonl(path, n, texts):
    if os.path.exists(path):
        return
    with open(path, "wb") as f:
        for line in jsonl_lines(texts, n):
            f.write(line)


def run(cmd, stdin=None, feed=None, stdout=subprocess.DEVNULL):
    """Runs a command; returns (seconds, peak RSS in MB)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE if feed else stdin, stdout=stdout, stderr=subprocess.DEVNULL)
    if feed:
        for chunk in feed:
            p.stdin.write(chunk)
        p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) not in (0,):
        sys.exit(f"failed: {' '.join(cmd)}")
    return secs, usage.ru_maxrss / 1024


def best(reps, fn):
    """The fastest of `reps` runs (the least disturbed by the machine), and the largest RSS seen."""
    results = [fn() for _ in range(reps)]
    return min(r[0] for r in results), max(r[1] for r in results)


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))


def real_crawls(directory):
    """The real crawls of ../shared/corpus/bench/, each decompressed once into `directory` (a build
    from before gzip input reads them too): [(name, path, pages, MB of JSON Lines, MB of page text)]."""
    src = CRAWL
    out = []
    if not os.path.isdir(src):
        return out
    for name in sorted(os.listdir(src)):
        if not name.endswith(".jsonl.gz"):
            continue
        path = os.path.join(directory, name[: -len(".gz")])
        if not os.path.exists(path):
            with gzip.open(os.path.join(src, name), "rb") as f, open(path + ".tmp", "wb") as g:
                shutil.copyfileobj(f, g)
            os.replace(path + ".tmp", path)
        pages, text = 0, 0
        with open(path, "rb") as f:
            for line in f:
                pages += 1
                text += len(json.loads(line).get("text", "").encode())
        out.append((name[: -len(".jsonl.gz")], path, pages, os.path.getsize(path) / 1e6, text / 1e6))
    return out


def kinds_of(binary, path):
    """Records per kind that `binary` finds in a JSON Lines file."""
    counts = collections.Counter()
    proc = subprocess.run([binary, "extract", "-q", "--input-format", "jsonl"],
                          stdin=open(path, "rb"), capture_output=True, check=True)
    for line in proc.stdout.splitlines():
        counts[json.loads(line)["kind"]] += 1
    return counts
# A news site's page around an article: head with meta data and scripts, a menu, a breadcrumb, a
# share bar, a photo with its caption, a related list in an aside, comments and a footer.
PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title} - Báo Tin Tức</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2017-10-{day:02d}T08:30:00+07:00">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/css/main.css">
<style>.menu li{{display:inline-block;margin:0 8px}} .share a{{color:#555}} figure img{{max-width:100%}}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date()); gtag('config', 'UA-000000-1');</script>
</head>
<body class="detail-page">
<header class="site-header"><div class="logo"><a href="/"><img src="/static/logo.png" alt="Báo Tin Tức"></a></div>
<nav><ul class="menu"><li><a href="/thoi-su">Thời sự</a></li><li><a href="/the-gioi">Thế giới</a></li><li><a href="/kinh-te">Kinh tế</a></li><li><a href="/xa-hoi">Xã hội</a></li><li><a href="/phap-luat">Pháp luật</a></li><li><a href="/the-thao">Thể thao</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &raquo; <a href="/thoi-su">Thời sự</a></div>
<main><article class="article">
<h1 class="article-title">{title}</h1>
<div class="meta"><time datetime="2017-10-{day:02d}T08:30:00+07:00">{day:02d}/10/2017 08:30</time> <span class="author">Phóng viên</span></div>
<div class="share"><a href="#">Chia sẻ</a> <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>
<div class="article-body">
{body}
<figure class="image"><img src="/upload/2017/10/anh-{day}.jpg" alt="{title}"><figcaption>Ảnh minh họa: Báo Tin Tức</figcaption></figure>
</div>
</article></main>
<aside class="sidebar"><h3>Tin liên quan</h3><ul>
<li><a href="/tin-1.html">Thủ tướng chỉ đạo đẩy nhanh giải ngân vốn đầu tư công năm 2017</a></li>
<li><a href="/tin-2.html">Hơn 2.000 lao động được hỗ trợ việc làm sau bão</a></li>
<li><a href="/tin-3.html">Giá xăng dầu giảm nhẹ từ 15 giờ chiều nay</a></li></ul></aside>
<div id="comments" class="comments"><h3>Bình luận</h3><p class="empty">Chưa có bình luận nào.</p></div>
<footer class="site-footer"><p>&copy; Báo Tin Tức. Giấy phép số 123/GP-BTTTT. Địa chỉ: 5 Lý Thường Kiệt, Hà Nội.</p></footer>
<script src="/static/js/app.js" async></script>
<script>(function(){{var s=document.createElement('script');s.src='//ads.example/ad.js';document.body.appendChild(s);}})();</script>
</body>
</html>
"""


def crawl_pages(limit):
    """Pages of the real crawl (../shared/corpus/bench/*.jsonl.gz), in a fixed order: their text."""
    out = []
    for path in sorted(glob.glob(os.path.join(CRAWL, "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text")
                if isinstance(text, str) and text.strip():
                    out.append(text)
                if len(out) >= limit:
                    return out
    return out


def as_html(text, i):
    """A page of the crawl in the template: its first line the headline, each other line a paragraph."""
    lines = [l.strip() for l in text.split("\n") if l.strip()]
    title, rest = (lines[0], lines[1:]) if lines else ("", [])
    body = "\n".join(f"<p>{htmllib.escape(l, quote=False)}</p>" for l in rest)
    return PAGE.format(title=htmllib.escape(title), body=body, day=1 + i % 28).encode()


def html_bench(args):
    """MB/s of HTML in, next to the same pages as text: the crawl's pages written as .html files in
    the template, and their text as .txt files; one job each, the best of a few runs."""
    n = 400 if args.quick else 4000
    texts = crawl_pages(n)
    if not texts:
        sys.exit(f"no crawl in {CRAWL}")
    reps = 1 if args.quick else 3
    html_dir = os.path.join(args.dir, f"html-{len(texts)}")
    text_dir = os.path.join(args.dir, f"html-text-{len(texts)}")
    for d, ext, make in ((html_dir, "html", as_html), (text_dir, "txt", lambda t, i: t.encode())):
        if os.path.isdir(d) and len(os.listdir(d)) == len(texts):
            continue
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for i, t in enumerate(texts):
            with open(os.path.join(d, f"p{i:06d}.{ext}"), "wb") as f:
                f.write(make(t, i))
    print(f"\n{len(texts)} pages of the crawl: {size_of(html_dir) / 1e6:.1f} MB as HTML, {size_of(text_dir) / 1e6:.1f} MB as text\n")
    print("| run | seconds | MB/s (input) | pages/s | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|")
    secs = {}
    for label, d in (("HTML pages", html_dir), ("the same pages as text", text_dir)):
        for kinds in (None, "page"):
            tail = ["--kind", kinds] if kinds else []
            t, rss = best(reps, lambda: run([BIN, "extract", "-q", "-j", "1", d] + tail))
            secs[(label, kinds)] = t
            mb = size_of(d) / 1e6
            what = f"{label}, -j 1" + (" (--kind page: reading, zones, no fact rules)" if kinds else "")
            print(f"| {what} | {t:.2f} | {mb / t:.1f} | {len(texts) / t:.0f} | {rss:.0f} |")
    print(f"\n- a page as HTML takes {secs[('HTML pages', None)] / secs[('the same pages as text', None)]:.2f}× the time "
          f"of the same page as text (all kinds), {secs[('HTML pages', 'page')] / secs[('the same pages as text', 'page')]:.2f}× "
          "reading pages only.")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--big", action="store_true", help="also stream 1 GB of JSONL on stdin")
    ap.add_argument("--quick", action="store_true", help="a small corpus and one repetition")
    ap.add_argument("--dir", default=os.path.join(ROOT, "target", "bench"), help="where the corpus is built")
    ap.add_argument("--compare", metavar="BINARY", help="only compare this build with another trich binary, "
                    "one run of each in turn (on a shared machine, the only fair comparison)")
    ap.add_argument("--html", action="store_true", help="only the web pages: the crawl as HTML beside the same pages as text")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if args.html:
        os.makedirs(args.dir, exist_ok=True)
        html_bench(args)
        return
    texts = pages()
    reps = 1 if args.quick else 3
    # Enough pages for 50 MB of text (4 MB for --quick).
    avg = sum(len(t) for t in texts) / len(texts)
    n = int((4e6 if args.quick else 50e6) / avg) + 1
    os.makedirs(args.dir, exist_ok=True)
    folder = os.path.join(args.dir, f"folder-{n}")
    make_folder(folder, n, texts)
    data = os.path.join(args.dir, f"pages-{n}.jsonl")
    make_jsonl(data, n, texts)
    mb = size_of(folder) / 1e6
    if args.compare:
        compare(args.compare, folder, mb, n, texts, args)
        return
    rows = []

    def row(label, secs, rss, nbytes_mb, npages):
        rows.append((label, secs, nbytes_mb / secs, npages / secs, rss))

    secs, rss = best(reps, lambda: run(["cat"] + [os.path.join(folder, f) for f in sorted(os.listdir(folder))]))
    row("baseline: cat (reading the files)", secs, rss, mb, n)
    cat_secs = secs
    secs, rss = best(max(1, reps // 2), lambda: run([sys.executable, os.path.join(ROOT, "bench", "baseline.py"), folder]))
    row("baseline: hand-written regex script", secs, rss, mb, n)
    script_secs = secs
    results = {}
    for jobs in (1, 2):
        secs, rss = best(reps, lambda: run([BIN, "extract", "-q", "-j", str(jobs), folder]))
        row(f"folder of {n} pages → JSONL, -j {jobs}", secs, rss, mb, n)
        results[("folder", jobs)] = secs
    secs, rss = best(reps, lambda: run([BIN, "extract", "-q", "-j", "2", "-f", "csv", folder]))
    row(f"folder of {n} pages → CSV, -j 2", secs, rss, mb, n)
    # A workbook is written to a file beside the corpus, as it is used (its rows wait in temporary
    # files beside it until it is assembled), and removed.
    workbook = os.path.join(args.dir, "facts.xlsx")
    secs, rss = best(reps, lambda: run([BIN, "extract", "-q", "-j", "2", folder, "-o", workbook]))
    row(f"folder of {n} pages → XLSX file, -j 2", secs, rss, mb, n)
    xlsx_mb = os.path.getsize(workbook) / 1e6
    os.remove(workbook)
    jmb = os.path.getsize(data) / 1e6
    for jobs in (1, 2):
        secs, rss = best(reps, lambda: run([BIN, "extract", "-q", "-j", str(jobs), "--input-format", "jsonl"], stdin=open(data, "rb")))
        row(f"JSONL stream of {n} pages on stdin, -j {jobs}", secs, rss, jmb, n)
    # The same runs reading pages only (titles and datelines, no rule of facts, no trigger pass): what
    # one thread cannot go below whatever the rules cost.
    secs, rss = best(reps, lambda: run([BIN, "extract", "-q", "-j", "1", "--kind", "page", folder]))
    row(f"folder of {n} pages, pages only (--kind page), -j 1", secs, rss, mb, n)
    secs, rss = best(reps, lambda: run([BIN, "extract", "-q", "-j", "1", "--kind", "page", "--input-format", "jsonl"],
                                       stdin=open(data, "rb")))
    row(f"JSONL stream of {n} pages, pages only (--kind page), -j 1", secs, rss, jmb, n)
    single = os.path.join(args.dir, f"one-page-{n}.txt")
    if not os.path.exists(single):
        with open(single, "wb") as f:
            for i in range(n):
                f.write(texts[i % len(texts)])
    secs, rss = best(reps, lambda: run([BIN, "extract", "-q", "--zones", "all"], stdin=open(single, "rb")))
    row(f"one {size_of(single) / 1e6:.0f} MB text on stdin (one page, every zone)", secs, rss, size_of(single) / 1e6, 1)

    # The five real seed pages alone: raw pages with menus and lists, less dense than the corpus.
    seeds = pages(("seeds",))
    seed_n = 2000 if not args.quick else 400
    seed_folder = os.path.join(args.dir, f"seeds-{seed_n}")
    make_folder(seed_folder, seed_n, seeds)
    secs, rss = best(reps, lambda: run([BIN, "extract", "-q", "-j", "1", seed_folder]))
    row(f"folder of {seed_n} copies of the 5 real seed pages, -j 1", secs, rss, size_of(seed_folder) / 1e6, seed_n)

    # The real crawls (../shared/corpus/bench/): pages as sites published them, as JSON Lines on stdin.
    crawls = real_crawls(args.dir)
    for name, path, npages, jmb_c, text_mb in crawls:
        for jobs in (1, 2):
            secs, rss = best(reps, lambda: run([BIN, "extract", "-q", "-j", str(jobs), "--input-format", "jsonl"],
                                               stdin=open(path, "rb")))
            row(f"real crawl {name} ({npages} pages, {text_mb:.0f} MB of text), -j {jobs}", secs, rss, text_mb, npages)

    # Memory as the batch grows: the same peak RSS for 10 times the pages.
    small = os.path.join(args.dir, "folder-2000")
    large = os.path.join(args.dir, "folder-20000")
    make_folder(small, 2000, texts)
    make_folder(large, 20000 if not args.quick else 4000, texts)
    _, rss_small = best(1, lambda: run([BIN, "extract", "-q", small]))
    _, rss_large = best(1, lambda: run([BIN, "extract", "-q", large]))

    starts = []
    for _ in range(10 if args.quick else 40):
        t = time.perf_counter()
        subprocess.run([BIN, "extract"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        starts.append(time.perf_counter() - t)

    big = None
    if args.big:
        per = len(b"".join(jsonl_lines(texts, len(texts)))) / len(texts)
        count = int(1e9 / per) + 1
        secs, rss = run([BIN, "extract", "-q", "--input-format", "jsonl"], feed=jsonl_lines(texts, count))
        big = (count, secs, rss)
        # The same stream to a workbook: every row waits in a temporary file, memory must not grow.
        big_book = os.path.join(args.dir, "big.xlsx")
        secs, rss = run([BIN, "extract", "-q", "--input-format", "jsonl", "-o", big_book], feed=jsonl_lines(texts, count))
        big_xlsx = (secs, rss, os.path.getsize(big_book) / 1e6)
        os.remove(big_book)

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    print(f"\nMachine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
    print(f"Corpus: {n} pages built from fixtures/ ({mb:.1f} MB of text; {jmb:.1f} MB as JSONL)\n")
    print("| run | seconds | MB/s | pages/s | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|")
    for label, secs, mbs, pps, rss in rows:
        print(f"| {label} | {secs:.2f} | {mbs:.1f} | {pps:.0f} | {rss:.0f} |")
    print()
    print(f"- trich -j 1 takes {results[('folder', 1)] / cat_secs:.1f}× the time `cat` takes to read the files, "
          f"and runs at {script_secs / results[('folder', 1)]:.1f}× the speed of the hand-written regex script "
          f"(which finds a fraction of the records).")
    print(f"- 2 jobs run {results[('folder', 1)] / results[('folder', 2)]:.2f}× faster than 1 (same output).")
    print(f"- the XLSX workbook of the corpus: {xlsx_mb:.1f} MB.")
    print(f"- start-up (empty stdin): median {statistics.median(starts) * 1000:.1f} ms, fastest {min(starts) * 1000:.1f} ms.")
    print(f"- peak RSS, folder of 2000 pages: {rss_small:.0f} MB; of {20000 if not args.quick else 4000} pages: {rss_large:.0f} MB.")
    for name, path, npages, jmb_c, text_mb in crawls:
        k = kinds_of(BIN, path)
        print(f"- real crawl {name}: " + ", ".join(f"{k[kind]} {kind}s" for kind in
              ("document", "official", "statistic", "percentage")) + f" in {npages} pages (MB/s above: of page text).")
    if big:
        count, secs, rss = big
        print(f"- 1 GB JSONL stream on stdin ({count} pages): {secs:.1f} s, {1000 / secs:.1f} MB/s, peak RSS {rss:.0f} MB.")
        secs, rss, size = big_xlsx
        print(f"- the same stream to an XLSX file: {secs:.1f} s, {1000 / secs:.1f} MB/s, peak RSS {rss:.0f} MB "
              f"(a {size:.0f} MB workbook).")


def compare(other, folder, mb, n, texts, args):
    """This build against `other`, on the corpus (as a folder and as a JSON Lines stream) and on the
    seed pages, one run of each in turn: the ratio is what the change did, whatever else the machine
    does meanwhile."""
    seeds = pages(("seeds",))
    seed_folder = os.path.join(args.dir, "seeds-2000")
    make_folder(seed_folder, 2000, seeds)
    reps = 3 if args.quick else 7
    print(f"\n| run | {other} (s) | this build (s) | speed-up |")
    print("|---|---:|---:|---:|")
    data = os.path.join(args.dir, f"pages-{n}.jsonl")
    runs = (
        (f"folder of {n} pages, -j 1", [folder], None),
        ("2,000 copies of the seed pages, -j 1", [seed_folder], None),
        (f"JSONL stream of {n} pages on stdin, -j 1", ["--input-format", "jsonl"], data),
    )
    runs += tuple((f"real crawl {name} ({npages} pages), -j 1", ["--input-format", "jsonl"], path)
                  for name, path, npages, _, _ in real_crawls(args.dir))
    for label, tail, stdin in runs:
        a, b = [], []
        for _ in range(reps):
            for out, binary in ((a, other), (b, BIN)):
                out.append(run([binary, "extract", "-q", "-j", "1"] + tail, stdin=stdin and open(stdin, "rb"))[0])
        print(f"| {label} | {min(a):.2f} | {min(b):.2f} | {min(a) / min(b):.2f}× |")
    a, b = [], []
    for _ in range(40):
        for out, binary in ((a, other), (b, BIN)):
            t = time.perf_counter()
            subprocess.run([binary, "extract"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            out.append(time.perf_counter() - t)
    print(f"| start-up, median (ms) | {statistics.median(a) * 1000:.1f} | {statistics.median(b) * 1000:.1f} | "
          f"{statistics.median(a) / statistics.median(b):.2f}× |")


if __name__ == "__main__":
    main()
