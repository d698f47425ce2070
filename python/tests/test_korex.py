"""The Python package against the CLI and the schema, with exact values."""

import threading
import time

import pytest

import korex

MOU = (
    "과학기술정보통신부는 오픈AI와 AI 분야 협력 양해각서(MOU)를 체결했다. "
    "정부는 150조 원 규모의 국민성장펀드를 조성할 계획이다."
)


def entity(record, entity_id):
    return next(e for e in record["entities"] if e["id"] == entity_id)


def test_extract_finds_the_mou_and_the_amount(validate):
    record = validate(korex.extract(MOU, id="mou"))
    assert record["id"] == "mou"
    assert record["source"] is None
    assert record["language"] == "ko"
    assert record["text_chars"] == len(MOU)
    [amount] = record["amounts"]
    assert amount["text"] == "150조 원"
    assert MOU[amount["start"]:amount["end"]] == "150조 원"
    assert amount["value"] == 150_000_000_000_000
    assert amount["currency"] == "KRW"
    assert amount["currency_inferred"] is False
    assert amount["subject"] == "국민성장펀드"
    mou, fund = record["commitments"]
    assert (mou["type"], mou["status"], mou["predicate"]) == ("agreement", "completed", "체결하다")
    assert mou["object"] == "AI 분야 협력 양해각서(MOU)"
    assert [entity(record, a)["name_en"] for a in mou["actors"]] == ["Ministry of Science and ICT"]
    assert [entity(record, c)["name_en"] for c in mou["counterparts"]] == ["OpenAI"]
    assert (fund["type"], fund["status"], fund["amounts"]) == ("plan", "intended", [amount["id"]])


def test_defaults_and_titles(validate):
    record = validate(korex.extract("제목\n\n본문이다."))
    assert record["id"] == "stdin"
    assert record["title"] == "제목"
    record = validate(korex.extract("본문이다.", id="x", title="따로 준 제목"))
    assert (record["id"], record["title"]) == ("x", "따로 준 제목")


def test_records_equal_the_cli(repo, cli_records, validate):
    paths = sorted((repo / "corpus" / "ko").glob("*.txt"))[:6] + sorted(
        (repo / "corpus" / "en").glob("*.txt")
    )[:3]
    want = cli_records(*paths)
    assert [r["id"] for r in want] == [p.stem for p in paths]
    got = korex.extract_many([{"id": p.stem, "text": p.read_text()} for p in paths])
    for path, w, g in zip(paths, want, got):
        validate(g)
        assert w["source"] == str(path)
        assert g["source"] is None
        w["source"] = None
        assert g == w, path.name
    one = korex.extract(paths[0].read_text(), id=paths[0].stem)
    assert one == got[0]


def test_extract_many_keeps_order_and_reports_bad_items(validate):
    items = [
        "Samsung signed a $500 billion deal.",
        {"id": "b", "title": "제목", "text": MOU},
        {"id": 7, "text": "SK하이닉스는 10% 늘렸다."},
        {"id": "bad"},
        "",
    ]
    records = korex.extract_many(iter(items), jobs=2)
    assert [r["id"] for r in records] == ["0", "b", "7", "3", "4"]
    for record in records:
        validate(record)
    assert records[0]["amounts"][0]["value"] == 500_000_000_000
    assert records[0]["amounts"][0]["currency"] == "USD"
    assert records[1]["title"] == "제목"
    assert records[1]["amounts"][0]["value"] == 150_000_000_000_000
    assert records[2]["amounts"][0]["kind"] == "percent"
    assert records[2]["amounts"][0]["value"] == 10
    assert records[3] == {
        "id": "3",
        "source": None,
        "error": {
            "kind": "malformed_record",
            "message": "line 4: missing field `text` at line 1 column 13",
        },
    }
    assert (records[4]["text_chars"], records[4]["sentences"]) == (0, [])
    assert korex.extract_many(items, jobs=1) == records
    assert korex.extract_many([]) == []


def test_extract_many_refuses_other_types():
    with pytest.raises(TypeError, match="item 1 is a int"):
        korex.extract_many(["a", 5])


def test_pipeline_with_a_gazetteer(tmp_path, validate):
    gazetteer = tmp_path / "extra.tsv"
    gazetteer.write_text(
        "# a test gazetteer\nid\ttype\tname_ko\tname_en\taliases_ko\taliases_en\taffiliation\n"
        "org:zorblax\tORG\t조르블락스\tZorblax Corp\t\t\t\n"
    )
    text = "조르블락스는 공장을 짓는다."
    assert korex.extract(text)["entities"] == []
    pipeline = korex.Pipeline(gazetteer=[str(gazetteer)])
    record = validate(pipeline.extract(text, id="z"))
    assert [(e["name"], e["name_en"], e["type"]) for e in record["entities"]] == [
        ("조르블락스", "Zorblax Corp", "ORG")
    ]
    [again] = pipeline.extract_many([{"id": "z", "text": text}])
    assert again == record
    assert "extra.tsv" in repr(pipeline)
    with pytest.raises(korex.KorexError):
        korex.Pipeline(gazetteer=[str(tmp_path / "missing.tsv")])


def test_tokens_on_request(validate):
    record = validate(korex.Pipeline(tokens=True).extract("오픈AI가 왔다."))
    assert [t["text"] for t in record["tokens"]][:1] == ["오픈AI"]
    assert "tokens" not in validate(korex.extract("오픈AI가 왔다."))


def test_schema_is_the_published_one(repo):
    import json

    assert korex.schema() == json.loads((repo / "schema" / "korex.schema.json").read_text())


def test_the_gil_is_released_while_extracting(repo):
    texts = [p.read_text() for p in sorted((repo / "corpus" / "ko").glob("*.txt"))] * 4
    ticks = 0
    stop = threading.Event()

    def tick():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    korex.extract("warm up")
    thread = threading.Thread(target=tick)
    thread.start()
    try:
        started = time.monotonic()
        korex.extract_many(texts, jobs=1)
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        thread.join()
    # With the GIL held the ticker would stand still for the whole call.
    assert elapsed > 0.05
    assert ticks > 20, (ticks, elapsed)
