"""The language of a document: sentences written for these tests in each language, and
short English texts (titles, labels, bullets with numbers) that must stay English."""

import time

import pytest

from extract import detect_language
from extract.language import is_english, language_name
from extract.lexicon import data_table

SENTENCES = {
    "en": "At least ten people were killed on Monday in an attack on a market in the city, "
          "local officials said.",
    "fr": "Au moins douze personnes ont été tuées mardi dans une attaque contre un marché de la "
          "ville, selon les autorités locales.",
    "es": "Según las autoridades, al menos quince personas murieron el lunes en un ataque "
          "contra una estación de policía en el norte del país.",
    "pt": "Pelo menos oito pessoas foram mortas na noite de domingo em um ataque a uma aldeia "
          "no norte da província, segundo a polícia.",
    "de": "Bei einem Anschlag auf einen Markt sind nach Angaben der Behörden mindestens zehn "
          "Menschen getötet worden.",
    "it": "Almeno sei persone sono state uccise nella notte in un attacco contro un villaggio, "
          "secondo le autorità della regione.",
    "nl": "Volgens de politie zijn bij een aanval op een markt in het noorden van het land "
          "zeker negen mensen om het leven gekomen.",
    "id": "Sedikitnya tujuh orang tewas dalam serangan di sebuah pasar pada hari Senin, kata "
          "polisi setempat kepada wartawan.",
    "tr": "Yetkililere göre pazar yerine düzenlenen saldırıda en az on kişi hayatını kaybetti "
          "ve çok sayıda kişi yaralandı.",
    "sw": "Watu wanane waliuawa katika shambulio la usiku kwenye kijiji hicho, polisi walisema "
          "kwa waandishi wa habari baada ya tukio.",
    "so": "Ugu yaraan toban qof ayaa lagu dilay weerar ka dhacay suuqa magaalada, sida ay "
          "sheegeen saraakiisha dowladda iyo dadka deegaanka.",
    "ar": "قتل ما لا يقل عن عشرة أشخاص في هجوم على سوق في المدينة، حسب ما قالت السلطات "
          "المحلية يوم الاثنين.",
    "fa": "به گفته مقامات محلی، دست کم ده نفر در حمله به یک بازار در شمال کشور کشته شدند.",
    "ur": "مقامی حکام کے مطابق شہر کے بازار میں ہونے والے حملے میں کم از کم دس افراد ہلاک ہو "
          "گئے ہیں۔",
    "ru": "По данным местных властей, в результате нападения на рынок в понедельник погибли "
          "не менее десяти человек.",
    "uk": "За даними місцевої влади, внаслідок нападу на ринок у понеділок загинули "
          "щонайменше десять людей, ще двоє були поранені.",
    "zh": "据当地官员称，星期一在该市一个市场发生的袭击中至少有十人死亡。",
    "ja": "地元当局によると、月曜日に市場で起きた襲撃で少なくとも10人が死亡した。",
    "ko": "현지 당국에 따르면 월요일 시장에서 발생한 공격으로 최소 10명이 사망했다.",
    "he": "לפי הרשויות המקומיות, לפחות עשרה בני אדם נהרגו בפיגוע בשוק ביום שני.",
    "el": "Σύμφωνα με τις τοπικές αρχές, τουλάχιστον δέκα άνθρωποι σκοτώθηκαν σε επίθεση σε "
          "αγορά τη Δευτέρα.",
    "hi": "स्थानीय अधिकारियों के अनुसार सोमवार को बाजार में हुए हमले में कम से कम दस लोग मारे गए।",
}


@pytest.mark.parametrize("code", SENTENCES)
def test_one_sentence_tells_its_language(code):
    assert detect_language(SENTENCES[code]) == code


@pytest.mark.parametrize("text", [
    "Killed: 12",
    "- 12 killed\n- 30 wounded\n- 1,200 displaced",
    "| Killed | 12 |\n| Injured | 30 |",
    "BREAKING: 3 dead in Mogadishu blast",
    "Gunmen kill 14 in Zamfara",
    "UN: 40 dead in El Fasher; al-Shabaab claims Mogadishu attack",
    "Le Monde reported 12 killed in La Paz, the UN said.",
    "Casualties (Ministry of Health, 3 May): 12 killed, 30 injured",
    "Attaque à Kidal: 12 morts",  # a foreign title alone is too little to tell
])
def test_short_english_and_too_short_texts_are_english(text):
    assert detect_language(text) == "en"


def test_an_english_report_quoting_another_language_is_english():
    text = (SENTENCES["en"] + " A resident told the agency: \"Nous avons tout perdu dans "
            "l'incendie, il ne reste rien.\" Rescue teams were still searching the rubble on "
            "Tuesday, and the hospital said it had treated 40 wounded.")
    assert detect_language(text) == "en"


def test_a_french_report_with_english_names_is_french():
    text = (SENTENCES["fr"] + " Le porte-parole de Human Rights Watch a déclaré que les "
            "victimes étaient des civils. Reuters n'a pas pu vérifier ces chiffres.")
    assert detect_language(text) == "fr"


def test_a_text_without_letters_is_undetermined():
    assert detect_language("") == "und"
    assert detect_language("12 / 3 / 2026 — 45, 67") == "und"


def test_a_long_text_is_judged_by_its_beginning_in_bounded_time():
    spanish = " ".join([SENTENCES["es"]] * 200)  # 28,000 characters
    started = time.process_time()  # (CPU time of this process: other work does not count)
    assert detect_language(spanish + " " + SENTENCES["en"] * 50_000) == "es"  # 5 MB
    assert detect_language(SENTENCES["fr"] * 20 + "x" * 5_000_000) == "fr"
    assert time.process_time() - started < 5  # (reading all 5 MB word by word takes longer)


def test_names_and_what_counts_as_english():
    assert language_name("fr") == "French" and language_name("ar") == "Arabic"
    assert language_name("xx") == "xx"
    assert is_english("en") and is_english("und") and not is_english("fr")


def test_the_word_lists_follow_their_rules():
    data = data_table("languages.toml")
    english = set(data["function_words"]["en"])
    for code, found in data["function_words"].items():
        assert code in data["names"], code
        for word in found:
            assert word == word.casefold() and word.isalpha(), (code, word)
        if code != "en":
            assert not english & set(found), (code, english & set(found))
    for script, codes in data["scripts"].items():
        assert codes and all(c in data["names"] for c in codes), script
