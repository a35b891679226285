"""Sample inputs shared by the tests/test_ingest_*.py modules, built from the seeds in memory."""

from __future__ import annotations

from flows.paths import REPO_ROOT


def seed(number: int) -> str:
    """Text of seed `number` (seeds/000_*.txt ...)."""
    (path,) = (REPO_ROOT / "seeds").glob(f"{number:03d}_*.txt")
    return path.read_text(encoding="utf-8")


# The first paragraphs of seed 000, with the curly quotes ISO-8859-6 cannot encode made plain.
ARABIC = "\n".join(seed(0).split("\n")[:4]).replace("“", '"').replace("”", '"')


def news_page(paragraphs: list[str]) -> str:
    """A saved news page: the article plus menus, share widgets, teasers, footer and scripts.

    Each piece of furniture carries a Latin marker word so a test can check it stayed out.
    """
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>بوتين يستقبل كيم | موقع الأخبار</title>
<meta property="og:title" content="بوتين يستقبل كيم في قاعدة فوستوشني">
<meta property="article:published_time" content="2023-09-13T08:30:00+03:00">
<script>var tracker = "SCRIPTMARK";</script><style>.menu {{ color: red }}</style></head><body>
<header><nav class="menu"><ul><li><a href="/">الرئيسية</a></li><li><a href="/p">سياسة NAVMARK</a></li>
<li><a href="/e">اقتصاد</a></li></ul></nav></header>
<main><article><h1>بوتين يستقبل كيم في قاعدة فوستوشني</h1>
<div class="social-share"><a href="#">شارك على فيسبوك SHAREMARK</a><a href="#">تويتر</a></div>
<ul class="share-buttons"><li><a href="#">واتساب SHARE2MARK</a></li><li><a href="#">تلغرام</a></li></ul>
{body}
<div id="share"><a href="#">انسخ الرابط SHARE3MARK</a></div>
</article></main>
<aside class="related"><h3>اقرأ أيضا</h3><ul><li><a href="/x">خبر آخر عن موضوع مختلف RELATEDMARK</a></li></ul></aside>
<div class="cookie-banner">نستخدم ملفات تعريف الارتباط لتحسين تجربتك COOKIEMARK</div>
<footer><p>جميع الحقوق محفوظة © 2023 FOOTERMARK</p><a href="/privacy">سياسة الخصوصية</a></footer>
<script>document.write("SCRIPT2MARK");</script></body></html>"""


FURNITURE_MARKERS = (
    "SCRIPTMARK", "NAVMARK", "SHAREMARK", "SHARE2MARK", "SHARE3MARK",
    "RELATEDMARK", "COOKIEMARK", "FOOTERMARK", "SCRIPT2MARK",
)
