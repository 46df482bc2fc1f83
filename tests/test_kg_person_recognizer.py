"""KgPersonRecognizer: exact spans of Kyrgyz, Russian and Latin names, and the look-alikes."""

from __future__ import annotations

import pytest
from recognizer_cases import assert_finds, found_spans

from recognizers.kg_person_recognizer import KgPersonRecognizer, fold, latin_key


@pytest.fixture(scope="module")
def recognizer():
    return KgPersonRecognizer(supported_language="ky")


POSITIVES = [
    # full ФИО, Russian order, in sentences, logs and CSV cells
    ("Клиент Асанов Бакыт Жумабекович заказал доставку.", ["Асанов Бакыт Жумабекович"]),
    ("АСАНОВ БАКЫТ ЖУМАБЕКОВИЧ", ["АСАНОВ БАКЫТ ЖУМАБЕКОВИЧ"]),
    ("2024-05-01 12:00:03 INFO order=5512 fio=Токтосунова Айгүл Бакытбековна status=ok",
     ["Токтосунова Айгүл Бакытбековна"]),
    ("Бакыт Жумабекович Асанов подписал акт", ["Бакыт Жумабекович Асанов"]),
    ("12;Сулайманов Тилекбек Сулайманкулович;0555123456", ["Сулайманов Тилекбек Сулайманкулович"]),
    ("Асанову Бакыту Жумабековичу выдана справка", ["Асанову Бакыту Жумабековичу"]),
    # given name + surname, both orders, Russian case forms
    ("Менеджер Нурлан Бекмуратов позвонил Жаңыл Осмоновой из Оша.", ["Нурлан Бекмуратов", "Жаңыл Осмоновой"]),
    ("Гульнара Асанова оплатила заказ", ["Гульнара Асанова"]),
    ("Гулнара Асанова", ["Гулнара Асанова"]),
    ("Жумабекова Мыскал, тел 0555123456", ["Жумабекова Мыскал"]),
    ("Передайте Иванову Сергею документы", ["Иванову Сергею"]),
    ("Президент Садыр Жапаров Бишкекте жолугушуу өткөрдү.", ["Садыр Жапаров"]),
    ("Чыңгыз Айтматов Шекер айылында төрөлгөн.", ["Чыңгыз Айтматов"]),
    ("Чингиз Айтматов родился в 1928 году", ["Чингиз Айтматов"]),
    ("Омурбек Текебаев жана Алмазбек Атамбаев жолугушту", ["Омурбек Текебаев", "Алмазбек Атамбаев"]),
    ("Айжан Сасыкбаева, 0555 12 34 56", ["Айжан Сасыкбаева"]),
    ("Элмира Кудайбердиева кызматка кирди", ["Элмира Кудайбердиева"]),
    ("Ким Ольга Петровна", ["Ким Ольга Петровна"]),
    # Kyrgyz case endings on surnames and names inside a full name
    ("Асановго Бакытка акча которулду", ["Асановго Бакытка"]),
    ("Жээнбековдун Сооронбайдын ордуна", ["Жээнбековдун Сооронбайдын"]),
    ("Айгүл Жолдошованын арызы кабыл алынды", ["Айгүл Жолдошованын"]),
    # Kyrgyz patronymics: уулу / кызы, both word orders, hyphenated
    ("Айгүл Токтогул кызы Бишкекте жашайт", ["Айгүл Токтогул кызы"]),
    ("Азамат Бакыт уулу келди", ["Азамат Бакыт уулу"]),
    ("Бакыт уулу Азамат келди", ["Бакыт уулу Азамат"]),
    ("Жунус уулу Алтынбек сот залында болду", ["Жунус уулу Алтынбек"]),
    ("Турсунбай Бакир уулу", ["Турсунбай Бакир уулу"]),
    ("Кол койгон: Нурлан-уулу Азамат", ["Нурлан-уулу Азамат"]),
    ("Отчет подготовил К. уулу У.", ["К. уулу У."]),
    ("Бакир уулунун үйүндө", ["Бакир уулунун"]),
    # initials
    ("Исполнитель: Асанов Б.Ж.", ["Асанов Б.Ж."]),
    ("Согласовано: Б. Асанов", ["Б. Асанов"]),
    ("Б.Ж. Асанов, директор", ["Б.Ж. Асанов"]),
    ("Асанова Г. Т. принята на работу", ["Асанова Г. Т."]),
    # Latin spellings (ZH/J/DZH, Y/I)
    ("Customer Nurlan Asanov placed order #5512", ["Nurlan Asanov"]),
    ("Azamat Bakyt uulu, Bishkek", ["Azamat Bakyt uulu"]),
    ("Passenger: Aizhan Toktogulova", ["Aizhan Toktogulova"]),
    ("Aibek Dzhumabaev paid 500 som", ["Aibek Dzhumabaev"]),
    ("Aybek Jumabaev", ["Aybek Jumabaev"]),
    ("NURLAN ASANOV", ["NURLAN ASANOV"]),
    ("Chyngyz Aitmatov was born in Sheker", ["Chyngyz Aitmatov"]),
    ("Zhanyl Osmonova; Janyl Osmonova", ["Zhanyl Osmonova", "Janyl Osmonova"]),
    # chat messages and lone names with context
    ("Салам Айгүл! Эртең жолугабызбы?", ["Айгүл"]),
    ("Здравствуйте, Нурлан, ваш заказ готов", ["Нурлан"]),
    ("Кардар Бакытка чалып коюңуз", ["Бакытка"]),
    ("получатель: Жапаров", ["Жапаров"]),
    ("Жапаров мырза билдирди", ["Жапаров"]),
    ("Hello Meerim, your parcel is on the way", ["Meerim"]),
    ("курьер Айгүлдүн телефону өчүк", ["Айгүлдүн"]),
    ("Сотрудник Өмүрбек Үмүтбеков уулу оформил возврат.", ["Өмүрбек Үмүтбеков уулу"]),
    ("ИП Асанов Бакыт", ["Асанов Бакыт"]),
    # news: unlisted given names of a productive shape, hyphenated given names, coreference
    ("Министр Нурланбек Шакиев кол койду", ["Нурланбек Шакиев"]),
    ("Саламаттыкты сактоо министри Алымкадыр Бейшеналиев билдирди", ["Алымкадыр Бейшеналиев"]),
    ("Президент Казахстана Касым-Жомарт Токаев прибудет в Бишкек", ["Касым-Жомарт Токаев"]),
    ("Speaker Nurlanbek Shakiev signed the bill.", ["Nurlanbek Shakiev"]),
    ("Камчыбек Ташиев Баткенге барды. Ташиевге тургундар кайрылышты.", ["Камчыбек Ташиев", "Ташиевге"]),
    ("Акжол Махмудов күмүш медаль утту. Махмудовду күйөрмандар тосуп алышты.",
     ["Акжол Махмудов", "Махмудовду"]),
    ("Министр Алмаз Баетов выступил. По словам Баетова, дефицит снизится.", ["Алмаз Баетов", "Баетова"]),
    ("депутат Шабдан Сагынбаев внес законопроект", ["Шабдан Сагынбаев"]),
    ("Встреча с Нурланом Токтосуновым не состоялась", ["Нурланом Токтосуновым"]),
    ("Народный артист снимался у Андрея Кончаловского.", ["Андрея Кончаловского"]),
    ("Клиент Шевченко Елена Викторовна позвонила", ["Шевченко Елена Викторовна"]),
    # chats: vocatives, honorifics, `деген`, chat verbs, lower-case self-introductions
    ("Айбек, сен кайдасың? телефонду ал", ["Айбек"]),
    ("Айдай эже, тамак даяр!", ["Айдай"]),
    ("Кечээ Асылбек деген бала келди", ["Асылбек"]),
    ("Сообщите Эркину что встреча перенесена", ["Эркину"]),
    ("Написала Гульнаре в вотсап", ["Гульнаре"]),
    ("привет, это айгерим, заказ пришёл не тот", ["айгерим"]),
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_name_is_found(recognizer, text, expected):
    assert_finds(recognizer, text, expected)


NEGATIVES = [
    # the same words as common nouns
    "Бакыт жана ден соолук каалайм!",
    "Сизге бакыт каалайм",
    "Нур чачып турат",
    "Ай жарык болуп турат",
    "Алтын баасы көтөрүлдү",
    "Айдай сулуу кыз",
    "Бакытка жеткиче көп иштейбиз",
    "Анын кызы мектепте окуйт",
    "Айгүлдүн кызы ооруп калды",
    "Вера и Надежда — главные слова",
    # streets, avenues, districts and institutions named after people
    "г. Бишкек, ул. Токтогула 112, кв. 5",
    "Ахунбаев көчөсү, 92-үй",
    "Манас проспектисинде тыгын бар",
    "пр. Чуй 155",
    "проспект Манаса, 40",
    "доставка на улицу Абдрахманова",
    "мкр. Асанбай, 12",
    "Токтогул району боюнча",
    "КГМА им. Ахунбаева",
    "Ахунбаев атындагы академия",
    "ул.Ибраимова 103",
    # places, companies, brands, months, weekdays
    "Бишкек, Ош, Нарын, Талас жана Кант шаарлары",
    "Рейс Бишкек - Ош отменен",
    'ОсОО "Асанов и партнеры" тендерди утту',
    "ОсОО «Жумабеков Групп» банкрот болду",
    "MegaCom, Beeline и O! повысили тарифы",
    "Optima Bank перевод 5000 сом",
    "Бакай Банк кредит берди",
    "Заседание состоится 15 Мая",
    "Жума күнү жолугабыз",
    "Жогорку Кеңеш мыйзамды кабыл алды",
    "Киев и Ростов на карте",
    "Магазин Ашан работает до 22:00",
    "Итого Товаров: 5",
    # logs and code
    "ERROR Connection refused INFO retrying",
    "2024-05-01 WARN user_name is empty",
    "def getUserName(self): return self.user_name",
    "send to asanov@mail.kg failed",
    "GET https://example.kg/users/Nurlan_Asanov 404",
    "file /home/asanov/report.csv not found",
    "Login Admin Plugin Begin",
    "Order 5512 Total Amount 300 Status Paid",
    "Server Main Domain Chain",
    # a name inside an institution's name, common words at a sentence start even with context
    "Жусуп Баласагын атындагы университетте кабыл алуу башталды",
    "Passengers at Manas International Airport faced delays",
    "Суу кызматынын директору Токтогул суу сактагычы тууралуу айтты",
    "проверил ремонт на проспекте Чынгыза Айтматова",
    "Рахмат, баары жакшы. Бакыт жана ден соолук каалайм!",
    "Бакыт деген эмне?",
    "[courier-api] Алтын шакек 2 451 000 сом",
    "Айгерим, Нурлан, Бакыт - популярные имена",
    "мен бакыт каалайм",
    # a capitalised log verb is not a given name before a surname
    "[crm-sync] Получит Соколов",
    # lone names without context
    "Мурат",
    "Айгүл",
    "Асанов",
    "Aidai",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_lookalike_is_not_a_person(recognizer, text):
    assert_finds(recognizer, text, [])


@pytest.mark.parametrize(
    "text,hints",
    [("Айгүл", ["customer_name"]), ("Асанов", ["fio"]), ("Бакыт", ["аты"]), ("Мурат", ["full_name"]), ("Nurlan", ["name"])],
)
def test_column_hint_reports_a_lone_name(recognizer, text, hints):
    assert found_spans(recognizer, text) == []
    assert_finds(recognizer, text, [text], hints=hints)


def test_unrelated_hint_does_not_report_a_lone_name(recognizer):
    assert_finds(recognizer, "Айгүл", [], hints=["city"])


def test_full_name_scores_higher_than_pair():
    rec = KgPersonRecognizer()
    (full,) = rec.find("Асанов Бакыт Жумабекович")
    (pair,) = rec.find("Асанов Бакыт")
    assert full.score == 0.9 and pair.score == 0.85


@pytest.mark.parametrize(
    "a,b",
    [
        ("Асанов Бакыт", "АСАНОВ БАКЫТ"),
        ("Асанов Бакыт", "Бакыт Асанов"),
        ("Асанов Бакыт", "Asanov Bakyt"),
        ("Асановго Бакытка", "Асанов Бакыт"),
        ("Гүлнара Асанова", "Гульнара Асанова"),
        ("Жаныбек Жумабаев", "Dzhanybek Dzhumabaev"),
        ("Асанову Бакыту Жумабековичу", "Асанов Бакыт Жумабекович"),
    ],
)
def test_same_person_normalizes_the_same(a, b):
    rec = KgPersonRecognizer()
    assert rec.normalize(a) == rec.normalize(b)


def test_different_people_normalize_differently():
    rec = KgPersonRecognizer()
    assert rec.normalize("Асанов Бакыт") != rec.normalize("Асанова Бакыт")


def test_folding_and_latin_keys():
    assert fold("Гүлнара") == fold("Гульнара") == fold("Гулнара")
    assert fold("Джамиля") == "жамиля"
    assert latin_key("Жаныбек") == latin_key("Zhanybek") == latin_key("Janybek") == latin_key("Dzhanybek")
    assert latin_key("Айбек") == latin_key("Aibek") == latin_key("Aybek")


def test_prefilter_matches_inside_every_found_span(recognizer):
    import re

    rx = re.compile(KgPersonRecognizer.PREFILTER_REGEX)
    keywords = set(recognizer.prefilter_keywords())
    for text, _ in POSITIVES:
        for res in recognizer.analyze(text, ["PERSON"]):
            span = text[res.start : res.end]
            low = span.lower()
            assert rx.search(span) or any(k in low for k in keywords), span


def test_prefilter_keywords_hold_both_spellings(recognizer):
    keywords = set(recognizer.prefilter_keywords())
    assert {"гүлнара", "гулнара", "gulnara", "айгүл", "айгул", "уулу", "кызы"} <= keywords
    assert "ай" not in keywords and "нур" not in keywords


def test_word_lists_load_once_per_process():
    a, b = KgPersonRecognizer(), KgPersonRecognizer()
    assert a.lexicon() is b.lexicon()


def test_works_in_a_presidio_analyzer_engine():
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from scanner.nlp import BlankSpacyNlpEngine

    nlp = BlankSpacyNlpEngine(["ky"])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["ky"])
    registry.add_recognizer(KgPersonRecognizer(supported_language="ky"))
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["ky"])
    text = "Кардар Асанов Бакыт Жумабекович, Бишкек, ул. Токтогула 5"
    results = analyzer.analyze(text=text, language="ky", entities=["PERSON"])
    assert [(text[r.start : r.end], r.entity_type) for r in results] == [("Асанов Бакыт Жумабекович", "PERSON")]


def _answers(results):
    return [(r.start, r.end, r.entity_type, r.score, r.analysis_explanation.original_score,
             r.analysis_explanation.textual_explanation) for r in results]


# a raised score (a surname repeated), a context word, digits next to names
CACHED_LINES = [
    "2024-05-01 12:00:03 курьер Асанов Бакыт, заказ 5512; позже Асанов перезвонил в 12:30",
    "2024-05-01 12:00:03 INFO order=5512 fio=Токтосунова Айгүл Бакытбековна status=ok",
    "Асанов Бакыт Жумабекович оплатил 1200 сом. Асанов доволен.",
]


@pytest.mark.parametrize("line", CACHED_LINES)
def test_a_line_seen_before_gets_the_same_answer(line):
    # find() is cached per text with its digits written as 0: a repeat is answered from
    # the cache, and must equal the first answer exactly (scores, explanations included)
    rec = KgPersonRecognizer()
    first = _answers(rec.analyze(line, None, None))
    assert first and first == _answers(rec.analyze(line, None, None))


@pytest.mark.parametrize("line", CACHED_LINES)
def test_the_same_template_with_other_digits_gets_that_texts_own_answer(line):
    other = line.translate(str.maketrans("0123456789", "9876543210"))
    warm = KgPersonRecognizer()
    warm.analyze(line, None, None)            # the template is now cached
    cold = KgPersonRecognizer()
    assert _answers(warm.analyze(other, None, None)) == _answers(cold.analyze(other, None, None))


def test_a_long_text_is_not_cached_and_still_found():
    rec = KgPersonRecognizer()
    text = "x " * 600 + "Клиент Асанов Бакыт Жумабекович"
    assert [text[r.start:r.end] for r in rec.find(text)] == ["Асанов Бакыт Жумабекович"]
    assert rec._find_cache == {}
