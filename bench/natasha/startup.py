"""Start-up time and RSS of kgpii's engine alone vs kgpii + natasha (one fresh process per run).

    python bench/natasha/startup.py kgpii
    python bench/natasha/startup.py both      # kgpii engine, then natasha NewsEmbedding + NewsNERTagger
    python bench/natasha/startup.py natasha   # natasha alone
"""

import sys
from pathlib import Path
import time

T0 = time.perf_counter()


def rss():
    out = {}
    for line in open("/proc/self/status"):
        if line.startswith(("VmRSS", "VmHWM")):
            k, v = line.split(":")
            out[k] = int(v.split()[0]) / 1024
    return out


def main(mode):
    res = {"mode": mode, "rss0": rss()["VmRSS"]}
    if mode in ("kgpii", "both"):
        t = time.perf_counter()
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        from scanner.engine import ScanEngine
        from scanner.keys import Keyed

        eng = ScanEngine(Keyed(b"profile-key-0123456789abcdef"))
        eng.warm_up()
        eng.analyze_texts(["Клиент Асанов Бакыт Жумабекович, тел. 0555 123 456"])
        res["kgpii_s"] = time.perf_counter() - t
        res["rss_kgpii"] = rss()["VmRSS"]
    if mode in ("natasha", "both"):
        t = time.perf_counter()
        from natasha import NewsEmbedding, NewsNERTagger

        t_imp = time.perf_counter() - t
        tagger = NewsNERTagger(NewsEmbedding())
        list(tagger.map(["Клиент Асанов Бакыт Жумабекович заказал доставку."]))
        res["natasha_import_s"] = t_imp
        res["natasha_s"] = time.perf_counter() - t
        res["rss_after"] = rss()["VmRSS"]
    r = rss()
    res["VmHWM"] = r["VmHWM"]
    res["total_s"] = time.perf_counter() - T0
    print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in res.items()))


if __name__ == "__main__":
    main(sys.argv[1])
