"""Rule packs, term matching and the allow-list, on hand-made pages (no binaries)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from stdnum import luhn
from stdnum.cn import ric

from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.redact import policy as pol
from sandbox.redact.detectors import detect
from sandbox.redact.textmap import build, fold

ID_OK = "11010519880605271" + ric.calc_check_digit("11010519880605271" + "0")
# no birth date two digits from a real one (month 13, day 45): no reading error makes it an ID
ID_BAD = ID_OK[:10] + "1345" + ID_OK[14:]
CARD = "622848001234567" + luhn.calc_check_digit("622848001234567")


def page(*lines: str, top: int = 0, gap: int = 10, lang: str = "eng") -> Page:
    """Words split on spaces; CJK runs become one word per character, as Tesseract does."""
    out = []
    y = top
    for text in lines:
        words = []
        x = 0
        for token in text.split(" "):
            parts = list(token) if token and all("\u4e00" <= c <= "\u9fff" for c in token) else [token]
            for part in parts:
                words.append(Word(part, BBox(x, y, x + 10 * len(part), y + 20), 0.9))
                x += 10 * len(part) + gap
        out.append(Line(tuple(words), BBox(0, y, x, y + 20), 1, 1))
        y += 30
    return Page(0, 1000, 1000, 300, PageSource.OCR, tuple(out), lang)


def found(p: Page, policy: pol.Policy | None = None) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in detect(p, policy or pol.default())]


def test_markings_chinese_and_english() -> None:
    assert found(page("机密★1年")) == [("markings", "机密★1年")]
    assert found(page("秘密★ 文件")) == [("markings", "秘密★")]
    assert found(page("工作秘密")) == [("markings", "工作秘密")]
    assert found(page("属于工作秘密")) == []  # prose: the word inside a sentence is no marking
    assert found(page("TOP SECRET//NOFORN")) == [("markings", "TOP SECRET"), ("markings", "NOFORN")]
    assert found(page("OFFICIAL-SENSITIVE")) == [("markings", "OFFICIAL-SENSITIVE")]
    assert found(page("a secret recipe, kept confidential")) == []  # prose, not a marking


def test_marking_scope_line_and_page() -> None:
    p = page("INTERNAL memo", "body text")
    line = detect(p, replace(pol.default(), marking_scope="line"))
    assert [f.scope for f in line] == ["line"]
    assert [f.scope for f in detect(p, replace(pol.default(), marking_scope="page"))] == ["page"]


def test_cn_identity_number_checksum_validated() -> None:
    assert found(page(f"身份证号 {ID_OK}")) == [("pii-cn.id", ID_OK)]
    assert "pii-cn.id" not in dict(found(page(f"身份证号 {ID_BAD}")))


def test_cn_phones_cards_codes() -> None:
    assert found(page("手机 13812345678")) == [("pii-cn.mobile", "13812345678")]
    assert found(page("电话 010-63456789")) == [("pii-cn.landline", "010-63456789")]
    rules = dict(found(page(f"卡号 {CARD}")))
    assert rules.get("pii-cn.bank-card") == CARD
    assert found(page("卡号 6228480012345670")) == []  # Luhn fails
    assert found(page("代码 91110108MA01K2QX7A")) == [("pii-cn.uscc", "91110108MA01K2QX7A")]
    assert found(page("代码 91110108MAO1K2QX7A")) == [("pii-cn.uscc", "91110108MAO1K2QX7A")]  # O read for 0
    assert found(page("护照 E12345678")) == [("pii-cn.passport", "E12345678")]


def test_international_personal_data() -> None:
    assert found(page("mail jane.doe@example.org now")) == [("pii-intl.email", "jane.doe@example.org")]
    assert found(page("call +44 20 7946 0321 today")) == [("pii-intl.phone", "+44 20 7946 0321")]
    assert found(page("IBAN GB33 BUKB 2020 1555 5555 55 before")) == [("pii-intl.iban", "GB33 BUKB 2020 1555 5555 55")]
    cards = found(page("card 4111 1111 1111 1111"))  # one finding; the first card rule names it
    assert len(cards) == 1 and cards[0][0] in ("pii-cn.bank-card", "pii-intl.card")
    assert found(page("card 4111 1111 1111 1112")) == []  # Luhn fails
    assert found(page("host 192.0.2.45 up")) == [("pii-intl.ip", "192.0.2.45")]
    assert found(page("host 2001:db8::1 up")) == [("pii-intl.ip", "2001:db8::1")]
    assert found(page("version 1.2.3.400 and 999.1.1.1")) == []
    assert found(page("时间 :: 地点 ::1 说明 a::")) == []  # punctuation read as colons identifies no one
    assert found(page("tion | oo | 2 : : a")) == []  # a grainy report footer's stray marks (inkpages.REPORT_PAGES)
    assert found(page("x 2::a and 1:2::3 y")) == []
    assert found(page("link fe80::1 and 00:1a:2b::ff")) == [("pii-intl.ip", "fe80::1"), ("pii-intl.ip", "00:1a:2b::ff")]


def _terms(*terms: str, **kw: object) -> pol.Policy:
    return replace(pol.Policy(packs=("terms",)), terms=terms, **kw)  # type: ignore[arg-type]


def test_terms_case_width_and_line_breaks() -> None:
    p = page("meet ＥＬＥＡＮＯＲ", "whitfield at noon")
    assert found(p, _terms("Eleanor Whitfield")) == [("terms", "ＥＬＥＡＮＯＲ\nwhitfield")]
    f = detect(p, _terms("Eleanor Whitfield"))[0]
    assert [p.words[i].text for i in f.words] == ["ＥＬＥＡＮＯＲ", "whitfield"]


def test_terms_hyphenation_and_whole_words() -> None:
    assert found(page("Mr Martin-", "ez said"), _terms("Martinez")) == [("terms", "Martin-\nez")]
    # a short term only as a whole word; a long one even glued to letters or digits (OCR drops spaces)
    assert found(page("Annual report by Ann"), _terms("Ann")) == [("terms", "Ann")]
    assert found(page("ref MrKestrel2024"), _terms("Kestrel")) == [("terms", "Kestrel")]
    assert found(page("Hollo—", "way and Brennan2024"), _terms("Holloway", "Brennan")) == [
        ("terms", "Hollo—\nway"),
        ("terms", "Brennan"),
    ]


def test_terms_ocr_confusions_only_when_asked() -> None:
    p = page("Project K3strel and C0rnwall rnoor")
    assert found(p, _terms("Cornwall", fuzzy=False)) == []
    assert found(p, _terms("Cornwall", "moor", ocr_confusions=True)) == [("terms", "C0rnwall"), ("terms", "rnoor")]


def test_chinese_terms_across_character_words() -> None:
    p = page("联系人 张伟 ，手机")
    f = detect(p, _terms("张伟"))
    assert [(x.rule, x.text) for x in f] == [("terms", "张伟")] and len(f[0].words) == 2


def test_regex_and_allow_list() -> None:
    p = page("ticket PRJ-2041 and SECRET SANTA party")
    policy = replace(pol.default(), packs=("markings", "regex"), patterns=(r"PRJ-\d{4}",), allow=("secret santa",))
    assert found(p, policy) == [("regex.1", "PRJ-2041")]


def test_fold_maps_back() -> None:
    f = fold("Ａb  c-\nd")
    assert f.text == "ab cd"
    assert f.span(0, 2) == (0, 2)


def test_page_text_owners() -> None:
    pt = build(page("安 全 检查", "ok go"))
    assert pt.text == "安全检查\nok go"
    assert pt.words_in(0, 4) == [0, 1, 2, 3]  # one word per Han character
    assert pt.words_in(5, 10) == [4, 5]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('packs = ["nope"]', "unknown pack"),
        ('[markings]\nscope = "paragraph"', "markings.scope"),
        ('packs = ["regex"]\n[regex]\npatterns = ["("]', "invalid"),
        ("version = 2", "unsupported policy version"),
        ("packs = [", "not a valid TOML"),
    ],
)
def test_policy_errors_are_usage_errors(tmp_path, toml: str, message: str) -> None:  # type: ignore[no-untyped-def]
    from sandbox.errors import ExitCode, UsageError

    path = tmp_path / "policy.toml"
    path.write_text(toml)
    with pytest.raises(UsageError, match=message) as err:
        pol.load(path)
    assert err.value.exit_code is ExitCode.USAGE


def test_policy_file_and_terms_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.toml"
    path.write_text('packs = ["markings"]\n[markings]\nscope = "line"\n[output]\ncover_lines = true\n')
    loaded = pol.load(path)
    assert loaded.packs == ("markings",) and loaded.marking_scope == "line" and loaded.cover_lines
    terms = tmp_path / "terms.txt"
    terms.write_text("# names\nAlice Smith\n\n李娜\n")
    with_terms = loaded.with_terms(pol.read_terms(terms))
    assert with_terms.terms == ("Alice Smith", "李娜") and "terms" in with_terms.packs
    assert pol.default().packs == ("markings", "pii-cn", "pii-intl")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("联系电话：一三九一二三四五六七八", "pii-cn.mobile"),
        ("手机 幺三八 幺二三四 五六七八", "pii-cn.mobile"),
        ("身份证号：四四〇三〇四一九八五〇七一二四五二一", "pii-cn.id"),
    ],
)
def test_numbers_written_in_chinese_numerals_are_found(text: str, rule: str) -> None:
    """Phone and ID numbers dictated or typed in Chinese numerals (幺 for 1, 〇 for 0) are the
    same numbers: the number packs read them as digits, one character for one."""
    from sandbox.redact.detectors import detect_text
    from sandbox.redact.policy import Policy
    from sandbox.redact.textmap import PageText

    pt = PageText(text, tuple(-1 for _ in text), ())
    matches = [m for m in detect_text(pt, Policy()) if m.rule == rule]
    assert matches and text[matches[0].start : matches[0].end].strip()[0] in "一幺四"


@pytest.mark.parametrize("text", ["二〇二四年三月十五日", "第一二三条与第四五条", "一二三四五六次会议"])
def test_dates_and_ordinals_in_chinese_numerals_are_no_numbers(text: str) -> None:
    from sandbox.redact.detectors import detect_text
    from sandbox.redact.policy import Policy
    from sandbox.redact.textmap import PageText

    pt = PageText(text, tuple(-1 for _ in text), ())
    assert detect_text(pt, Policy()) == []


def test_a_kept_text_stays_kept_however_a_view_spaces_or_confuses_it() -> None:
    """A reviewer kept an e-mail address; another reading splits it at the ``@`` or reads
    ``1`` for ``l``: it is still the text they kept, and a different address is not."""
    from sandbox.redact.textmap import kept_form

    kept = kept_form("daniel.okafor@harrowgate.example.com")
    assert kept_form("Daniel.Okafor@ harrowgate.example.com") == kept
    assert kept_form("danie1.okafor@harrowgate.example.com") == kept
    assert kept_form(kept) == kept
    assert kept_form("daniel.okafor@harrowgate.example.org") != kept
