"""Tests of clean-data, the Firehose transformation. Run from the function folder:

    python3 -m unittest discover -s tests -t .
"""

import base64
import json
import logging
import sys
import unittest
from pathlib import Path

FUNCTION_DIR = Path(__file__).resolve().parents[1]
if str(FUNCTION_DIR) not in sys.path:
    sys.path.insert(0, str(FUNCTION_DIR))

import handler  # noqa: E402  (needs the path above)

# Keep unasserted warnings off the test output; assertLogs still sees every record.
logging.getLogger().addHandler(logging.NullHandler())

BEER = {"id": 192, "name": "Punk IPA 2007 - 2010", "tagline": "Post Modern Classic.",
        "abv": 6.0, "ibu": 60.0, "target_fg": 1010, "target_og": 1056, "ebc": 17.0,
        "srm": 8.5, "ph": 4.4, "ingredients": {"hops": ["Ahtanum"]}}
CLEANED = {"id": 192, "name": "Punk IPA 2007 - 2010", "abv": 6.0, "ibu": 60.0,
           "target_fg": 1010, "target_og": 1056, "ebc": 17.0, "srm": 8.5, "ph": 4.4}


def encode(raw):
    """Base64 of raw bytes or text, as Firehose sends record data."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    return base64.b64encode(raw).decode("ascii")


def record(record_id, payload):
    return {"recordId": record_id, "approximateArrivalTimestamp": 1700000000000,
            "data": encode(json.dumps(payload))}


def output_text(result):
    return base64.b64decode(result["data"], validate=True).decode("utf-8")


def output_beer(result):
    """The single JSON line of an Ok result, parsed; asserts the NDJSON shape on the way."""
    text = output_text(result)
    assert text.endswith("\n") and text.count("\n") == 1, repr(text)
    return json.loads(text)


def json_lines(logs):
    """Every captured message parsed as JSON: fails the test if one is not a JSON object line."""
    entries = []
    for log_record in logs.records:
        message = log_record.getMessage()
        assert "\n" not in message, message
        entry = json.loads(message)
        assert isinstance(entry, dict), message
        entries.append(entry)
    return entries


class TransformRecordTest(unittest.TestCase):
    def transform(self, input_record):
        return handler.transform_record(input_record)

    def assertFailed(self, input_record, error_type=None):
        with self.assertLogs(level="WARNING") as logs:
            result = self.transform(input_record)
        self.assertEqual(result["result"], "ProcessingFailed")
        self.assertEqual(result["recordId"], input_record.get("recordId"))
        (entry,) = json_lines(logs)
        self.assertEqual((entry["level"], entry["message"]), ("WARNING", "record failed"))
        self.assertEqual(entry["record_id"], input_record.get("recordId"))
        if error_type:
            self.assertEqual(entry["error_type"], error_type)
        return result

    def test_object_keeps_analytic_fields_in_order(self):
        result = self.transform(record("r1", BEER))
        self.assertEqual(result["recordId"], "r1")
        self.assertEqual(result["result"], "Ok")
        beer = output_beer(result)
        self.assertEqual(beer, CLEANED)
        self.assertEqual(list(beer), list(handler.KEPT_FIELDS))

    def test_output_is_one_compact_json_line(self):
        text = output_text(self.transform(record("r1", {"id": 1, "name": "A"})))
        self.assertEqual(text, '{"id":1,"name":"A","abv":null,"ibu":null,"target_fg":null,'
                               '"target_og":null,"ebc":null,"srm":null,"ph":null}\n')

    def test_one_element_list(self):
        self.assertEqual(output_beer(self.transform(record("r1", [BEER]))), CLEANED)

    def test_missing_keys_become_null(self):
        beer = output_beer(self.transform(record("r1", {"id": 7, "abv": 4.5})))
        self.assertEqual(beer, {"id": 7, "name": None, "abv": 4.5, "ibu": None, "target_fg": None,
                                "target_og": None, "ebc": None, "srm": None, "ph": None})

    def test_empty_object_is_all_null(self):
        beer = output_beer(self.transform(record("r1", {})))
        self.assertEqual(beer, dict.fromkeys(handler.KEPT_FIELDS))

    def test_unicode_name_is_kept_readable(self):
        name = "Bière Brune 日本 🍺"
        result = self.transform(record("r1", {"id": 1, "name": name}))
        self.assertEqual(output_beer(result)["name"], name)
        self.assertIn(name.encode("utf-8"), base64.b64decode(result["data"]))

    def test_escaped_unicode_input_is_decoded(self):
        raw = '{"id": 1, "name": "Bi\\u00e8re"}'
        beer = output_beer(self.transform({"recordId": "r1", "data": encode(raw)}))
        self.assertEqual(beer["name"], "Bière")

    def test_longer_and_empty_lists_fail(self):
        for payload in ([BEER, BEER], []):
            with self.subTest(payload=payload):
                self.assertFailed(record("r1", payload), "ValueError")

    def test_non_object_json_fails(self):
        for payload in ("beer", 42, None, True, [1], [[BEER]]):
            with self.subTest(payload=payload):
                self.assertFailed(record("r1", payload), "ValueError")

    def test_malformed_base64_fails_and_echoes_data(self):
        for data in ("not base64!!", "YW=Jj", "abc", "Y"):
            with self.subTest(data=data):
                result = self.assertFailed({"recordId": "r1", "data": data}, "Error")
                self.assertEqual(result["data"], data)

    def test_malformed_json_fails(self):
        for raw in ("{not json", "", "{\"id\": 1,}", "\n"):
            with self.subTest(raw=raw):
                self.assertFailed({"recordId": "r1", "data": encode(raw)}, "JSONDecodeError")

    def test_invalid_utf8_fails(self):
        self.assertFailed({"recordId": "r1", "data": encode(b'{"name": "\xff"}')},
                          "UnicodeDecodeError")

    def test_non_string_data_fails_with_empty_data(self):
        for data in (None, 42, b"eyJ9", ["eyJ9"], {"id": 1}):
            with self.subTest(data=data):
                result = self.assertFailed({"recordId": "r1", "data": data}, "TypeError")
                self.assertEqual(result["data"], "")

    def test_missing_data_fails(self):
        result = self.assertFailed({"recordId": "r1"}, "TypeError")
        self.assertEqual(result["data"], "")

    def test_lone_surrogate_fails_instead_of_crashing(self):
        self.assertFailed({"recordId": "r1", "data": encode('{"id": 1, "name": "\\ud800"}')},
                          "UnicodeEncodeError")

    def test_nan_and_infinity_fail(self):
        for raw in ('{"abv": NaN}', '{"ph": -Infinity}', '{"ibu": 1e999}'):
            with self.subTest(raw=raw):
                self.assertFailed({"recordId": "r1", "data": encode(raw)}, "ValueError")

    def test_deeply_nested_json_fails(self):
        self.assertFailed({"recordId": "r1", "data": encode("[" * 100000)}, "RecursionError")


class LambdaHandlerTest(unittest.TestCase):
    def test_mixed_batch_keeps_every_record_in_order(self):
        event = {"invocationId": "inv-1", "deliveryStreamArn": "arn:aws:firehose:...",
                 "region": "eu-west-1", "records": [
                     record("a", BEER),
                     {"recordId": "b", "data": "%%%"},
                     record("c", [{"id": 2, "name": "Trashy Blonde"}]),
                     record("d", [1, 2]),
                     {"recordId": "e", "data": 5},
                     record("f", {"id": 3}),
                 ]}
        with self.assertLogs(level="INFO") as logs:
            response = handler.lambda_handler(event, None)
        results = response["records"]
        self.assertEqual([r["recordId"] for r in results], ["a", "b", "c", "d", "e", "f"])
        self.assertEqual([r["result"] for r in results],
                         ["Ok", "ProcessingFailed", "Ok", "ProcessingFailed", "ProcessingFailed",
                          "Ok"])
        self.assertEqual(output_beer(results[0]), CLEANED)
        self.assertEqual(output_beer(results[2])["name"], "Trashy Blonde")
        self.assertIsNone(output_beer(results[5])["name"])
        for result in results:
            self.assertEqual(set(result), {"recordId", "result", "data"})
            self.assertIsInstance(result["data"], str)
        entries = json_lines(logs)
        self.assertEqual([e["record_id"] for e in entries if e["message"] == "record failed"],
                         ["b", "d", "e"])
        summary = entries[-1]
        self.assertEqual((summary["level"], summary["message"]), ("INFO", "batch transformed"))
        self.assertEqual((summary["records"], summary["failed"]), (6, 3))

    def test_record_that_is_not_an_object_does_not_fail_the_batch(self):
        event = {"records": ["garbage", record("b", BEER)]}
        with self.assertLogs(level="WARNING"):
            results = handler.lambda_handler(event, None)["records"]
        self.assertEqual([(r["recordId"], r["result"]) for r in results],
                         [(None, "ProcessingFailed"), ("b", "Ok")])

    def test_all_good_batch(self):
        event = {"records": [record(str(n), {"id": n, "name": f"Beer {n}"}) for n in range(50)]}
        with self.assertLogs(level="INFO") as logs:
            results = handler.lambda_handler(event, None)["records"]
        self.assertEqual([r["recordId"] for r in results], [str(n) for n in range(50)])
        self.assertTrue(all(r["result"] == "Ok" for r in results))
        self.assertEqual([output_beer(r)["id"] for r in results], list(range(50)))
        (summary,) = json_lines(logs)
        self.assertEqual((summary["records"], summary["failed"]), (50, 0))

    def test_empty_batch(self):
        with self.assertLogs(level="INFO") as logs:
            self.assertEqual(handler.lambda_handler({"records": []}, None), {"records": []})
        self.assertEqual(json_lines(logs)[0]["records"], 0)


if __name__ == "__main__":
    unittest.main()
