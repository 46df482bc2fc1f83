"""KgAddressRecognizer: one span from the most general part (postcode, town) to the flat."""

from __future__ import annotations

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from recognizer_cases import assert_finds, found_spans
from recognizers.kg_address_recognizer import KgAddressRecognizer


@pytest.fixture(scope="module")
def recognizer():
    rec = KgAddressRecognizer()
    rec.load()
    return rec


# (text, expected substrings): what a scan reports at the default --min-score 0.5
POSITIVES = [
    # Russian
    ("г. Бишкек, ул. Киевская, д. 96, кв. 12", ["г. Бишкек, ул. Киевская, д. 96, кв. 12"]),
    ("г. Бишкек, ул. Киевская 96, кв. 12", ["г. Бишкек, ул. Киевская 96, кв. 12"]),
    ("мкр. Джал-23, д. 15/2", ["мкр. Джал-23, д. 15/2"]),
    ("ж/м Ак-Өргө, ул. Жибек Жолу 5", ["ж/м Ак-Өргө, ул. Жибек Жолу 5"]),
    (
        "720001, Кыргызская Республика, г. Бишкек, пр. Чуй, 227",
        ["г. Бишкек, пр. Чуй, 227"],  # a postcode or country in front is outside (bench/README.md)
    ),
    (
        "Чуйская обл., Аламудунский р-н, с. Лебединовка, ул. Садовая 5",
        ["Чуйская обл., Аламудунский р-н, с. Лебединовка, ул. Садовая 5"],
    ),
    ("12 мкр, 15-45", ["12 мкр, 15-45"]),
    ("5 м-н, д. 7, кв. 3", ["5 м-н, д. 7, кв. 3"]),
    ("ул.Боконбаева 45-12", ["ул.Боконбаева 45-12"]),
    ("пер. Наримановский 3", ["пер. Наримановский 3"]),
    ("бул. Эркиндик, 56", ["бул. Эркиндик, 56"]),
    ("Адрес: г.Бишкек, мкр.Учкун, д.12, кв.5", ["г.Бишкек, мкр.Учкун, д.12, кв.5"]),
    ("ул. Льва Толстого 17а, кв. 8", ["ул. Льва Толстого 17а, кв. 8"]),
    ("ул. 50 лет Киргизии 12/1", ["ул. 50 лет Киргизии 12/1"]),
    ("ул. 7 Апреля 12", ["ул. 7 Апреля 12"]),
    ("пр. Манаса 40, офис 305", ["пр. Манаса 40, офис 305"]),
    ("УЛ. КИЕВСКАЯ 96, КВ. 12", ["УЛ. КИЕВСКАЯ 96, КВ. 12"]),
    ("ул. Киевская д96 кв12", ["ул. Киевская д96 кв12"]),
    ("г. Ош, ул. Ленина, д. 5", ["г. Ош, ул. Ленина, д. 5"]),
    ("мкр 7, д 5, кв 12", ["мкр 7, д 5, кв 12"]),
    ("с. Кок-Жар, д. 12", ["с. Кок-Жар, д. 12"]),
    (
        "г. Бишкек, Октябрьский район, ж/м Ак-Орго, уч. 1234",
        ["г. Бишкек, Октябрьский район, ж/м Ак-Орго, уч. 1234"],
    ),
    (
        "Кыргызская Республика, 720040, г. Бишкек, ул. Токтогула 125/1",
        ["г. Бишкек, ул. Токтогула 125/1"],
    ),
    ("Отправитель: ИП Асанов, 720001, г. Бишкек, ул. Токтогула", ["г. Бишкек, ул. Токтогула"]),
    # Kyrgyz
    ("Бишкек ш., Чүй проспектиси, 120-үй, 45-батир", ["Бишкек ш., Чүй проспектиси, 120-үй, 45-батир"]),
    ("Ош шаары, Ленин көчөсү 205", ["Ош шаары, Ленин көчөсү 205"]),
    ("Ош ш., Ленин көч., 205-үй", ["Ош ш., Ленин көч., 205-үй"]),
    (
        "Чүй облусу, Сокулук району, Шопоков шаары, Ленин көчөсү, 12-үй",
        ["Чүй облусу, Сокулук району, Шопоков шаары, Ленин көчөсү, 12-үй"],
    ),
    ("Кара-Суу айылы, Ленин көчөсү 5", ["Кара-Суу айылы, Ленин көчөсү 5"]),
    ("Жунусалиев к., 12, 5-бат", ["Жунусалиев к., 12, 5-бат"]),
    ("Ош шаарындагы Ленин көчөсүндө 205-үйдө жашайт", ["Ош шаарындагы Ленин көчөсүндө 205-үйдө"]),
    ("Мен Бишкек шаарында, Ахунбаев көчөсүндө 12-үйдө жашайм", ["Бишкек шаарында, Ахунбаев көчөсүндө 12-үйдө"]),
    ("Бишкектеги Токтогул көчөсүндөгү 45-үйдө", ["Бишкектеги Токтогул көчөсүндөгү 45-үйдө"]),
    ("Биз Ленин көчөсүндө 5-үйдө жашайбыз", ["Ленин көчөсүндө 5-үйдө"]),
    ("Асанов Бакыт Ленин көчөсү 5", ["Ленин көчөсү 5"]),
    ("Арашан айылы, 15-үй", ["Арашан айылы, 15-үй"]),
    ("Ынтымак ж/м, 5-көчө, 12", ["Ынтымак ж/м, 5-көчө, 12"]),
    ("Токтогул району, Токтогул шаары, Ленин көчөсү 10", ["Токтогул району, Токтогул шаары, Ленин көчөсү 10"]),
    ("Жеткирүү: Ош ш., Ленин көч., 205-үй", ["Ош ш., Ленин көч., 205-үй"]),
    # compact microdistrict notation, known names only
    ("Асанбай 45-12", ["Асанбай 45-12"]),
    ("Восток-5 к/р, 12, 34-бат", ["Восток-5 к/р, 12, 34-бат"]),
    ("Джал 45-12", ["Джал 45-12"]),
    ("5 м-н, 12-34", ["5 м-н, 12-34"]),
    # known streets without a generic word
    ("Боконбаева 45-12", ["Боконбаева 45-12"]),
    ("Бишкек, Боконбаева 45-12", ["Бишкек, Боконбаева 45-12"]),
    ("Бишкек, Киевская 96", ["Бишкек, Киевская 96"]),
    # Latin
    ("Bishkek, Manas ave 40, apt 5", ["Bishkek, Manas ave 40, apt 5"]),
    ("Bishkek, Kievskaya st. 96, apt. 12", ["Bishkek, Kievskaya st. 96, apt. 12"]),
    ("Osh, Lenin street 205", ["Osh, Lenin street 205"]),
    ("12 Toktogul St., Bishkek", ["12 Toktogul St., Bishkek"]),
    ("I live at 45 Manas Ave, Bishkek 720001", ["45 Manas Ave, Bishkek 720001"]),
    ("Chuy ave. 120, apt 45", ["Chuy ave. 120, apt 45"]),
    # in log lines, CSV rows and courier notes
    (
        "2024-05-12 10:31:22 INFO order=45-12 delivered to ул. Ахунбаева 119а, кв 5 phone=+996555123456",
        ["ул. Ахунбаева 119а, кв 5"],
    ),
    ('"Бишкек, ул. Московская 190, кв 3",Асанов,0555123456', ["Бишкек, ул. Московская 190, кв 3"]),
    ("Курьер: Асанбай 45-12, подъезд 2, домофон 12", ["Асанбай 45-12"]),
    ("адрес: Сатаркулова 45-12", ["Сатаркулова 45-12"]),
    ("Клиент просит доставить на Киевская 96 после 18:00", ["Киевская 96"]),
    (
        "ул. Киевская 96, кв. 12; ул. Токтогула 5",
        ["ул. Киевская 96, кв. 12", "ул. Токтогула 5"],
    ),
    # chat and courier writings: house and flat words after the number, case endings
    ("Доставьте по адресу: Бишкек, 7 мкр, дом 40, кв 18, домофон 18К", ["Бишкек, 7 мкр, дом 40, кв 18"]),
    ("Адрес: Бишкек, мкр Тунгуч, 55 дом, 12 кв", ["Бишкек, мкр Тунгуч, 55 дом, 12 кв"]),
    ("Живу в 12 мкр, 9 дом, 4 подъезд", ["12 мкр, 9 дом"]),
    ("Доставка Московская 153/1, 2 подъезд", ["Московская 153/1"]),
    ("я живу на Джале, 23 дом", ["Джале, 23 дом"]),
    ("Заказды Асанбай кичи району, 12/1-үй, 34-батир дарегине", ["Асанбай кичи району, 12/1-үй, 34-батир"]),
    ("привезите на Ахунбаева 113 пожалуйста", ["Ахунбаева 113"]),
    ("Дарек: Нарын шаары, Ленин көч., 92, 15-бат. Тел 0502973073", ["Нарын шаары, Ленин көч., 92, 15-бат"]),
    # a postcode or country in front stays outside; a district after the house is not joined
    ("720040, г. Бишкек, ул. Абдрахманова 170", ["г. Бишкек, ул. Абдрахманова 170"]),
    ("с. Ананьево, ул. Исанова 19, Иссык-Кульский район", ["с. Ананьево, ул. Исанова 19"]),
    # towns and massifs in front of a street without a generic word; all caps
    ("адрес Кызыл-Аскер, Ибраимова 115, келгенде чалыңыз", ["Кызыл-Аскер, Ибраимова 115"]),
    ("Подскажите, доставляете в Кант, ул. Гагарина 8?", ["Кант, ул. Гагарина 8"]),
    ("Адрес: Бишкек, Рыскулова 12а", ["Бишкек, Рыскулова 12а"]),
    ('7704,"ГОРОД ОШ, УЛ. АЛЫМБЕК ДАТКИ 230, КВ. 7",ОПЛАЧЕН', ["ГОРОД ОШ, УЛ. АЛЫМБЕК ДАТКИ 230, КВ. 7"]),
    ("BILLING ADDRESS: BISHKEK, MOSKOVSKAYA STR. 190, APT 3", ["BISHKEK, MOSKOVSKAYA STR. 190, APT 3"]),
    ("Shipping label: Bishkek, 49 Bokonbaeva str., apt 65", ["Bishkek, 49 Bokonbaeva str., apt 65"]),
]

NEGATIVES = [
    "г. Бишкек",
    "ул. Токтогула",
    "Чүй облусу",
    "Бишкекте жашайт",
    "в Оше",
    "Доставка по Бишкеку бесплатно",
    "Токтогул Сатылганов ырчы болгон",
    "Манас баатыр жөнүндө кино",
    "Встреча на ул. Токтогула в 10:30",
    "ул. Токтогула, 2024 г.",
    "пр. Чуй 2024 года",
    "Митинг на ул. Ленина, 5 человек задержаны",
    "заказ 45-12",
    "Заказ 45-12 принят",
    "12-05-2024",
    "дата 12-05-2024",
    "2024 г.",
    "в 2024 г. Бишкек принял",
    "и т.д. 5",
    "1 кв. 2024",
    "отчет за 1 кв. 2024 года",
    "Цена 45-12 тыс сом",
    "Тел: 0555 12-34-56",
    "+996 555 12 34 56",
    "Windows 10",
    "Python 3.11",
    "Версия 3.11, сборка 45-12",
    "п. 5 договора",
    "Статья 5, п. 3",
    "Манас 1000 жылдыгы",
    "Manas University",
    "Бишкекке 5 саатта жетем",
    "Бизнес центр на пр. Манаса",
    "Продажа квартиры: 3 комн., 5 этаж, 105 серия, Джал",
    "д. 5, кв. 12",
    "дом 5",
    "Чуйская обл., Аламудунский р-н",
    "720001",
    "Кыргызская Республика",
    "order 720001 shipped",
    "Асанов Бакыт, 1987-жылы туулган",
    "Ленин 45",
    "Киевская 96",
    "Токтогул 45 жашта",
    "10:30-12:45",
    "Сумма 1 500,50 сом",
    "ID 12345-67",
    "Bishkek is the capital of Kyrgyzstan",
    "Osh, 2024",
    "I moved to Bishkek in 2019",
    "Ленинский район суду",
    "ERROR at com.shop.Cart.add(Cart.java:45)",
    "Квартира 45 кв.м, 3 комнаты, 5/9 этаж",
    "За 1 кв. 2024 выручка выросла",
    "Продаю 5 дом 12 соток",
    "Турусбеков 12 гол киргизди",
    "Ученица Иванова 5а класса",
    "Кант, 2024",
    "Кызыл-Аскер, Бишкек",
    "Кант, Гегель и Фихте",
    "Заказды 12 кв жеткирип бериңиз",
    "Получатель Асанов, 2 шт",
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_address_is_found_as_one_span(recognizer, text, expected):
    assert_finds(recognizer, text, expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_look_alike_is_not_an_address(recognizer, text):
    assert_finds(recognizer, text, [])


def test_tables_are_big_enough():
    assert len(POSITIVES) >= 40 and len(NEGATIVES) >= 40


@pytest.mark.parametrize("hint", [["address"], ["delivery_address"], ["дарек"], ["Адрес доставки"]])
def test_address_column_hint_reports_a_street_with_a_number(recognizer, hint):
    assert_finds(recognizer, "Киевская 96", ["Киевская 96"], hints=hint)
    assert_finds(recognizer, "г. Бишкек, ул. Киевская", ["г. Бишкек, ул. Киевская"], hints=hint)


def test_unrelated_column_hint_adds_nothing(recognizer):
    assert_finds(recognizer, "Киевская 96", [], hints=["product_name"])


def test_address_column_hint_does_not_make_a_town_alone_an_address(recognizer):
    assert_finds(recognizer, "Бишкек", [], hints=["address"])


@pytest.mark.parametrize(
    "text,score",
    [
        ("ул. Киевская 96", 0.75),
        ("12 мкр, 15-45", 0.75),
        ("г. Бишкек, ул. Киевская 96", 0.85),
        ("г. Бишкек, ул. Киевская 96, кв. 12", 0.9),
        ("720001, г. Бишкек, пр. Чуй", 0.9),
        ("Боконбаева 45-12", 0.6),
        ("Асанбай 45-12", 0.75),
        ("Киевская 96", 0.4),
    ],
)
def test_scores_follow_how_precise_the_address_is(recognizer, text, score):
    results = recognizer.analyze(text, ["ADDRESS"])
    assert len(results) == 1
    assert results[0].score == pytest.approx(score)


def test_street_guess_without_context_is_below_reporting(recognizer):
    assert found_spans(recognizer, "Сатаркулова 45-12") == []
    assert found_spans(recognizer, "Сатаркулова 45-12", min_score=0.4) == [(0, 17)]


@pytest.mark.parametrize(
    "writings",
    [
        ["г. Бишкек, ул. Киевская, д. 96, кв. 12", "г. Бишкек, ул. Киевская 96, кв. 12",
         "Бишкек, Kievskaya st. 96, apt. 12", "Бишкек ш., Киев көчөсү, 96-үй, 12-батир",
         "720001, Кыргызская Республика, г.Бишкек, ул.Киевская 96-12"],
        ["г. Бишкек, ул. Ахунбаева 12", "Бишкек шаары, Ахунбаев көчөсү, 12-үй",
         "Bishkek, Akhunbaev street 12", "Бишкек ш., Ахунбаев к., 12"],
        ["ж/м Ак-Өргө, ул. Жибек Жолу 5", "ж.м. Ак-Орго, пр. Жибек Жолу, д. 5"],
        ["12 мкр, 15-45", "мкр. 12, д. 15, кв. 45"],
        ["Asanbay 45-12", "Асанбай 45-12", "мкр Асанбай, д. 45, кв. 12"],
        ["Джал 45-12", "Джале, 45 дом, 12 кв", "мкр Джал, дом 45, кв 12"],
        ["720040, г. Бишкек, ул. Абдрахманова 170", "г. Бишкек, ул. Абдрахманова 170"],
    ],
)
def test_writings_of_one_address_share_a_normal_form(recognizer, writings):
    forms = {recognizer.normalize(w) for w in writings}
    assert len(forms) == 1, forms


def test_different_flats_normalize_apart(recognizer):
    assert recognizer.normalize("ул. Киевская 96, кв. 12") != recognizer.normalize("ул. Киевская 96, кв. 13")


def test_prefilter_keywords_are_lowercase_and_cover_the_table(recognizer):
    keywords = list(recognizer.prefilter_keywords())
    assert keywords and all(k == k.lower() for k in keywords)
    for text, expected in POSITIVES:
        if expected:
            assert any(k in text.lower() for k in keywords), text


def test_works_inside_a_presidio_analyzer_engine():
    from scanner.nlp import BlankSpacyNlpEngine

    nlp = BlankSpacyNlpEngine(["ru"])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["ru"])
    registry.add_recognizer(KgAddressRecognizer(supported_language="ru"))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["ru"])
    text = "Жеткирүү дареги: Бишкек ш., Чүй проспектиси, 120-үй, 45-батир. Рахмат!"
    results = engine.analyze(text, language="ru", entities=["ADDRESS"])
    assert [(text[r.start:r.end], r.entity_type) for r in results] == [
        ("Бишкек ш., Чүй проспектиси, 120-үй, 45-батир", "ADDRESS")
    ]
