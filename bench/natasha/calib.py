"""Calibration: natasha on 2,000 short synthetic Russian sentences (like presidio-offline.md §4),
Doc path (segment + tag_ner) and direct NER map, to compare this machine's load with the earlier note.
    python bench/natasha/calib.py
"""
import random, time
from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
r = random.Random(1)
F = ["Асанов Бакыт", "Иван Петров", "Нурлан Бекмуратов", "Елена Смирнова", "Жаңыл Осмонова"]
V = ["заказал доставку на улицу Токтогула в среду вечером", "позвонил в офис компании в Бишкеке по поводу возврата",
     "оформил кредит в банке на сумму двести тысяч сом", "встретился с менеджером отдела продаж в торговом центре"]
S = [f"Клиент {r.choice(F)} {r.choice(V)}, номер заказа {r.randint(10000, 99999)}." for _ in range(2000)]
print("avg bytes", sum(len(s.encode()) for s in S) / len(S))
emb = NewsEmbedding(); ner = NewsNERTagger(emb); seg = Segmenter()
t = time.perf_counter()
for s in S:
    d = Doc(s); d.segment(seg); d.tag_ner(ner)
dt = time.perf_counter() - t
print(f"Doc per sentence: {dt:.2f} s, {len(S)/dt:.0f} sent/s")
for bs in (8, 64):
    ner.batch_size = bs
    t = time.perf_counter(); list(ner.map(S)); dt = time.perf_counter() - t
    print(f"map batch {bs}: {dt:.2f} s, {len(S)/dt:.0f} sent/s")
