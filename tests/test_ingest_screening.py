"""Junk screening: each kind of junk gets its own reason; real articles pass."""

from __future__ import annotations

import pytest
from ingest_samples import ARABIC, seed

from transforms.screening import screen, too_large


@pytest.mark.parametrize("number", range(5))
def test_seed_articles_pass(number):
    assert screen(seed(number)) is None


def test_arabic_article_quoting_latin_names_passes():
    assert screen(ARABIC + "\nNATO, Reuters, AFP, Kim Jong Un, Vladimir Putin.") is None


@pytest.mark.parametrize(("text", "detail"), [("", "no text"), (" \n\t\n", "whitespace only")])
def test_empty(text, detail):
    assert screen(text) == ("empty", detail, None)


def test_oversized_text_uses_the_limit_given():
    text = ARABIC * 10
    size = len(text.encode("utf-8"))
    assert screen(text, max_bytes=size) is None
    assert screen(text, max_bytes=size - 1).reason == "too_large"
    assert too_large(size + 1, size).reason == "too_large" and too_large(size, size) is None


def test_binary_decoded_as_text():
    assert screen("\x01\x02\x03PK\x04" * 200 + ARABIC).reason == "binary"


def test_english_file(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text("President Putin met Kim Jong Un at the Vostochny cosmodrome, officials said.\n" * 20)
    rejection = screen(path.read_text())
    assert rejection.reason == "not_arabic" and "0%" in rejection.detail


def test_boilerplate_only_text():
    page = "\n".join(
        [
            "الرئيسية",
            "سياسة اقتصاد رياضة ثقافة فنون منوعات تكنولوجيا صحة مقالات",
            "شارك",
            "مشاركة :",
            "فيسبوك تويتر واتساب تلغرام",
            "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا، وبمواصلة التصفح فإنك توافق على ذلك.",
            "اشترك في النشرة البريدية ليصلك كل جديد من أخبارنا يوميا على بريدك الإلكتروني.",
            "جميع الحقوق محفوظة © 2024 لموقع الأخبار العربية، ولا يجوز النسخ دون إذن.",
        ]
    )
    assert screen(page).reason == "boilerplate"
